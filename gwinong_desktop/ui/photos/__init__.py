"""Photos in the GUI: the import confirmation screen (``import_dialog``) and viewing."""
