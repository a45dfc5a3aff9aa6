"""The data layer: find the exports, read them into raw grids, normalise to the canonical schema."""
