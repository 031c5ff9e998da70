"""The declared document model: the node kinds of the tree every renderer walks, the document kinds
of a pack, and the Markdown parser that makes the tree."""
