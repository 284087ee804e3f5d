"""Models of the feedback app arrive with its own issue."""
