"""Viewing a house's photos: the gallery (``gallery.PhotoGallery``), its thumbnails loaded in the
background (``loader``), the full-size viewer with before/after (``viewer.PhotoViewer``) and the
dialog placing a photo in the album (``placement.PhotoPlacementDialog``)."""
