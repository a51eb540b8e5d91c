"""The actors stage: find political actor mentions in a Document and code them."""

from whimbrel.actors.mentions import find_actors

__all__ = ["find_actors"]
