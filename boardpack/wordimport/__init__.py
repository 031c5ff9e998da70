"""`boardpack import`: an officer's Word report -> a report in the body's form (cover_sheets/NAME.md).

mammoth reads the .docx into plain HTML (headings, paragraphs, lists, tables with their merged
cells, images with their alt text, links, footnotes), what it does not recognise said as what the author
should do (read, messages); the masthead, the title and each heading's level are found and typed numbers
taken out (shape); the sections that match the form's fields ("1. PURPOSE OF THE REPORT") move into the front matter
(fields); the rest is written as Markdown (markdown), a grid table where cells span or hold more than
a line of text (grids); the report and its images are written, and everything Word holds that could
not be carried over (charts, SmartArt, equations, text boxes, comments, tracked changes, headers and
footers) is listed (report).
"""

from .report import Imported, convert, import_report

__all__ = ["Imported", "convert", "import_report"]
