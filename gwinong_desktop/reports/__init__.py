"""Reports made from plain rows the services gather: workbooks written with ``exchange.table``
and the HTML of printed documents (receipts, letters). No Qt, no database: ``domain`` and
``exchange`` only (``tests/test_layers.py``)."""
