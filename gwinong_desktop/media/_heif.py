"""The HEIC/HEIF decoder, kept in this one module so it can be swapped (imported on first use).

``pi-heif`` (pillow-heif's decoder-only twin, same API) registers a Pillow plugin that reads
HEIC/HEIF (phone photos) and applies the HEIF rotation itself (the EXIF orientation it hands back
is already applied). Its wheels bundle libheif and the libde265 decoder only: no x265 encoder
(GPL, and 23 MB of the frozen build that pillow-heif carried although we never encode).
Without it, HEIC photos are refused with a Korean message (``_pil.open_image``).
"""

from __future__ import annotations

import threading

_lock = threading.Lock()
_state: dict[str, bool] = {}


def heif_ready() -> bool:
    """Whether Pillow can open HEIF now (the plugin is registered on the first call)."""
    ready = _state.get("ready")
    if ready is not None:
        return ready
    with _lock:
        if "ready" not in _state:
            try:
                from pi_heif import register_heif_opener
            except ImportError:  # a build without the decoder: HEIC is refused, not a crash
                _state["ready"] = False
            else:
                register_heif_opener()
                _state["ready"] = True
    return _state["ready"]
