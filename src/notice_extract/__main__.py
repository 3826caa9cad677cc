"""python -m notice_extract ..."""

from .cli import app

app(prog_name="notice-extract")
