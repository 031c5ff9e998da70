"""boardpack: compile a board's papers (Markdown and YAML in git) into meeting packs."""

__version__ = "0.2.0"  # 0.2: publication records split public and private; images re-encoded
