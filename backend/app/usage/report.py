"""This month's provider usage for GET /api/stats. Spend is for the whole studio, not per
user: the keys, the bill and the budget are the studio's."""

from pydantic import BaseModel, Field
from sqlalchemy.orm import Session

from app.config import get_settings
from app.usage import ledger


class QuotaUse(BaseModel):
    used: int = Field(description="Tracks Mubert made this calendar month (UTC)")
    limit: int = Field(description="The plan's monthly tracks (MONTHLY_GENERATION_QUOTA)")
    used_percent: float
    alert: bool = Field(description="True past QUOTA_ALERT_RATIO of the plan (80 % by default)")


def spend_by_provider(db: Session) -> dict[str, float]:
    return {provider: round(total, 4) for provider, total in ledger.spend_by_provider(db).items()}


def mubert_quota(db: Session) -> QuotaUse | None:
    """Mubert's plan quota, when Mubert is in use (selected, or used this month)."""
    settings = get_settings()
    used = ledger.month_count(db, provider="mubert")
    if settings.providers.music != "mubert" and not used:
        return None
    share = used / settings.usage.monthly_generation_quota
    return QuotaUse(
        used=used,
        limit=settings.usage.monthly_generation_quota,
        used_percent=round(share * 100, 1),
        alert=share > settings.usage.quota_alert_ratio,
    )
