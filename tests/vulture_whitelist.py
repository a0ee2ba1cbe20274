"""Names the dead-code check (vulture, in tests/test_lint.py) cannot see used.

Each is called by a framework, not by our code: SQLAlchemy event listeners and
TypeDecorator hooks, traitlets validators and synced traits, a module ``__getattr__``,
widget and Jupyter configuration attributes, dataclass fields read by templates.
Reviewed by hand; add a name here only after checking that something really uses it.
"""

# SQLAlchemy: event listeners (registered by decorator) and TypeDecorator hooks.
_on_connect  # privacy_kb/register/engine.py
_on_begin  # privacy_kb/register/engine.py
isolation_level  # privacy_kb/register/engine.py (DBAPI connection attribute)
impl  # privacy_kb/register/schema.py
cache_ok  # privacy_kb/register/schema.py
process_bind_param  # privacy_kb/register/schema.py
process_result_value  # privacy_kb/register/schema.py

# traitlets: @validate hooks and traits synced with the browser.
_strip_search  # privacy_kb/ui/register_model.py
_empty_is_none  # privacy_kb/ui/register_model.py
restored  # privacy_kb/ui/browser.py (set by the page's JavaScript)

# A module-level __getattr__ (PEP 562) keeps `import privacy_kb.ui` light.
__getattr__  # privacy_kb/ui/__init__.py

# ipywidgets attributes the front end reads.
tooltip  # privacy_kb/ui/chat.py, training_view.py
description_width  # privacy_kb/ui/register_view.py (widget style)

# Jupyter server / Voila configuration attributes.
open_browser  # privacy_kb/serve.py
multi_kernel_manager_class  # privacy_kb/serve.py

# Dataclass fields, part of a record read by callers and templates.
extension_justification  # privacy_kb/register/lifecycle.py (Request)
right_answer  # privacy_kb/training.py (Feedback)
source_id  # privacy_kb/training.py (Feedback)
last_added  # privacy_kb/ui/intake.py (the request just registered, for the app)
