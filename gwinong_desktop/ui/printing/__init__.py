"""Printed documents: HTML from ``reports.documents`` laid out by ``QTextDocument``, written to
PDF with ``QPdfWriter`` and printed through ``QPrintPreviewDialog`` (``documents``)."""
