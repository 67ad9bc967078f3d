"""A tiny PNG reader for the tests: how much of an image is not white (8-bit grey, RGB or RGBA, not interlaced)."""

from __future__ import annotations

import struct
import zlib
from pathlib import Path

CHANNELS = {0: 1, 2: 3, 4: 2, 6: 4}  # colour type -> samples per pixel


def rows(data: bytes) -> tuple[int, int, int, list[bytes]]:
    """(width, height, channels, the unfiltered rows) of a PNG."""
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG"
    position, idat, header = 8, [], None
    while position < len(data):
        (length,) = struct.unpack(">I", data[position : position + 4])
        kind = data[position + 4 : position + 8]
        body = data[position + 8 : position + 8 + length]
        position += 12 + length
        if kind == b"IHDR":
            header = struct.unpack(">IIBBBBB", body)
        elif kind == b"IDAT":
            idat.append(body)
        elif kind == b"IEND":
            break
    assert header is not None
    width, height, depth, colour, _compression, _filter, interlace = header
    assert depth == 8 and colour in CHANNELS and interlace == 0, header
    channels = CHANNELS[colour]
    raw = zlib.decompress(b"".join(idat))
    stride = width * channels
    out, previous = [], bytearray(stride)
    for y in range(height):
        start = y * (stride + 1)
        kind, line = raw[start], bytearray(raw[start + 1 : start + 1 + stride])
        for i in range(stride):
            left = line[i - channels] if i >= channels else 0
            up = previous[i]
            corner = previous[i - channels] if i >= channels else 0
            if kind == 1:
                line[i] = (line[i] + left) & 255
            elif kind == 2:
                line[i] = (line[i] + up) & 255
            elif kind == 3:
                line[i] = (line[i] + (left + up) // 2) & 255
            elif kind == 4:
                p = left + up - corner
                pa, pb, pc = abs(p - left), abs(p - up), abs(p - corner)
                line[i] = (line[i] + (left if pa <= pb and pa <= pc else up if pb <= pc else corner)) & 255
        out.append(bytes(line))
        previous = line
    return width, height, channels, out


def ink(path: Path | bytes, step: int = 2) -> float:
    """The share of pixels (sampled every ``step``) that are clearly not white."""
    data = path if isinstance(path, bytes) else Path(path).read_bytes()
    width, height, channels, lines = rows(data)
    colour = min(channels, 3)
    dark = total = 0
    for y in range(0, height, step):
        line = lines[y]
        for x in range(0, width, step):
            pixel = line[x * channels : x * channels + colour]
            total += 1
            dark += min(pixel) < 200
    return dark / total
