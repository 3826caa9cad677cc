"""What every extractor receives: the document, its layout, and the record so far."""

from __future__ import annotations

from dataclasses import dataclass, field

from ..models import Grounded, Record, Value
from ..segment import Layout
from ..textmap import Doc, clean_value


@dataclass
class Context:
    doc: Doc
    layout: Layout
    record: Record  # filled in pipeline order: an extractor may read earlier fields
    warnings: list[str] = field(default_factory=list)

    def warn(self, message: str) -> None:
        if message not in self.warnings:
            self.warnings.append(message)

    # --- grounding helpers -------------------------------------------------
    def grounded(self, start: int, end: int, *, method: str, confidence: float = 0.9) -> Grounded:
        text, span = self.doc.ground(start, end)
        return Grounded(text=text, span=span, method=method, confidence=confidence)

    def value(
        self, start: int, end: int, *, value: str | None = None, method: str, confidence: float = 0.9
    ) -> Value:
        """A Value read from working-text span [start, end); value defaults to the cleaned words."""
        text, span = self.doc.ground(start, end)
        if value is None:
            value = clean_value(self.doc.text[start:end])
        return Value(value=value, text=text, span=span, method=method, confidence=confidence)

    # --- layout helpers ----------------------------------------------------
    def lines_of(self, *kinds: str) -> list[int]:
        """1-based line numbers whose segment kind is one of ``kinds``."""
        return [i + 1 for i, k in enumerate(self.layout.kinds) if k in kinds]

    def line_bounds(self, lineno: int) -> tuple[int, int]:
        """Working-text [start, end) of a 1-based line."""
        return self.doc.line_span(lineno)

    def block(self, *kinds: str) -> tuple[int, int] | None:
        """Working-text [start, end) from the first to the last line of the kinds."""
        lines = self.lines_of(*kinds)
        if not lines:
            return None
        return self.line_bounds(lines[0])[0], self.line_bounds(lines[-1])[1]
