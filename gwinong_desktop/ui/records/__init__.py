"""Lists of records: column declarations and the one table model over them."""

from .columns import Align, Column, natural_key, text_or_none
from .model import ARCHIVED_COLOUR, RecordTableModel

__all__ = ["ARCHIVED_COLOUR", "Align", "Column", "RecordTableModel", "natural_key", "text_or_none"]
