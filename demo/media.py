"""The demo's pictures and small CSV files, drawn with Pillow in memory from media.yaml so the demo
needs no downloads.

Every picture says something a visitor can read: a chart of the figures its page states (bars, a
brief's rated findings, an evidence map's grid), a card with the page's kind, headline and a simple
pictogram, or a small labelled diagram. Nothing is random, so the same spec always gives the same picture.
"""

import csv
import math
from io import BytesIO, StringIO

from PIL import Image, ImageDraw, ImageFont

__all__ = ["csv_bytes", "draw_chart", "draw_landscape", "draw_portrait", "headline_of", "to_jpeg"]

LANDSCAPE_SIZE = (1200, 675)
PORTRAIT_SIZE = (400, 400)
PORTRAIT_PALETTE = ["#005eb8", "#00695c", "#5b4a8a", "#a0522d"]

INK, SOFT, PAPER, BAND = "#1c2b2a", "#4b5a59", "#f4f8f7", "#00524d"
# The site's colours (static/css/site.css), one for each kind of page.
KIND_COLOURS = {
    "analysis": "#00615b",
    "report": "#0a55a0",
    "tool": "#0b6b2f",
    "evidence map": "#5a2d82",
    "data": "#003b37",
    "what works brief": "#00524d",
    "blog": "#0a55a0",
    "guest blog": "#0a55a0",
    "citizens' panel": "#5a2d82",
    "about us": "#00615b",
}
# A finding's effect on inequalities, as the site's badges show it: (words, text colour, fill).
EFFECTS = {
    "narrows": ("Narrows", "#0b6b2f", "#e7f4ea"),
    "mixed": ("Mixed", "#6b4e00", "#fdf3dc"),
    "no-clear-effect": ("No clear effect", "#4b5a59", "#eef3f2"),
    "widens": ("Widens", "#a1260d", "#fbece8"),
}
CREDIT = "Health Equity Evidence Centre"


def _font(size, bold=False):
    """DejaVu Sans where the system has it (Pillow's own font has no £ sign), else Pillow's."""
    try:
        return ImageFont.truetype("DejaVuSans-Bold.ttf" if bold else "DejaVuSans.ttf", size)
    except OSError:
        pass
    try:
        return ImageFont.load_default(size=size)
    except (OSError, TypeError):  # Pillow without FreeType: the small bitmap font still reads
        return ImageFont.load_default()


def _money(text, font):
    """£ where the font can draw it, else "GBP " (a box in place of the sign would say nothing)."""
    return text if "DejaVu" in str(getattr(font, "path", "")) else text.replace("£", "GBP ")


def _wrap(draw, text, font, width, most_lines):
    """The text's words in lines no wider than width; the last line ends in … if it had to stop."""
    lines = []
    for word in text.split():
        if lines and draw.textlength(f"{lines[-1]} {word}", font=font) <= width:
            lines[-1] = f"{lines[-1]} {word}"
        else:
            lines.append(word)
    if len(lines) > most_lines:
        lines = lines[:most_lines]
        lines[-1] = f"{lines[-1].rstrip('.,:;')}…"
    return lines


def _write(draw, xy, text, font, width, most_lines, fill, spacing=1.25):
    """Write wrapped text from xy; return the y below it."""
    x, y = xy
    line_height = int(font.size * spacing) if hasattr(font, "size") else 16
    for line in _wrap(draw, _money(text, font), font, width, most_lines):
        draw.text((x, y), line, fill=fill, font=font)
        y += line_height
    return y


def _canvas(kind=None):
    picture = Image.new("RGB", LANDSCAPE_SIZE, PAPER)
    draw = ImageDraw.Draw(picture)
    draw.rectangle((0, 0, LANDSCAPE_SIZE[0], 14), fill=BAND)
    if kind:
        draw.text((64, 56), kind.upper(), fill=KIND_COLOURS.get(kind.lower(), BAND), font=_font(30, bold=True))
    return picture, draw


def _footer(draw, text=CREDIT):
    draw.text((64, LANDSCAPE_SIZE[1] - 60), text, fill=SOFT, font=_font(26))


def headline_of(spec):
    """The words a picture is about: its chart's title or its card's headline, on one line."""
    for key in ("chart", "findings", "grid", "card", "diagram", "scene"):
        if key in spec:
            part = spec[key]
            return " ".join(str(part.get("title") or part.get("headline")).split())
    return spec["title"]


def draw_chart(chart):
    """A horizontal bar chart of a page's figures: its title, one labelled bar per value and the
    source, so the picture says what the caption says."""
    width, height = LANDSCAPE_SIZE
    picture, draw = _canvas()
    colours = chart.get("colours", ["#00615b", "#a1260d"])
    draw.multiline_text((64, 60), chart["title"], fill=INK, font=_font(46, bold=True), spacing=10)
    bars, top, left, right = chart["bars"], 250, 64, width - 64
    longest = max(bar["value"] for bar in bars)
    band = (height - top - 110) // len(bars)
    for index, bar in enumerate(bars):
        y = top + index * band
        draw.text((left, y), bar["label"], fill=INK, font=_font(40))
        length = max(8, int((right - left - 200) * bar["value"] / longest))
        draw.rectangle((left, y + 56, left + length, y + 56 + band // 2), fill=colours[index % len(colours)])
        font = _font(48, bold=True)
        draw.text((left + length + 20, y + 56 + band // 4), _money(bar["text"], font), fill=INK, font=font, anchor="lm")
    draw.text((left, height - 64), chart["source"], fill=SOFT, font=_font(30))
    return picture


def draw_findings(findings):
    """A What works brief's findings, one row each: the intervention and its effect on inequalities
    in the site's own badge colours."""
    picture, draw = _canvas("What works brief")
    _pictogram(draw, findings["pictogram"], (1070, 110), 70, KIND_COLOURS["what works brief"])
    y = _write(draw, (64, 104), findings["title"], _font(44, bold=True), 900, 2, INK) + 24
    rows = findings["rows"]
    row_height = min(100, (LANDSCAPE_SIZE[1] - 90 - y) // len(rows))
    label_font, badge_font = _font(32), _font(28, bold=True)
    for row in rows:
        words, text_colour, fill = EFFECTS[row["effect"]]
        draw.line((64, y, 1136, y), fill="#c5d1cf", width=2)
        middle = y + row_height // 2
        _write(draw, (64, middle - 20), row["label"], label_font, 760, 1, INK)
        badge = (870, middle - 26, 1136, middle + 26)
        draw.rounded_rectangle(badge, radius=26, fill=fill, outline=text_colour, width=2)
        draw.text((1003, middle), words, fill=text_colour, font=badge_font, anchor="mm")
        y += row_height
    _footer(draw, findings.get("source", "Each finding as the brief rates its effect on inequalities"))
    return picture


def draw_grid(grid):
    """An evidence map as a grid: how much research there is for each intervention and group."""
    picture, draw = _canvas("Evidence map")
    y = _write(draw, (64, 104), grid["title"], _font(44, bold=True), 1070, 2, INK) + 16
    columns, rows = grid["columns"], grid["rows"]
    left, first, right = 64, 470, 1136
    column_width = (right - first) // len(columns)
    header = _font(26, bold=True)
    for index, column in enumerate(columns):
        _write(draw, (first + index * column_width + 10, y), column, header, column_width - 20, 2, INK, 1.15)
    y += 74
    shades = {"Many": ("#00524d", "#ffffff"), "Some": ("#8fc7bf", INK), "Few": ("#e3f1ef", INK)}
    row_height = min(80, (LANDSCAPE_SIZE[1] - 80 - y) // len(rows))
    for row in rows:
        _write(draw, (left, y + row_height // 2 - 16), row["label"], _font(28), first - left - 16, 1, INK)
        for index, cell in enumerate(row["cells"]):
            fill, text = shades[cell]
            box = (first + index * column_width + 4, y + 4, first + (index + 1) * column_width - 4, y + row_height - 4)
            draw.rectangle(box, fill=fill)
            middle = ((box[0] + box[2]) / 2, (box[1] + box[3]) / 2)
            draw.text(middle, cell, fill=text, font=_font(28, bold=True), anchor="mm")
        y += row_height
    _footer(draw, grid.get("source", CREDIT))
    return picture


def draw_card(card):
    """A title card: the page's kind, an optional headline figure, its headline, optional short
    points, and a pictogram of what it is about."""
    kind = card["kind"]
    colour = KIND_COLOURS.get(kind.lower(), BAND)
    picture, draw = _canvas(kind)
    _pictogram(draw, card["pictogram"], (1010, 340), 140, colour)
    y, width = 110, 780
    if "figure" in card:
        size = 104
        while size > 60 and draw.textlength(card["figure"], font=_font(size, bold=True)) > width:
            size -= 8
        figure_font = _font(size, bold=True)
        draw.text((64, y), _money(card["figure"], figure_font), fill=colour, font=figure_font)
        y += size + 30
    headline_font = _font(50 if "figure" in card or "points" in card else 62, bold=True)
    y = _write(draw, (64, y), card["headline"], headline_font, width, 4, INK, 1.2) + 18
    point_font = _font(30)
    for point in card.get("points", []):
        draw.ellipse((66, y + 12, 82, y + 28), fill=colour)
        y = _write(draw, (100, y), point, point_font, width - 36, 2, INK) + 6
    _footer(draw)
    return picture


def draw_diagram(diagram):
    """Labelled circles: overlapping (what works together) or around a hub (who works with whom)."""
    picture, draw = _canvas()
    draw.text((64, 56), diagram["title"], fill=INK, font=_font(44, bold=True))
    labels, colours = diagram["labels"], ["#00615b", "#0a55a0", "#5a2d82", "#0b6b2f"]
    label_font = _font(34, bold=True)
    if diagram.get("hub"):
        centre = (600, 400)
        corners = [(-1, -1), (1, -1), (1, 1), (-1, 1)]
        for index, label in enumerate(labels):
            x, y = centre[0] + 370 * corners[index % 4][0], centre[1] + 150 * corners[index % 4][1]
            draw.line((centre, (x, y)), fill="#8a9c99", width=6)
            draw.rounded_rectangle((x - 180, y - 50, x + 180, y + 50), radius=50, fill=colours[index % 4])
            _centred(draw, (x, y), label, label_font, 330, "#ffffff")
        draw.ellipse((centre[0] - 125, centre[1] - 125, centre[0] + 125, centre[1] + 125), fill=BAND)
        _centred(draw, centre, diagram["hub"], _font(28, bold=True), 210, "#ffffff", most_lines=4)
    else:
        layer = Image.new("RGB", LANDSCAPE_SIZE, PAPER)
        centres = [(480, 300), (720, 300), (600, 470)]
        for (x, y), colour in zip(centres, colours, strict=False):
            disc = Image.new("L", LANDSCAPE_SIZE, 0)
            ImageDraw.Draw(disc).ellipse((x - 170, y - 170, x + 170, y + 170), fill=110)
            layer.paste(colour, mask=disc)
        picture.paste(layer.crop((0, 120, 1200, 675)), (0, 120))
        offsets = [(-90, -40), (90, -40), (0, 80)]
        for (x, y), (dx, dy), label in zip(centres, offsets, labels, strict=False):
            _centred(draw, (x + dx, y + dy), label, label_font, 220, INK)
    return picture


def draw_scene(scene):
    """A seaside street with a pharmacy: sea, beach, houses, and one green cross sign."""
    picture, draw = _canvas()
    draw.rectangle((0, 14, 1200, 330), fill="#dbe9f6")
    draw.rectangle((0, 330, 1200, 470), fill="#5d8fb3")
    for row, y in enumerate(range(350, 470, 34)):
        points = [(x, y + 8 * math.sin((x + row * 40) / 40)) for x in range(0, 1201, 20)]
        draw.line(points, fill="#dbe9f6", width=4)
    draw.rectangle((0, 470, 1200, 520), fill="#e8d6a8")
    draw.rectangle((0, 520, 1200, 675), fill="#c5d1cf")
    walls = ["#fff6e5", "#e3f1ef", "#fbece8", "#f1ecf7", "#ffffff", "#fdf3dc"]
    for index, x in enumerate(range(40, 1160, 190)):
        draw.rectangle((x, 380, x + 170, 600), fill=walls[index % len(walls)], outline=INK, width=3)
        draw.polygon([(x - 10, 380), (x + 85, 300), (x + 180, 380)], fill="#8a5a44", outline=INK)
        draw.rectangle((x + 65, 520, x + 105, 600), fill="#4b5a59")
        for wx in (x + 20, x + 115):
            draw.rectangle((wx, 420, wx + 35, 470), fill="#9cc3e6", outline=INK, width=2)
    pharmacy = 40 + 190 * scene.get("pharmacy", 3)
    draw.rectangle((pharmacy + 20, 410, pharmacy + 150, 480), fill="#ffffff", outline=INK, width=2)
    _cross(draw, (pharmacy + 85, 445), 28, "#0b6b2f")
    draw.text((64, 40), scene["title"], fill=INK, font=_font(40, bold=True))
    return picture


def _centred(draw, centre, text, font, width, fill, most_lines=2):
    lines = _wrap(draw, text, font, width, most_lines)
    height = font.size * 1.2
    top = centre[1] - height * len(lines) / 2 + height / 2
    for index, line in enumerate(lines):
        draw.text((centre[0], top + index * height), line, fill=fill, font=font, anchor="mm")


def _cross(draw, centre, size, fill):
    x, y = centre
    arm = size // 3
    draw.rectangle((x - arm, y - size, x + arm, y + size), fill=fill)
    draw.rectangle((x - size, y - arm, x + size, y + arm), fill=fill)


def _person(draw, x, y, size, fill):
    """Head and shoulders, standing on y."""
    draw.ellipse((x - size * 0.35, y - size * 1.6, x + size * 0.35, y - size * 0.9), fill=fill)
    draw.chord((x - size * 0.6, y - size * 0.8, x + size * 0.6, y + size * 0.4), 180, 360, fill=fill)


def _pictogram(draw, name, centre, radius, colour):
    """A white pictogram on a disc of the page's colour; r is a hundredth of the disc's radius."""
    x, y = centre
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=colour)
    r = radius / 100
    white = "#ffffff"
    line = max(3, int(9 * r))
    thin = max(2, line // 2)

    def at(*points):
        return [(x + px * r, y + py * r) for px, py in points]

    def box(left, top, right, bottom):
        return (x + left * r, y + top * r, x + right * r, y + bottom * r)

    match name:
        case "pound":
            draw.text((x, y), "£", fill=white, font=_font(int(120 * r), bold=True), anchor="mm")
        case "bars":
            for left, top in ((-55, 10), (-15, -25), (25, -55)):
                draw.rectangle(box(left, top, left + 30, 50), fill=white)
        case "people":
            for dx in (-42, 0, 42):
                _person(draw, x + dx * r, y + (50 if dx else 40) * r, 42 * r, white)
        case "person":
            _person(draw, x, y + 55 * r, 70 * r, white)
        case "child":
            _person(draw, x - 25 * r, y + 55 * r, 62 * r, white)
            _person(draw, x + 40 * r, y + 55 * r, 38 * r, white)
        case "pulse":
            points = [(-65, 0), (-30, 0), (-15, -40), (5, 45), (20, -10), (30, 0), (65, 0)]
            draw.line([(x + px * r, y + py * r) for px, py in points], fill=white, width=line, joint="curve")
        case "waves":
            for dy in (-30, 0, 30):
                wave = [(x + px * r, y + (dy + 10 * math.sin(px / 12)) * r) for px in range(-65, 66, 5)]
                draw.line(wave, fill=white, width=line)
        case "house":
            draw.polygon([(x - 65 * r, y - 5 * r), (x, y - 65 * r), (x + 65 * r, y - 5 * r)], fill=white)
            draw.rectangle(box(-48, -10, 48, 55), fill=white)
            draw.rectangle(box(-12, 15, 12, 55), fill=colour)
        case "speech":
            draw.rounded_rectangle(box(-65, -50, 65, 30), radius=20 * r, fill=white)
            draw.polygon([(x - 30 * r, y + 25 * r), (x - 40 * r, y + 60 * r), (x, y + 25 * r)], fill=white)
            for dx in (-30, 0, 30):
                draw.ellipse(box(dx - 8, -18, dx + 8, -2), fill=colour)
        case "envelope":
            draw.rectangle(box(-65, -42, 65, 42), outline=white, width=line)
            draw.line([(x - 62 * r, y - 40 * r), (x, y + 5 * r), (x + 62 * r, y - 40 * r)], fill=white, width=line)
        case "phone":
            draw.rounded_rectangle(box(-35, -65, 35, 65), radius=12 * r, outline=white, width=line)
            draw.rectangle(box(-22, -45, 22, 35), fill=white)
            draw.ellipse(box(-6, 45, 6, 57), fill=white)
        case "grid":
            for row in range(3):
                for column in range(3):
                    cell = box(-60 + column * 42, -60 + row * 42, -26 + column * 42, -26 + row * 42)
                    filled = (row + column) % 3 != 1
                    draw.rectangle(cell, fill=white if filled else None, outline=white, width=thin)
        case "checklist":
            draw.rounded_rectangle(box(-50, -62, 50, 65), radius=8 * r, outline=white, width=line)
            for dy in (-30, 0, 30):
                draw.line(at((-32, dy), (-22, dy + 10), (-5, dy - 10)), fill=white, width=thin)
                draw.line(box(5, dy, 35, dy), fill=white, width=thin)
        case "tooth":
            draw.ellipse(box(-50, -60, 5, -5), fill=white)
            draw.ellipse(box(-5, -60, 50, -5), fill=white)
            root = at((-50, -30), (50, -30), (30, 60), (12, 60), (0, 15), (-12, 60), (-30, 60))
            draw.polygon(root, fill=white)
        case "cross":
            _cross(draw, centre, int(60 * r), white)
        case "scales":
            draw.line(box(0, -60, 0, 55), fill=white, width=line)
            draw.line(box(-60, -40, 60, -40), fill=white, width=line)
            draw.rectangle(box(-30, 50, 30, 60), fill=white)
            for dx in (-60, 60):
                draw.line(at((dx - 22, 5), (dx, -40), (dx + 22, 5)), fill=white, width=thin)
                draw.chord(box(dx - 26, -15, dx + 26, 25), 0, 180, fill=white)
        case "ballot":
            draw.rectangle(box(-55, -10, 55, 60), fill=white)
            draw.rectangle(box(-30, -12, 30, -4), fill=colour)
            draw.rectangle(box(-22, -65, 22, -8), fill=white, outline=colour, width=max(2, line // 3))
            draw.line(at((-10, -40), (-2, -30), (12, -52)), fill=colour, width=thin)
        case "briefcase":
            draw.rounded_rectangle(box(-65, -30, 65, 55), radius=10 * r, fill=white)
            draw.rounded_rectangle(box(-25, -55, 25, -25), radius=8 * r, outline=white, width=line)
            draw.line(box(-65, 5, 65, 5), fill=colour, width=thin)
        case "rings":
            for dx in (-28, 28):
                draw.ellipse(box(dx - 40, -40, dx + 40, 40), outline=white, width=line)
        case "gear":
            rays = [(step * math.pi / 8, 62 if step % 2 else 45) for step in range(16)]
            teeth = at(*((ray * math.cos(angle), ray * math.sin(angle)) for angle, ray in rays))
            draw.polygon(teeth, fill=white)
            draw.ellipse(box(-18, -18, 18, 18), fill=colour)
        case "heart":
            draw.ellipse(box(-60, -50, 5, 15), fill=white)
            draw.ellipse(box(-5, -50, 60, 15), fill=white)
            draw.polygon([(x - 57 * r, y - 5 * r), (x + 57 * r, y - 5 * r), (x, y + 62 * r)], fill=white)
        case "magnifier":
            draw.ellipse(box(-55, -55, 25, 25), outline=white, width=line)
            draw.line(box(15, 15, 60, 60), fill=white, width=line * 2)
        case "drop":
            draw.ellipse(box(-42, -5, 42, 65), fill=white)
            draw.polygon([(x, y - 65 * r), (x - 38 * r, y + 15 * r), (x + 38 * r, y + 15 * r)], fill=white)
        case "wind":
            for dy, reach in ((-35, 45), (0, 60), (35, 30)):
                draw.line(box(-60, dy, reach - 15, dy), fill=white, width=line)
                draw.arc(box(reach - 30, dy - 30, reach, dy), 270, 90, fill=white, width=line)
        case "clock":
            draw.ellipse(box(-60, -60, 60, 60), outline=white, width=line)
            draw.line([(x, y - 40 * r), (x, y), (x + 30 * r, y + 15 * r)], fill=white, width=line, joint="curve")
        case _:
            raise ValueError(f"No pictogram called {name!r}.")


def draw_landscape(spec):
    """Draw an image of media.yaml by the kind of picture it asks for."""
    for key, draw in (
        ("chart", draw_chart),
        ("findings", draw_findings),
        ("grid", draw_grid),
        ("card", draw_card),
        ("diagram", draw_diagram),
        ("scene", draw_scene),
    ):
        if key in spec:
            return draw(spec[key])
    raise ValueError(f"Image {spec['title']!r} says nothing to draw.")


def draw_portrait(name, seed):
    """A placeholder portrait: the person's initials on a plain disc."""
    picture = Image.new("RGB", PORTRAIT_SIZE, "#ffffff")
    draw = ImageDraw.Draw(picture)
    draw.ellipse((0, 0, *PORTRAIT_SIZE), fill=PORTRAIT_PALETTE[seed % len(PORTRAIT_PALETTE)])
    initials = "".join(part[0] for part in name.replace("Professor ", "").replace("Dr ", "").split()[:2])
    middle = (PORTRAIT_SIZE[0] / 2, PORTRAIT_SIZE[1] / 2)
    draw.text(middle, initials, fill="#ffffff", font=_font(150, bold=True), anchor="mm")
    return picture


def to_jpeg(picture):
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def csv_bytes(rows):
    buffer = StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")
