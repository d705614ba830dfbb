#!/usr/bin/env python3
"""Draws LiveCall's app icons (the favicon's camera on the brand blue) as PNG files, without any imaging library.

Usage: scripts/make-icons.py   (writes LiveCall.App/wwwroot/icons/*.png)

The shapes are those of wwwroot/favicon.svg (a 32 x 32 view box). "any" icons keep the favicon's rounded corners on a
transparent background; "maskable" and Apple's touch icon fill the square (the platform cuts its own shape), with
the camera inside the central safe circle (radius 40 %).
"""
import os, struct, zlib

OUT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "LiveCall.App", "wwwroot", "icons")
BLUE = (0x0D, 0x47, 0xA1)
WHITE = (0xFF, 0xFF, 0xFF)
SAMPLES = 4  # per axis: 16 samples a pixel for smooth edges


def in_round_rect(x, y, left, top, width, height, r):
    if x < left or y < top or x > left + width or y > top + height:
        return False
    cx = min(max(x, left + r), left + width - r)
    cy = min(max(y, top + r), top + height - r)
    return (x - cx) ** 2 + (y - cy) ** 2 <= r * r


def in_lens(x, y):
    # The favicon's path M21 14.5 l5 -3 v9 l-5 -3 z: a trapezoid from x 21 to 26.
    if x < 21 or x > 26:
        return False
    t = (x - 21) / 5
    return 14.5 - 3 * t <= y <= 17.5 + 3 * t


def in_camera(x, y):
    return in_round_rect(x, y, 6, 10, 14, 12, 2.5) or in_lens(x, y)


def draw(size, rounded):
    rows = []
    scale = 32 / size
    for py in range(size):
        row = bytearray([0])  # filter type 0
        for px in range(size):
            background = camera = 0
            for sy in range(SAMPLES):
                for sx in range(SAMPLES):
                    x = (px + (sx + 0.5) / SAMPLES) * scale
                    y = (py + (sy + 0.5) / SAMPLES) * scale
                    if rounded and not in_round_rect(x, y, 0, 0, 32, 32, 7):
                        continue
                    background += 1
                    if in_camera(x, y):
                        camera += 1
            n = SAMPLES * SAMPLES
            alpha = background / n
            if background == 0:
                row += bytes((0, 0, 0, 0))
                continue
            mix = camera / background
            rgb = [round(b + (w - b) * mix) for b, w in zip(BLUE, WHITE)]
            row += bytes(rgb + [round(alpha * 255)])
        rows.append(bytes(row))
    return png(size, b"".join(rows))


def png(size, raw):
    def chunk(kind, data):
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
    header = struct.pack(">IIBBBBB", size, size, 8, 6, 0, 0, 0)  # 8-bit RGBA
    return b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", zlib.compress(raw, 9)) + chunk(b"IEND", b"")


def main():
    os.makedirs(OUT, exist_ok=True)
    for name, size, rounded in [("icon-192.png", 192, True), ("icon-512.png", 512, True),
                                ("icon-maskable-512.png", 512, False), ("apple-touch-icon.png", 180, False)]:
        with open(os.path.join(OUT, name), "wb") as f:
            f.write(draw(size, rounded))
        print(name, size)


if __name__ == "__main__":
    main()
