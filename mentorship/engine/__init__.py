"""The one seam between the app and the matching library: only this package imports `matching`."""
