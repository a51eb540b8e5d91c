"""Places: resolve each event's location to a gazetteer entry (offline GeoNames data)."""

from whimbrel.places.gazetteer import Gazetteer, Place, haversine_km, load_gazetteer
from whimbrel.places.resolve import ArticlePlaces, article_places, resolve_name, resolve_places

__all__ = [
    "ArticlePlaces",
    "Gazetteer",
    "Place",
    "article_places",
    "haversine_km",
    "load_gazetteer",
    "resolve_name",
    "resolve_places",
]
