"""Typed pandas DataFrames over the register; the only register module importing pandas.

Column types (the same on SQLite and PostgreSQL):

* vocabularies (``request_type``, ``status``, ``channel``, ``decision``,
  ``extension_reason``, ``identity_method``) -> ``Categorical`` whose categories are
  the full vocabulary (so counts show zeros); ``status`` is ordered along the lifecycle;
* calendar dates (``received``, ``due_nominal``, ``due``, ``…_on``) ->
  ``datetime64[us]``, naive, at midnight;
* moments (``received_at``, ``answered_at``, ``closed_at``, ``created_at``,
  ``updated_at``) -> ``datetime64[us, Europe/Amsterdam]``;
* yes/no -> ``bool``; ``identity_verified`` and ``told_about_complaint``, which may be
  unknown, -> nullable ``boolean``;
* text -> pandas' string dtype (missing = NaN); ``version`` -> ``int64``.
"""

from __future__ import annotations

from typing import Any

import pandas as pd

from privacy_kb.clock import TZ_NAME
from privacy_kb.register import schema
from privacy_kb.register.validation import as_today

DATE_DTYPE = "datetime64[us]"
MOMENT_DTYPE = f"datetime64[us, {TZ_NAME}]"

#: Categorical columns and their categories.
CATEGORIES: dict[str, tuple[str, ...]] = {
    "request_type": schema.REQUEST_TYPES,
    "status": schema.STATUSES,
    "channel": schema.CHANNELS,
    "decision": schema.OUTCOMES,
    "extension_reason": schema.EXTENSION_REASONS,
    "identity_method": schema.IDENTITY_METHODS,
}
_NULLABLE_BOOLS = {"identity_verified", "told_about_complaint"}


def _dates(values: pd.Series) -> pd.Series:
    first = values.dropna()
    if len(first) and isinstance(first.iloc[0], str):
        out = pd.to_datetime(values, format="%Y-%m-%d")
    else:
        out = pd.to_datetime(values)
    return out.astype(DATE_DTYPE)


def _moments(values: pd.Series) -> pd.Series:
    out = pd.to_datetime(values, format="ISO8601", utc=True)
    return out.dt.tz_convert(TZ_NAME).astype(MOMENT_DTYPE)


def typed_frame(names: list[str], rows: list[tuple]) -> pd.DataFrame:
    """A DataFrame of request rows (as from ``Register.rows(raw=True)``), typed."""
    df = pd.DataFrame.from_records(rows, columns=names)
    for col in names:
        if col in schema.DATE_COLUMNS:
            df[col] = _dates(df[col])
        elif col in schema.MOMENT_COLUMNS:
            df[col] = _moments(df[col])
        elif col in CATEGORIES:
            df[col] = pd.Categorical(df[col], categories=CATEGORIES[col],
                                     ordered=col == "status")
        elif col in _NULLABLE_BOOLS:
            df[col] = df[col].astype("boolean")
        elif col in schema.BOOL_COLUMNS:
            df[col] = df[col].astype(bool)
        elif col == "version":
            df[col] = df[col].astype("int64")
        else:
            df[col] = df[col].astype("str")
    return df


def requests_frame(reg: Any, *, columns: list[str] | None = None,
                   **filters: Any) -> pd.DataFrame:
    """Requests matching ``filters`` (see ``Register.frame``) as a typed DataFrame."""
    names, rows = reg.rows(columns, raw=True, **filters)
    return typed_frame(names, rows)


def overdue_frame(reg: Any, today: Any = None) -> pd.DataFrame:
    """Open requests past their legal due date; ``days_overdue``; most overdue first."""
    day = as_today(today, reg.now())
    df = requests_frame(reg, overdue=True, today=day)
    df["days_overdue"] = (pd.Timestamp(day) - df["due"]).dt.days.astype("int64")
    return df.sort_values(["due", "id"], ignore_index=True)


def due_soon_frame(reg: Any, today: Any = None, days: int = 7) -> pd.DataFrame:
    """Open, not overdue, nominal due date within ``days``; ``days_left`` to the
    legal date; soonest first."""
    day = as_today(today, reg.now())
    names, rows = reg.rows(None, raw=True, due_within=days, today=day)
    df = typed_frame(names, rows)
    df["days_left"] = (df["due"] - pd.Timestamp(day)).dt.days.astype("int64")
    return df.sort_values(["due_nominal", "due", "id"], ignore_index=True)


def _show(value: Any) -> str:
    if value is None:
        return "—"
    if isinstance(value, bool):
        return "ja" if value else "nee"
    return str(value)


def summarise(changes: dict[str, list[Any]]) -> str:
    """``field: old → new; …`` for an audit row's changes."""
    return "; ".join(f"{field}: {_show(old)} → {_show(new)}"
                     for field, (old, new) in changes.items())


def history_frame(reg: Any, request_id: str) -> pd.DataFrame:
    """The audit trail of one request, oldest first (its ``received`` row first)."""
    rows = reg.audit_rows(request_id)
    df = pd.DataFrame({
        "seq": pd.Series([r["seq"] for r in rows], dtype="int64"),
        "at": pd.Series(pd.to_datetime([r["at"] for r in rows], utc=True),
                        dtype="datetime64[us, UTC]").dt.tz_convert(TZ_NAME),
        "by": pd.Series([r["by"] for r in rows], dtype="str"),
        "action": pd.Categorical([r["action"] for r in rows],
                                 categories=schema.AUDIT_ACTIONS),
        "changes": pd.Series([r["changes"] for r in rows], dtype=object),
        "summary": pd.Series([summarise(r["changes"]) for r in rows], dtype="str"),
        "note": pd.Series([r["note"] for r in rows], dtype="str"),
    })
    return df


__all__ = ["typed_frame", "requests_frame", "overdue_frame", "due_soon_frame",
           "history_frame", "summarise", "CATEGORIES", "DATE_DTYPE",
           "MOMENT_DTYPE"]
