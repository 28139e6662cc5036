"""Turn news articles into facts: clean -> extract -> validate -> write."""

__version__ = "0.1.0"
