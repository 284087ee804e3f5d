"""Models of the ill app arrive with its own issue."""
