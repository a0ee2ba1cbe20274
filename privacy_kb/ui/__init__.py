"""The Jupyter app (ipywidgets): ``build_app()`` returns the tabbed Privacy Desk.

Only this sub-package imports ipywidgets; the logic it calls lives elsewhere in
``privacy_kb`` and is tested without a kernel.
"""

from privacy_kb.ui.app import App, build_app

__all__ = ["App", "build_app"]
