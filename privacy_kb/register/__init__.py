"""The register of data-subject requests (GDPR Art. 15-21) and complaints.

Open it with :func:`privacy_kb.open_register`. Modules: ``schema`` (tables,
vocabularies), ``deadlines`` (pure date arithmetic), ``validation`` (field checks),
``store`` (the :class:`~privacy_kb.register.store.Register`), ``frames`` (DataFrames;
the only module importing pandas), ``export`` (CSV), ``demo`` (synthetic requests),
``cli`` (the ``export``, ``backup`` and ``purge`` commands).
"""
