"""The dashboard's panels: the due list and how the program is doing (charts)."""
