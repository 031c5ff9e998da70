"""Word documents for clerks: the agenda, each item's cover sheet and report, the minutes, a decision list, a
minutes draft.

Templates are ordinary Word files in templates/word/ with docxtpl tags, so a clerk can restyle them in Word. Values
are autoescaped; Markdown goes in as a sub-document (`{{p name }}`), written by one writer wherever it lands, a report
or a table cell (writer.py). The saved files carry their title and language and nothing else (package.py).
"""

from .documents import decisions_alone, minutes_alone, minutes_draft, names_exempt, pack_documents

__all__ = ["decisions_alone", "minutes_alone", "minutes_draft", "names_exempt", "pack_documents"]
