"""Pages of the main window other than the house list."""
