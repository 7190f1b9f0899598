"""What a planned call is expected to cost, from the price table in settings."""

from dataclasses import dataclass
from decimal import ROUND_HALF_UP, Decimal

from app.config import get_settings
from app.core.errors import ProviderError

CENT_FRACTIONS = Decimal("0.0001")


@dataclass(frozen=True)
class PlannedCall:
    """One paid call a provider intends to make (each attempt of it costs this again)."""

    provider: str  # mubert | openai | replicate (the ledger's spelling)
    label: str  # how the creator knows the service: "Mubert", "OpenAI", "Replicate"
    model: str
    role: str  # music | image | planner | transcription
    units: float
    unit: str  # track | image | second | 1k_tokens | minute (of audio transcribed)
    # A priced variant of the model (a resolution, say): "provider:model@variant" is looked up
    # before "provider:model".
    variant: str = ""


def unit_price(*, provider: str, model: str, role: str, label: str, variant: str = "") -> Decimal:
    prices = get_settings().usage.prices
    keys = (f"{provider}:{model}", f"{provider}:{role}")
    for key in (f"{provider}:{model}@{variant}", *keys) if variant else keys:
        if key in prices:
            return Decimal(str(prices[key]))
    # Refuse rather than guess zero: an uncosted call would slip past the budget guard.
    raise ProviderError(
        f"no price for {provider}:{model} in PROVIDER_PRICES; add one (or a {provider}:{role} fallback) "
        "so the budget guard can cost it",
        provider=label,
    )


def cost_of(call: PlannedCall, *, units: float | None = None) -> Decimal:
    price = unit_price(
        provider=call.provider, model=call.model, role=call.role, label=call.label, variant=call.variant
    )
    amount = price * Decimal(str(call.units if units is None else units))
    return amount.quantize(CENT_FRACTIONS, rounding=ROUND_HALF_UP)


def total(calls: list[PlannedCall]) -> Decimal:
    return sum((cost_of(c) for c in calls), Decimal(0))


def usd(amount: Decimal | float) -> str:
    return f"${Decimal(str(amount)).quantize(Decimal('0.01'), rounding=ROUND_HALF_UP)}"
