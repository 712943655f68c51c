"""The demo photos' pictures: a rural house and its land, drawn with ``PIL.ImageDraw``.

Every choice comes from the ``random.Random`` handed in, so a scene is fully determined by it.
Imported by ``generate`` only when a picture is made.
"""

from __future__ import annotations

import math
import random
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from PIL.Image import Image
    from PIL.ImageDraw import ImageDraw

RGB = tuple[int, int, int]

SKIES: list[tuple[RGB, RGB]] = [
    ((64, 124, 200), (196, 222, 244)),  # clear
    ((104, 146, 192), (222, 228, 234)),  # hazy
    ((146, 154, 164), (214, 214, 210)),  # overcast
    ((78, 118, 186), (236, 214, 186)),  # late afternoon
]
ROOFS: list[RGB] = [(58, 94, 152), (150, 60, 50), (56, 116, 82), (88, 90, 98), (178, 96, 50)]
WALLS: list[RGB] = [
    (238, 232, 216),
    (222, 212, 186),
    (206, 178, 138),
    (200, 200, 196),
    (186, 150, 118),
]
DOORS: list[RGB] = [(112, 76, 48), (150, 152, 158), (84, 60, 40), (70, 96, 120)]
# field, tree green, hill green for spring, summer, autumn, winter
SEASONS: list[tuple[RGB, RGB, RGB]] = [
    ((134, 172, 84), (106, 160, 82), (92, 134, 96)),
    ((78, 134, 58), (48, 106, 48), (62, 108, 74)),
    ((192, 162, 84), (164, 112, 52), (112, 116, 82)),
    ((170, 160, 138), (104, 92, 76), (120, 122, 118)),
]


@dataclass(frozen=True)
class Palette:
    """Colours of one picture, chosen once from the random generator."""

    sky: tuple[RGB, RGB]
    roof: RGB
    wall: RGB
    door: RGB
    field: RGB
    tree: RGB
    hill: RGB


def season_of(month: int) -> int:
    """0 spring, 1 summer, 2 autumn, 3 winter (Korean seasons by month)."""
    return {3: 0, 4: 0, 5: 0, 6: 1, 7: 1, 8: 1, 9: 2, 10: 2, 11: 2}.get(month, 3)


def pick_palette(rng: random.Random, season: int) -> Palette:
    """Colours for one picture: a roof, a wall, a sky, and the season's greens."""
    field, tree, hill = SEASONS[season]
    return Palette(
        sky=rng.choice(SKIES),
        roof=jitter(rng, rng.choice(ROOFS), 14),
        wall=jitter(rng, rng.choice(WALLS), 8),
        door=jitter(rng, rng.choice(DOORS), 10),
        field=jitter(rng, field, 12),
        tree=jitter(rng, tree, 10),
        hill=jitter(rng, hill, 10),
    )


def jitter(rng: random.Random, color: RGB, amount: int) -> RGB:
    """The colour moved by up to ``amount`` in each channel."""
    r, g, b = (max(0, min(255, c + rng.randint(-amount, amount))) for c in color)
    return (r, g, b)


def shade(color: RGB, factor: float) -> RGB:
    """The colour darkened (factor < 1) or lightened towards white (factor > 1)."""
    if factor <= 1:
        r, g, b = (int(c * factor) for c in color)
    else:
        r, g, b = (int(c + (255 - c) * (factor - 1)) for c in color)
    return (r, g, b)


def paint(kind: str, img: Image, rng: random.Random, pal: Palette) -> None:
    """Draw the scene for a photo slot (front, distant, interior, surroundings) onto ``img``."""
    painters = {
        "front": _front,
        "distant": _distant,
        "interior": _interior,
        "surroundings": _surroundings,
    }
    painters[kind](img, rng, pal)


def sky(img: Image, horizon: int, colors: tuple[RGB, RGB], rng: random.Random) -> None:
    """A vertical gradient down to the horizon, with a few soft clouds."""
    from PIL import Image as PILImage
    from PIL import ImageDraw

    w = img.width
    band = max(1, horizon)
    mask = PILImage.linear_gradient("L").resize((w, band))
    top, bottom = (PILImage.new("RGB", (w, band), c) for c in colors)
    img.paste(PILImage.composite(bottom, top, mask), (0, 0))
    draw = ImageDraw.Draw(img)
    cloud = shade(colors[1], 1.5)
    for _ in range(rng.randint(0, 3)):
        cx, cy = rng.uniform(0, w), rng.uniform(0.1, 0.6) * band
        for _ in range(4):
            rx, ry = rng.uniform(0.03, 0.07) * w, rng.uniform(0.015, 0.035) * w
            ox, oy = rng.uniform(-1.2, 1.2) * rx, rng.uniform(-0.4, 0.4) * ry
            draw.ellipse([cx + ox - rx, cy + oy - ry, cx + ox + rx, cy + oy + ry], fill=cloud)


def ridge(
    draw: ImageDraw, w: int, h: int, base: float, amp: float, color: RGB, rng: random.Random
) -> None:
    """A line of hills whose foot is at ``base`` and whose tops rise up to ``amp`` above it."""
    waves = [(rng.uniform(0.6, 1.4) * k, rng.uniform(0, 2 * math.pi)) for k in (1.0, 2.7, 6.1)]
    points = [(0.0, float(h))]
    for i in range(49):
        t = i / 48
        lift = 0.5 + sum(
            a * math.sin(2 * math.pi * f * t + p)
            for a, (f, p) in zip((0.3, 0.14, 0.06), waves, strict=True)
        )
        points.append((t * w, base - amp * lift))
    points.append((float(w), float(h)))
    draw.polygon(points, fill=color)


def tree(
    draw: ImageDraw, x: float, base: float, size: float, color: RGB, rng: random.Random
) -> None:
    """A trunk and a crown of overlapping leaf clumps; ``size`` is the tree's height."""
    half = max(0.5, size * 0.05)
    draw.rectangle([x - half, base - size * 0.5, x + half, base], fill=(88, 66, 46))
    for _ in range(5):
        cx = x + rng.uniform(-0.22, 0.22) * size
        cy = base - size * rng.uniform(0.55, 0.85)
        r = size * rng.uniform(0.16, 0.26)
        draw.ellipse([cx - r, cy - r, cx + r, cy + r], fill=jitter(rng, color, 12))


def house(
    draw: ImageDraw, cx: float, base: float, hw: float, pal: Palette, rng: random.Random
) -> None:
    """A one-storey rural house: wall, foundation, gable or hipped roof, windows and a door."""
    hh = hw * rng.uniform(0.4, 0.52)
    x0, x1, top = cx - hw / 2, cx + hw / 2, base - hh
    plinth = base - hh * 0.1
    draw.rectangle([x0, plinth, x1, base], fill=(128, 124, 118))
    draw.rectangle([x0, top, x1, plinth], fill=pal.wall)
    draw.rectangle([x0, top, x1, top + hh * 0.07], fill=shade(pal.wall, 0.75))  # eave shadow
    over, roof_h = hw * 0.07, hw * rng.uniform(0.2, 0.3)
    if rng.random() < 0.5:
        roof = [(x0 - over, top), (x1 + over, top), (cx, top - roof_h)]
    else:
        inset = hw * rng.uniform(0.12, 0.22)
        roof = [
            (x0 - over, top),
            (x1 + over, top),
            (x1 - inset, top - roof_h),
            (x0 + inset, top - roof_h),
        ]
    draw.polygon(roof, fill=pal.roof)
    (left, _), (right, _) = roof[0], roof[1]
    ridge_left, ridge_right = roof[-1][0], roof[2][0]
    for i in range(1, 5):  # the ribs of a metal roof, lighter towards the ridge
        f = i / 5
        y = top - roof_h * f
        xl, xr = left + (ridge_left - left) * f, right + (ridge_right - right) * f
        draw.line([(xl + 1, y), (xr - 1, y)], fill=shade(pal.roof, 1.0 + 0.04 * i), width=1)
    draw.polygon(roof, outline=shade(pal.roof, 0.6))
    draw.line(
        [(x0 - over, top), (x1 + over, top)],
        fill=shade(pal.roof, 0.55),
        width=max(1, round(hw * 0.012)),
    )
    door_w, door_h = hw * 0.12, hh * 0.64
    door_x = cx + rng.choice((-1, 1)) * hw * rng.uniform(0.05, 0.22)
    draw.rectangle(
        [door_x - door_w / 2, plinth - door_h, door_x + door_w / 2, plinth],
        fill=pal.door,
        outline=shade(pal.door, 0.6),
    )
    knob = max(1.0, hw * 0.008)
    kx, ky = door_x + door_w * 0.3, plinth - door_h * 0.48
    draw.ellipse([kx - knob, ky - knob, kx + knob, ky + knob], fill=(210, 200, 160))
    frame = rng.choice([(236, 236, 236), (150, 152, 156), (120, 84, 56)])
    glass = jitter(rng, (150, 182, 204), 12)
    win_w, win_h = hw * rng.uniform(0.13, 0.18), hh * rng.uniform(0.3, 0.38)
    for slot in (0.16, 0.5, 0.84):
        wx = x0 + hw * slot
        if abs(wx - door_x) < (door_w + win_w) / 2 + hw * 0.03:
            continue
        wy = top + hh * 0.24
        draw.rectangle([wx - win_w / 2, wy, wx + win_w / 2, wy + win_h], fill=frame)
        pad = max(1.0, win_w * 0.08)
        draw.rectangle(
            [wx - win_w / 2 + pad, wy + pad, wx + win_w / 2 - pad, wy + win_h - pad], fill=glass
        )
        draw.line([(wx, wy), (wx, wy + win_h)], fill=frame, width=max(1, round(pad)))


def _front(img: Image, rng: random.Random, pal: Palette) -> None:
    from PIL import ImageDraw

    w, h = img.size
    horizon = round(h * rng.uniform(0.46, 0.54))
    sky(img, horizon, pal.sky, rng)
    draw = ImageDraw.Draw(img)
    ridge(draw, w, h, horizon, h * 0.2, shade(pal.hill, 1.25), rng)
    ridge(draw, w, h, horizon + h * 0.02, h * 0.1, pal.hill, rng)
    draw.rectangle([0, horizon + h * 0.02, w, h], fill=pal.field)
    base = h * rng.uniform(0.78, 0.86)
    hw, cx = w * rng.uniform(0.44, 0.58), w * rng.uniform(0.42, 0.58)
    yard = jitter(rng, rng.choice([(176, 170, 158), (168, 140, 104)]), 8)
    draw.polygon([(0, base - h * 0.03), (w, base - h * 0.03), (w, h), (0, h)], fill=yard)
    for side in (-1, 1):
        if rng.random() < 0.75:
            tx = cx + side * (hw / 2 + w * rng.uniform(0.04, 0.12))
            tree(draw, tx, base - h * 0.02, h * rng.uniform(0.3, 0.42), pal.tree, rng)
    house(draw, cx, base, hw, pal, rng)
    stone = (150, 146, 138)
    wall_y = h * rng.uniform(0.9, 0.95)
    x = -rng.uniform(0, w * 0.03)
    while x < w * rng.uniform(0.2, 0.35):  # a low stone wall (돌담) at one corner
        r = h * rng.uniform(0.018, 0.03)
        draw.ellipse(
            [x, wall_y - r, x + 2.2 * r, wall_y + r],
            fill=shade(stone, rng.uniform(0.85, 1.15)),
            outline=(110, 106, 100),
        )
        x += 2 * r


def _distant(img: Image, rng: random.Random, pal: Palette) -> None:
    from PIL import ImageDraw

    w, h = img.size
    horizon = round(h * rng.uniform(0.36, 0.44))
    sky(img, horizon, pal.sky, rng)
    draw = ImageDraw.Draw(img)
    for i, factor in enumerate((1.35, 1.15, 1.0)):
        ridge(
            draw, w, h, horizon + h * 0.015 * i, h * (0.2 - 0.05 * i), shade(pal.hill, factor), rng
        )
    top = horizon + h * 0.03
    bands = 7
    for i in range(bands):  # field strips, wider as they come closer
        y0 = top + (h - top) * (i / bands) ** 1.5
        y1 = top + (h - top) * ((i + 1) / bands) ** 1.5
        color = jitter(rng, shade(pal.field, 0.88 if i % 2 else 1.05), 6)
        draw.rectangle([0, y0, w, y1 + 1], fill=color)
        if i >= bands - 3:
            for k in range(0, w, max(4, w // 40)):
                draw.line([(k, y0), (k + (k - w / 2) * 0.08, y1)], fill=shade(color, 0.9), width=1)
    house_base = top + (h - top) * rng.uniform(0.12, 0.2)
    hx, hw = w * rng.uniform(0.25, 0.75), w * rng.uniform(0.1, 0.15)
    for _ in range(rng.randint(3, 6)):
        tx = hx + rng.choice((-1, 1)) * rng.uniform(0.6, 1.6) * hw
        tree(draw, tx, house_base - h * 0.005, h * rng.uniform(0.06, 0.1), pal.tree, rng)
    house(draw, hx, house_base, hw, pal, rng)
    row_y = top + (h - top) * rng.uniform(0.3, 0.4)
    for k in range(rng.randint(5, 9)):
        tree(
            draw,
            w * (k + rng.uniform(0, 0.5)) / 8,
            row_y,
            h * rng.uniform(0.07, 0.11),
            pal.tree,
            rng,
        )


def _interior(img: Image, rng: random.Random, pal: Palette) -> None:
    from PIL import Image as PILImage
    from PIL import ImageDraw

    w, h = img.size
    draw = ImageDraw.Draw(img)
    wall = jitter(
        rng, rng.choice([(236, 230, 214), (228, 232, 222), (240, 236, 230), (222, 214, 198)]), 6
    )
    floor = jitter(rng, rng.choice([(206, 160, 92), (176, 124, 82), (190, 186, 178)]), 8)
    bx0, bx1 = w * rng.uniform(0.18, 0.28), w * rng.uniform(0.72, 0.82)
    by0, by1 = h * rng.uniform(0.16, 0.22), h * rng.uniform(0.62, 0.7)
    draw.polygon([(0, 0), (w, 0), (bx1, by0), (bx0, by0)], fill=shade(wall, 1.3))
    draw.polygon([(0, h), (w, h), (bx1, by1), (bx0, by1)], fill=floor)
    for i in range(1, 8):  # floor seams running to the back wall
        draw.line(
            [(w * i / 8, h), (bx0 + (bx1 - bx0) * i / 8, by1)], fill=shade(floor, 0.9), width=1
        )
    draw.polygon([(0, 0), (bx0, by0), (bx0, by1), (0, h)], fill=shade(wall, 0.86))
    draw.polygon([(w, 0), (bx1, by0), (bx1, by1), (w, h)], fill=shade(wall, 0.93))
    draw.rectangle([bx0, by0, bx1, by1], fill=wall)
    draw.line([(bx0, by1), (bx1, by1)], fill=shade(floor, 0.6), width=max(1, h // 120))
    ww, wh = (bx1 - bx0) * rng.uniform(0.4, 0.55), (by1 - by0) * rng.uniform(0.38, 0.5)
    wx0, wy0 = bx0 + (bx1 - bx0 - ww) * rng.uniform(0.3, 0.7), by0 + (by1 - by0) * 0.18
    view = PILImage.new("RGB", (max(1, round(ww)), max(1, round(wh))))
    sky(view, round(wh * 0.7), pal.sky, rng)
    ridge(ImageDraw.Draw(view), view.width, view.height, wh * 0.75, wh * 0.3, pal.hill, rng)
    img.paste(view, (round(wx0), round(wy0)))
    frame = rng.choice([(240, 240, 240), (126, 90, 60)])
    bar = max(1, round(ww * 0.04))
    draw.rectangle([wx0, wy0, wx0 + ww, wy0 + wh], outline=frame, width=bar)
    draw.line([(wx0 + ww / 2, wy0), (wx0 + ww / 2, wy0 + wh)], fill=frame, width=bar)
    curtain = jitter(rng, rng.choice([(196, 170, 140), (170, 186, 200), (206, 196, 170)]), 10)
    draw.rectangle([wx0 - ww * 0.12, wy0 - wh * 0.08, wx0 + ww * 0.1, wy0 + wh * 1.1], fill=curtain)
    draw.polygon(
        [(wx0, by1 + 2), (wx0 + ww, by1 + 2), (wx0 + ww * 1.3, h * 0.9), (wx0 + ww * 0.1, h * 0.9)],
        fill=shade(floor, 1.12),
    )
    d0, d1 = rng.uniform(0.3, 0.45), rng.uniform(0.6, 0.75)  # a door on the right wall

    def on_right(t: float, v: float) -> tuple[float, float]:
        """A point on the right wall: t front edge (0) → back wall (1), v ceiling → floor."""
        top, bottom = by0 * t, h + (by1 - h) * t
        return w + (bx1 - w) * t, top + (bottom - top) * v

    door = [on_right(d0, 0.3), on_right(d1, 0.3), on_right(d1, 1.0), on_right(d0, 1.0)]
    draw.polygon(door, fill=pal.door, outline=shade(pal.door, 0.6))
    cx = w / 2
    draw.ellipse(
        [cx - w * 0.06, by0 * 0.35, cx + w * 0.06, by0 * 0.35 + h * 0.035], fill=(255, 244, 214)
    )


def _surroundings(img: Image, rng: random.Random, pal: Palette) -> None:
    from PIL import ImageDraw

    w, h = img.size
    horizon = round(h * rng.uniform(0.42, 0.5))
    sky(img, horizon, pal.sky, rng)
    draw = ImageDraw.Draw(img)
    ridge(draw, w, h, horizon, h * 0.16, shade(pal.hill, 1.2), rng)
    draw.rectangle([0, horizon, w, h], fill=pal.field)
    vx, vy = w * rng.uniform(0.4, 0.6), horizon + h * 0.01
    for k in range(-30, 31):  # furrows running to the vanishing point
        draw.line([(vx, vy), (vx + k * w * 0.08, h)], fill=shade(pal.field, 0.88), width=1)
    left, right = w * rng.uniform(0.1, 0.25), w * rng.uniform(0.75, 0.9)
    concrete = rng.random() < 0.6
    road = jitter(rng, (184, 182, 174) if concrete else (92, 94, 100), 6)
    draw.polygon([(left, h), (right, h), (vx + w * 0.006, vy), (vx - w * 0.006, vy)], fill=road)
    if not concrete:
        for i in range(12):  # dashed centre line
            t0, t1 = (i / 12) ** 1.8, ((i + 0.5) / 12) ** 1.8
            mid = (left + right) / 2
            p0 = (mid + (vx - mid) * (1 - t0), vy + (h - vy) * t0)
            p1 = (mid + (vx - mid) * (1 - t1), vy + (h - vy) * t1)
            draw.line([p0, p1], fill=(226, 190, 70), width=max(1, round(w * 0.006 * t1)))
    side = rng.choice((-1, 1))
    edge = left if side < 0 else right
    poles = []
    for i in range(6, 0, -1):  # trees and poles along one side, far ones first
        t = i / 7
        x = edge + (vx - edge) * t + side * w * 0.05 * (1 - t)
        y = vy + (h - vy) * (1 - t)
        size = h * (0.5 * (1 - t) + 0.03)
        tree(draw, x + side * size * 0.45, y, size, pal.tree, rng)
        if i % 2 == 0:
            poles.append((x, y - size * 1.05, y))
    for x, top, base in poles:
        draw.line(
            [(x, top), (x, base)], fill=(110, 100, 90), width=max(1, round((base - top) * 0.03))
        )
    draw.line([(x, top) for x, top, _ in poles], fill=(60, 60, 60), width=1)
    if rng.random() < 0.6:
        hx = vx - side * w * rng.uniform(0.2, 0.3)
        house(draw, hx, vy + h * 0.04, w * 0.12, pal, rng)
