"""What paid providers cost: a ledger row per call attempt, prices, and the budget guard."""
