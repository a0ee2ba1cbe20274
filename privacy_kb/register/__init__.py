"""The register of data-subject requests (GDPR Art. 15-21) and complaints.

Open it with :func:`privacy_kb.open_register`. Modules, one concern each (see
``docs/register-store.md``): ``lifecycle`` (the rules as pure functions),
``store`` (the :class:`~privacy_kb.register.store.Register`, transactions),
``engine`` (URLs, engines, driver errors), ``schema`` (tables, upgrades), ``audit``,
``suppression`` (do-not-mail list), ``retention`` (retention and purge), ``backup``
and ``files``, ``deadlines`` (pure date arithmetic), ``validation`` (field checks),
``frames`` (DataFrames; the only module importing pandas), ``export`` (CSV),
``migrate``, ``demo`` (synthetic requests made by the real commands), ``cli`` (the
register's commands).
"""
