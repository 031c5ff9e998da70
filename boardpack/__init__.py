"""boardpack: compile a board's papers (Markdown and YAML in git) into meeting packs."""

__version__ = "0.1.0"
