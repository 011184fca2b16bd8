"""Charts drawn from the analyses' own figures, calm abstract images, and small CSV files, made with
Pillow in memory from media.yaml so the demo needs no downloads.

Every drawing is seeded, so the same image always gives the same picture.
"""

import csv
import random
from io import BytesIO, StringIO

from PIL import Image, ImageDraw, ImageFilter, ImageFont

__all__ = ["csv_bytes", "draw_chart", "draw_landscape", "draw_portrait", "to_jpeg"]

LANDSCAPE_SIZE = (1200, 675)
PORTRAIT_SIZE = (400, 400)
PORTRAIT_PALETTE = [("#dbe9f6", "#005eb8"), ("#e0f2f1", "#00695c"), ("#f1ecf7", "#5b4a8a"), ("#fff6e5", "#a0522d")]


def _hex(colour):
    colour = colour.lstrip("#")
    return tuple(int(colour[index : index + 2], 16) for index in (0, 2, 4))


def _gradient(size, top, bottom):
    """A vertical gradient from one colour to another."""
    mask = Image.linear_gradient("L").resize(size)
    return Image.composite(Image.new("RGB", size, _hex(bottom)), Image.new("RGB", size, _hex(top)), mask)


def _add_soft_shapes(picture, colours, rng, count, rings=False):
    """Lay blurred translucent discs (or rings) over the picture, each through its own mask.

    Soft discs are drawn and blurred at a quarter of the size and scaled up: as smooth, much faster.
    """
    width, height = picture.size
    scale = 1 if rings else 4
    for index in range(count):
        radius = rng.randint(height // 6, height // 2)
        x, y = rng.randint(-radius // 2, width), rng.randint(-radius // 2, height)
        box = tuple(value // scale for value in (x - radius, y - radius, x + radius, y + radius))
        mask = Image.new("L", (width // scale, height // scale), 0)
        draw = ImageDraw.Draw(mask)
        if rings:
            draw.ellipse(box, outline=170, width=max(6, radius // 10))
            mask = mask.filter(ImageFilter.GaussianBlur(3))
        else:
            draw.ellipse(box, fill=rng.randint(50, 110))
            mask = mask.filter(ImageFilter.GaussianBlur(7)).resize(picture.size, Image.Resampling.BICUBIC)
        picture.paste(_hex(colours[index % len(colours)]), mask=mask)
    return picture


def _font(size):
    """DejaVu Sans where the system has it (Pillow's own font has no £ sign), else Pillow's."""
    try:
        return ImageFont.truetype("DejaVuSans.ttf", size)
    except OSError:
        pass
    try:
        return ImageFont.load_default(size=size)
    except (OSError, TypeError):  # Pillow without FreeType: the small bitmap font still reads
        return ImageFont.load_default()


def _money(text, font):
    """£ where the font can draw it, else "GBP " (a box in place of the sign would say nothing)."""
    return text if "DejaVu" in str(getattr(font, "path", "")) else text.replace("£", "GBP ")


def draw_chart(chart):
    """A horizontal bar chart of an analysis's figures: its title, one labelled bar per value and
    the source, in the site's colours, so the picture says what the caption says."""
    width, height = LANDSCAPE_SIZE
    picture = Image.new("RGB", LANDSCAPE_SIZE, "#ffffff")
    draw = ImageDraw.Draw(picture)
    ink, soft, colours = "#1c2b2a", "#4b5a59", chart.get("colours", ["#00615b", "#a1260d"])
    draw.rectangle((0, 0, width, 14), fill="#00524d")
    draw.multiline_text((64, 60), chart["title"], fill=ink, font=_font(46), spacing=10)
    bars, top, left, right = chart["bars"], 250, 64, width - 64
    longest = max(bar["value"] for bar in bars)
    band = (height - top - 110) // len(bars)
    for index, bar in enumerate(bars):
        y = top + index * band
        draw.text((left, y), bar["label"], fill=ink, font=_font(34))
        length = max(8, int((right - left - 200) * bar["value"] / longest))
        draw.rectangle((left, y + 48, left + length, y + 48 + band // 2), fill=colours[index % len(colours)])
        font = _font(40)
        draw.text((left + length + 20, y + 48 + band // 4), _money(bar["text"], font), fill=ink, font=font, anchor="lm")
    draw.text((left, height - 60), chart["source"], fill=soft, font=_font(26))
    return picture


def draw_landscape(spec):
    """Draw an image of media.yaml: a chart of figures, or a gradient with soft shapes, or rings."""
    if "chart" in spec:
        return draw_chart(spec["chart"])
    rng = random.Random(spec["seed"])  # noqa: S311 - seeded so each drawing is repeatable, nothing secret
    picture = _gradient(LANDSCAPE_SIZE, spec["top"], spec["bottom"])
    return _add_soft_shapes(picture, spec["shapes"], rng, 7, rings=spec.get("rings", False))


def draw_portrait(name, seed):
    """A placeholder portrait: a soft gradient disc with the person's initials."""
    rng = random.Random(seed)  # noqa: S311 - seeded so each drawing is repeatable, nothing secret
    top, bottom = PORTRAIT_PALETTE[seed % len(PORTRAIT_PALETTE)]
    picture = _add_soft_shapes(_gradient(PORTRAIT_SIZE, top, bottom), ["#ffffff"], rng, 3)
    initials = "".join(part[0] for part in name.replace("Professor ", "").replace("Dr ", "").split()[:2])
    draw = ImageDraw.Draw(picture)
    try:
        font = ImageFont.load_default(size=150)
    except (OSError, TypeError):  # Pillow without FreeType: a plain disc is still a fine placeholder
        font = None
    if font is not None:
        draw.text((PORTRAIT_SIZE[0] / 2, PORTRAIT_SIZE[1] / 2), initials, fill="#ffffff", font=font, anchor="mm")
    return picture


def to_jpeg(picture):
    buffer = BytesIO()
    picture.save(buffer, format="JPEG", quality=82, optimize=True)
    return buffer.getvalue()


def csv_bytes(rows):
    buffer = StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(rows)
    return buffer.getvalue().encode("utf-8")
