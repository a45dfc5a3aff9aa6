"""The output layer shared by every command: one `write()` for every format.

Commands hand over an `Output` (named tables, notes, charts); this layer picks the format from
`-o`'s extension or `--format`, writes atomically, neutralises formula injection, and never
computes a figure.
"""

from salescli.output.model import Chart, Output, Table
from salescli.output.write import FORMATS, write

__all__ = ["FORMATS", "Chart", "Output", "Table", "write"]
