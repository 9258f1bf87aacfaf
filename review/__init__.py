"""Content review for the people's congress study site."""

__version__ = "0.1.0"
