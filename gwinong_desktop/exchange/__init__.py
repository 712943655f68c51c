"""The register workbook in and out (DOMAIN.md "The register workbook").

Parsing and writing with openpyxl, no database: ``register_format`` (sheets, headers, the rows as
plain dataclasses), ``cells`` (one cell's text, date, number or amount), ``reader`` (opening an
untrusted workbook with limits, finding the header, reading rows with a mapping), ``mapping``
(source column → our field, guessing and composite fields), ``writer`` (the app's own workbook).
openpyxl is imported inside functions only: importing this package costs nothing at start-up.
"""
