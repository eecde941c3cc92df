"""The one build clock: SOURCE_DATE_EPOCH when set (reproducible builds), else now; dates are
days of the authority's time zone (qms.yml approval.timezone, default Europe/Bucharest)."""

from __future__ import annotations

import datetime as dt
import os
from functools import cache
from zoneinfo import ZoneInfo

DEFAULT_TZ = "Europe/Bucharest"


@cache
def zone(name: str = DEFAULT_TZ) -> ZoneInfo:
    return ZoneInfo(name)


def build_time(tz: str = DEFAULT_TZ) -> dt.datetime:
    """SOURCE_DATE_EPOCH, else the current time, in the zone tz (aware)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH", "").strip()
    now = dt.datetime.fromtimestamp(int(epoch), dt.UTC) if epoch.isdigit() else \
        dt.datetime.now(dt.UTC)
    return now.astimezone(zone(tz))


def build_date(tz: str = DEFAULT_TZ) -> dt.date:
    """The build's day in the authority's time zone."""
    return build_time(tz).date()


def local_day(moment: dt.datetime, tz: str = DEFAULT_TZ) -> str:
    """YYYY-MM-DD of an aware moment in the authority's time zone."""
    return moment.astimezone(zone(tz)).date().isoformat()
