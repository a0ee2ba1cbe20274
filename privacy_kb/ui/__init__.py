"""The Jupyter app (ipywidgets): ``build_app()`` returns the tabbed Privacy Desk.

Only this sub-package imports ipywidgets; the logic it calls lives elsewhere in
``privacy_kb`` and is tested without a kernel. Importing the package itself loads
nothing heavy (``App`` and ``build_app`` are imported on first use), so that
``import privacy_kb.ui.labels`` or ``privacy_kb.ui.render`` stays light.
"""

__all__ = ["App", "build_app"]


def __getattr__(name):
    if name in __all__:
        from privacy_kb.ui import app

        return getattr(app, name)
    raise AttributeError(f"module 'privacy_kb.ui' has no attribute {name!r}")
