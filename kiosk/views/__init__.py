"""Blueprints, one per area of the kiosk."""
