"""Small charts as inline SVG strings (no script, no external file): the
reliability diagram, a histogram and horizontal bars. Used by the audit
dashboard and by ``notice-extract train`` (``models/calibration_reliability.svg``)."""

from __future__ import annotations

from html import escape

COLOURS = ("#1f6fb2", "#c8553d", "#4d9b4d", "#8a5fb0")


def _svg(width: int, height: int, body: list[str], title: str) -> str:
    # no xmlns: inline in HTML it is not needed (and the audit page names no URL);
    # standalone() adds it for a .svg file
    return (f'<svg width="{width}" height="{height}" '
            f'viewBox="0 0 {width} {height}" role="img" aria-label="{escape(title)}" '
            f'font-family="sans-serif" font-size="11">'
            f"<title>{escape(title)}</title>" + "".join(body) + "</svg>")


def reliability_svg(series: list[tuple[str, list[dict]]], title: str = "Reliability diagram",
                    size: int = 260) -> str:
    """Mean confidence (x) against the share correct (y) per confidence bin, one
    polyline per series; the diagonal is perfect calibration, a dot's area is
    its bin's count. ``series``: ``[(name, [{"confidence", "accuracy", "n"}...])]``."""
    pad, w = 36, size
    h = size
    plot = w - pad - 10

    def x(v: float) -> float:
        return pad + v * plot

    def y(v: float) -> float:
        return 10 + (1 - v) * plot

    body = [f'<rect x="{pad}" y="10" width="{plot}" height="{plot}" fill="#fafafa" stroke="#999"/>',
            f'<line x1="{x(0)}" y1="{y(0)}" x2="{x(1)}" y2="{y(1)}" stroke="#bbb" stroke-dasharray="4 3"/>']
    for t in (0, 0.5, 1):
        body.append(f'<text x="{x(t):.1f}" y="{h - 4}" text-anchor="middle">{t:g}</text>')
        body.append(f'<text x="{pad - 4}" y="{y(t) + 4:.1f}" text-anchor="end">{t:g}</text>')
    total = max(1, max((b["n"] for _, bins in series for b in bins), default=1))
    for k, (name, bins) in enumerate(series):
        colour = COLOURS[k % len(COLOURS)]
        pts = " ".join(f"{x(b['confidence']):.1f},{y(b['accuracy']):.1f}" for b in bins)
        if pts:
            body.append(f'<polyline points="{pts}" fill="none" stroke="{colour}" stroke-width="1.5"/>')
        for b in bins:
            r = 2 + 6 * (b["n"] / total) ** 0.5
            body.append(f'<circle class="rel-point" cx="{x(b["confidence"]):.1f}" cy="{y(b["accuracy"]):.1f}" '
                        f'r="{r:.1f}" fill="{colour}" fill-opacity="0.6">'
                        f'<title>{escape(name)}: {b["n"]} values, mean confidence {b["confidence"]:.3f}, '
                        f'correct {b["accuracy"]:.3f}</title></circle>')
        body.append(f'<text x="{pad + 6}" y="{24 + 14 * k}" fill="{colour}">{escape(name)}</text>')
    body.append(f'<text x="{x(0.5):.1f}" y="{h + 10}" text-anchor="middle">confidence</text>')
    return _svg(w, h + 14, body, title)


def histogram_svg(values: list[float], bins: int = 10, title: str = "Confidence histogram",
                  width: int = 300, height: int = 160) -> str:
    """Counts of ``values`` (in [0, 1]) in ``bins`` equal-width bins."""
    counts = [0] * bins
    for v in values:
        counts[min(max(int(v * bins), 0), bins - 1)] += 1
    top = max(counts) or 1
    pad, bw = 30, (width - 40) / bins
    plot_h = height - 30
    body = []
    for i, c in enumerate(counts):
        bh = plot_h * c / top
        body.append(f'<rect class="hist-bar" x="{pad + i * bw:.1f}" y="{10 + plot_h - bh:.1f}" width="{bw - 2:.1f}" '
                    f'height="{bh:.1f}" fill="{COLOURS[0]}"><title>{i / bins:.1f}–{(i + 1) / bins:.1f}: '
                    f'{c} values</title></rect>')
    for t in (0, 0.5, 1):
        body.append(f'<text x="{pad + t * bins * bw:.1f}" y="{height - 4}" text-anchor="middle">{t:g}</text>')
    body.append(f'<text x="{pad - 4}" y="18" text-anchor="end">{top}</text>')
    return _svg(width, height, body, title)


def bars_svg(rows: list[tuple[str, list[float | None]]], names: list[str], title: str,
             width: int = 520, row_h: int = 16) -> str:
    """Horizontal bars in [0, 1]: one group per row label, one bar per name
    (e.g. P, R, F1 of each field). A missing value draws no bar and reads "—"."""
    label_w = 170
    plot = width - label_w - 60
    group_h = row_h * len(names) + 6
    height = 24 + group_h * len(rows)
    body = []
    for k, n in enumerate(names):
        body.append(f'<rect x="{label_w + 70 * k}" y="4" width="10" height="10" fill="{COLOURS[k % len(COLOURS)]}"/>'
                    f'<text x="{label_w + 14 + 70 * k}" y="13">{escape(n)}</text>')
    for i, (label, vals) in enumerate(rows):
        y0 = 22 + i * group_h
        body.append(f'<text x="{label_w - 6}" y="{y0 + group_h / 2 + 3:.1f}" text-anchor="end">{escape(label)}</text>')
        for k, v in enumerate(vals):
            yk = y0 + k * row_h
            if v is None:
                body.append(f'<text x="{label_w + 2}" y="{yk + row_h - 4}">—</text>')
                continue
            body.append(f'<rect class="bar" x="{label_w}" y="{yk}" width="{plot * v:.1f}" height="{row_h - 3}" '
                        f'fill="{COLOURS[k % len(COLOURS)]}"><title>{escape(label)} {escape(names[k])} '
                        f'{v:.3f}</title></rect>'
                        f'<text x="{label_w + plot * v + 4:.1f}" y="{yk + row_h - 5}">{v:.3f}</text>')
    return _svg(width, height, body, title)


def standalone(svg: str) -> str:
    """An inline chart as a file of its own (needs the SVG namespace)."""
    return svg.replace("<svg ", '<svg xmlns="http://www.w3.org/2000/svg" ', 1)
