"""The demo: a made-up county (or province) to show, try and measure the app.

It sits over the services (``tests/test_layers.py``: ``domain``, ``storage``, ``services`` and
``media`` never import it); the CLI's ``demo`` command and ``--demo`` and the GUI's ``--demo``
use it. Importing this package costs nothing: ``folder`` looks at a demo folder with plain
``sqlite3`` on the way to the first screen, and the build loads SQLAlchemy and Pillow.

- ``build``: ``build_demo`` fills an empty data folder (``DemoSummary``, ``DemoError``).
- ``folder``: the ``--demo`` data folder in the user's cache, rebuilt when stale.
- ``pictures``: ``make_demo_jpeg`` / ``make_tiny_jpeg``, made-up photos with real-looking EXIF
  (``_scenes`` paints them).
- the rest: what the build writes (``county*``, ``province*``, ``life``, ``visits``, ``files``,
  ``names``, ``rows``).
"""
