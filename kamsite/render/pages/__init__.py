"""The generated pages, as Markdown with raw HTML blocks, one module per page kind."""
