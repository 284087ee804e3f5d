"""Models of the pricing app arrive with its own issue."""
