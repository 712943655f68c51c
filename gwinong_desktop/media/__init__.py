"""Photos and attachments: content-addressed store, EXIF facts, thumbnails.

Imports the standard library, Pillow and ``gwinong_desktop.domain`` only; no Qt, no database.
Pillow is imported inside the functions that need it, so importing this package (or any of its
modules) stays cheap at start-up.

- ``store``: ``ContentStore`` (``put_file``/``put_bytes`` → ``StoredFile``), ``path_of``,
  ``verify``, ``exists``.
- ``exif``: ``read_photo_info`` → ``PhotoInfo`` (size as displayed, orientation, aware taken-at
  time, GPS as ``Decimal``, camera, format).
- ``thumbs``: ``make_thumbnail`` (JPEG draft mode, rotate after shrinking), ``ThumbnailCache``.
- ``errors``: ``MediaError`` (Korean ``message``) and its subclasses.

The demo's made-up photos are drawn in ``gwinong_desktop.demo.pictures``.
"""

from .errors import (
    HeicNotSupportedError,
    ImageTooLargeError,
    MediaError,
    SourceFileError,
    UnreadableImageError,
)
from .exif import PhotoInfo
from .store import ContentStore, StoredFile

__all__ = [
    "ContentStore",
    "HeicNotSupportedError",
    "ImageTooLargeError",
    "MediaError",
    "PhotoInfo",
    "SourceFileError",
    "StoredFile",
    "UnreadableImageError",
]
