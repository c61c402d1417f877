"""The only code that touches the world: files, git, MkDocs and the command line."""
