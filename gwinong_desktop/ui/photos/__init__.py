"""Photos in the GUI: the import confirmation screen (``import_dialog``, with ``drop`` for files
and folders dropped or chosen) and viewing a house's photos: the gallery
(``gallery.PhotoGallery``), its thumbnails loaded in the background (``loader``), the full-size
viewer with before/after (``viewer.PhotoViewer``) and the dialog placing a photo in the album
(``placement.PhotoPlacementDialog``)."""
