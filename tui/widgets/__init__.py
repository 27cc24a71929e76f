"""Widgets and renderables of the oslearn app: completion bars, the LTS timeline, the
distribution families, and lists with vim keys."""
