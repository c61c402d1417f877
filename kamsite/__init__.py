"""kamsite: key-account plans written in Markdown, published as a dashboard site."""

__version__ = "0.1.0"
