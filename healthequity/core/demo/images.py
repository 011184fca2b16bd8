"""Calm abstract images drawn with Pillow in memory, so the demo needs no downloads.

Every drawing is seeded, so the same title always gives the same picture.
"""

import random
from io import BytesIO

from PIL import Image, ImageDraw, ImageFilter, ImageFont

__all__ = [
    "DEFAULT_SHARING_IMAGE",
    "LANDSCAPE_IMAGES",
    "LANDSCAPE_SIZE",
    "PORTRAIT_SIZE",
    "draw_landscape",
    "draw_portrait",
    "to_jpeg",
]

LANDSCAPE_SIZE = (1200, 675)
PORTRAIT_SIZE = (400, 400)

# (title, description used as default alt text, top colour, bottom colour, shape colours, seed)
LANDSCAPE_IMAGES = [
    (
        "Soft blue horizon",
        "A soft gradient from pale sky blue to deep blue with faint round shapes.",
        "#dbe9f6",
        "#1d4f91",
        ["#ffffff", "#9cc3e6"],
        11,
    ),
    (
        "Green hills at dusk",
        "Layered green curves under a pale evening sky.",
        "#eef4e6",
        "#2f6b3a",
        ["#a7cf8f", "#5e9c5a"],
        12,
    ),
    (
        "Teal ripples",
        "Overlapping teal circles spreading like ripples on water.",
        "#e0f2f1",
        "#00695c",
        ["#80cbc4", "#ffffff"],
        13,
    ),
    (
        "Morning mist over the coast",
        "A misty grey-blue gradient with a pale band like a distant shoreline.",
        "#f4f6f8",
        "#5d7b8f",
        ["#ffffff", "#b8c9d4"],
        14,
    ),
    (
        "Sage circles",
        "Large sage-green circles overlapping on a cream background.",
        "#faf7ef",
        "#8aa27f",
        ["#c7d6b8", "#6f8f63"],
        15,
    ),
    (
        "Warm sand",
        "A warm gradient from cream to sand with soft rounded shapes.",
        "#fff6e5",
        "#c99a5b",
        ["#ffe3b3", "#e8c28d"],
        16,
    ),
    (
        "Lavender evening",
        "A calm gradient from lilac to dusky purple with blurred light spots.",
        "#f1ecf7",
        "#5b4a8a",
        ["#cbbbe6", "#ffffff"],
        17,
    ),
    (
        "Interlocking rings",
        "Blue and green rings linking across a pale background.",
        "#f5f8fb",
        "#b7cfe3",
        ["#005eb8", "#009639"],
        18,
    ),
]

# The site's default sharing image (Settings → Social media).
DEFAULT_SHARING_IMAGE = "Interlocking rings"


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


def draw_landscape(title):
    """Draw the landscape image with this title from LANDSCAPE_IMAGES."""
    _, _, top, bottom, colours, seed = next(spec for spec in LANDSCAPE_IMAGES if spec[0] == title)
    rng = random.Random(seed)  # noqa: S311 - seeded so each drawing is repeatable, nothing secret
    picture = _gradient(LANDSCAPE_SIZE, top, bottom)
    return _add_soft_shapes(picture, colours, rng, 7, rings=title == "Interlocking rings")


def draw_portrait(name, seed):
    """A placeholder portrait: a soft gradient disc with the person's initials."""
    rng = random.Random(seed)  # noqa: S311 - seeded so each drawing is repeatable, nothing secret
    palette = [("#dbe9f6", "#005eb8"), ("#e0f2f1", "#00695c"), ("#f1ecf7", "#5b4a8a"), ("#fff6e5", "#a0522d")]
    top, bottom = palette[seed % len(palette)]
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
