"""Draw the application icon with Qt and write it as a multi-size Windows .ico.

    QT_QPA_PLATFORM=offscreen .venv/bin/python packaging/make_icon.py

Writes packaging/complaints_desktop.ico (16, 20, 24, 32, 40, 48, 64 and 256 pixels; 32-bit
with alpha; the 256-pixel image PNG-compressed, the others plain bitmaps as Windows' own
icons are) and complaints_desktop/resources/icons/app.png (256 pixels, the window's icon).
The picture: a white speech bubble with a tick on a rounded blue square, drawn from
shapes at each size rather than scaled, so that the 16-pixel one stays crisp.
Run it again only to change the picture; both files are committed.
"""

from __future__ import annotations

import struct
import sys
from pathlib import Path

from PySide6.QtCore import QBuffer, QByteArray, QIODevice, QPointF, QRectF, Qt
from PySide6.QtGui import QColor, QGuiApplication, QImage, QPainter, QPainterPath, QPen

ROOT = Path(__file__).resolve().parent.parent
ICO = ROOT / "packaging" / "complaints_desktop.ico"
PNG = ROOT / "complaints_desktop" / "resources" / "icons" / "app.png"
SIZES = (16, 20, 24, 32, 40, 48, 64, 256)
BLUE = QColor("#1d5c8c")
WHITE = QColor("#ffffff")
GREEN = QColor("#2e8540")


def draw(size: int) -> QImage:
    """The icon at ``size`` pixels square, ARGB with a transparent outside."""
    image = QImage(size, size, QImage.Format.Format_ARGB32)
    image.fill(Qt.GlobalColor.transparent)
    p = QPainter(image)
    p.setRenderHint(QPainter.RenderHint.Antialiasing)
    s = float(size)
    # The tile: a rounded square filling the image less a hair at the edge.
    inset = 0.0 if size <= 20 else s * 0.03
    tile = QRectF(inset, inset, s - 2 * inset, s - 2 * inset)
    p.setPen(Qt.PenStyle.NoPen)
    p.setBrush(BLUE)
    p.drawRoundedRect(tile, s * 0.18, s * 0.18)
    # The speech bubble: a rounded rectangle with a tail at its lower left.
    bubble = QRectF(s * 0.16, s * 0.18, s * 0.68, s * 0.50)
    path = QPainterPath()
    path.addRoundedRect(bubble, s * 0.10, s * 0.10)
    tail = QPainterPath()
    tail.moveTo(QPointF(s * 0.28, bubble.bottom() - s * 0.04))
    tail.lineTo(QPointF(s * 0.24, s * 0.84))
    tail.lineTo(QPointF(s * 0.48, bubble.bottom() - s * 0.04))
    tail.closeSubpath()
    p.setBrush(WHITE)
    p.drawPath(path.united(tail))
    # The tick inside the bubble, thick enough to read at 16 pixels.
    pen = QPen(GREEN, max(1.6, s * 0.085))
    pen.setCapStyle(Qt.PenCapStyle.RoundCap)
    pen.setJoinStyle(Qt.PenJoinStyle.RoundJoin)
    p.setPen(pen)
    p.setBrush(Qt.BrushStyle.NoBrush)
    tick = QPainterPath()
    tick.moveTo(QPointF(s * 0.33, s * 0.44))
    tick.lineTo(QPointF(s * 0.45, s * 0.56))
    tick.lineTo(QPointF(s * 0.67, s * 0.31))
    p.drawPath(tick)
    p.end()
    return image


def png_bytes(image: QImage) -> bytes:
    data = QByteArray()
    buffer = QBuffer(data)
    buffer.open(QIODevice.OpenModeFlag.WriteOnly)
    image.save(buffer, "PNG")
    return bytes(data.data())


def bmp_bytes(image: QImage) -> bytes:
    """An icon bitmap: BITMAPINFOHEADER (height doubled for the mask), BGRA rows bottom
    up, then the 1-bit AND mask (all zero: the alpha channel says what shows)."""
    w, h = image.width(), image.height()
    argb = image.convertToFormat(QImage.Format.Format_ARGB32)
    rows = []
    for y in range(h - 1, -1, -1):
        line = argb.constScanLine(y)
        rows.append(bytes(line)[: w * 4])  # ARGB32 is B, G, R, A in memory (little-endian)
    mask_row = ((w + 31) // 32) * 4
    header = struct.pack("<IiiHHIIiiII", 40, w, h * 2, 1, 32, 0, w * h * 4, 0, 0, 0, 0)
    return header + b"".join(rows) + bytes(mask_row * h)


def ico(images: list[QImage]) -> bytes:
    """ICONDIR, one ICONDIRENTRY per image, then the images (256 as PNG, others BMP)."""
    blobs = [png_bytes(im) if im.width() >= 256 else bmp_bytes(im) for im in images]
    out = struct.pack("<HHH", 0, 1, len(images))
    offset = 6 + 16 * len(images)
    for image, blob in zip(images, blobs, strict=True):
        side = image.width() if image.width() < 256 else 0  # 0 means 256
        out += struct.pack("<BBBBHHII", side, side, 0, 0, 1, 32, len(blob), offset)
        offset += len(blob)
    return out + b"".join(blobs)


def main() -> int:
    _app = QGuiApplication(sys.argv[:1])
    images = [draw(size) for size in SIZES]
    ICO.write_bytes(ico(images))
    PNG.parent.mkdir(parents=True, exist_ok=True)
    images[-1].save(str(PNG), "PNG")
    print(f"wrote {ICO.relative_to(ROOT)} ({ICO.stat().st_size} bytes) and {PNG.relative_to(ROOT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
