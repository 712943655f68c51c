"""The one error type of the media layer, carrying a Korean message for the officer."""

from __future__ import annotations


class MediaError(Exception):
    """A photo or attachment that cannot be stored or read; ``message`` is shown to the user.

    ``file_name`` is the base name of the file concerned, when there is one. Subclasses let a batch
    import count refusals by cause; ``except MediaError`` catches them all.
    """

    def __init__(self, message: str, *, file_name: str | None = None) -> None:
        super().__init__(message)
        self.message = message
        self.file_name = file_name

    def __str__(self) -> str:
        return self.message


class SourceFileError(MediaError):
    """The source file is missing, a folder, or cannot be read."""


class UnreadableImageError(MediaError):
    """The bytes are not a JPEG or PNG we can read (or the image data is damaged)."""


class HeicNotSupportedError(UnreadableImageError):
    """A HEIC/HEIF phone photo: Pillow cannot read it without a plugin we do not ship."""


class ImageTooLargeError(UnreadableImageError):
    """More pixels than ``MAX_PIXELS``: refused as a possible decompression bomb."""
