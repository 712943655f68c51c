"""The dashboard's panels (the due list, the program's statistics)."""
