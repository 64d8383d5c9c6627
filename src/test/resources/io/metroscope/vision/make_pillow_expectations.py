#!/usr/bin/python3
"""Writes pillow_expectations.txt: what Pillow 9.4 (Debian python3-pil) computes for small deterministic inputs.

Tests read the text file and never need Python. Regenerate with:
    /usr/bin/python3 make_pillow_expectations.py > pillow_expectations.txt

Line format: "<key> <width> <height> <base64 of the RGB bytes>" (or of the file bytes for "file.*" keys;
"sha256.*" keys carry the hex SHA-256 of the RGB bytes instead).
The pattern is pattern(w, h) below; PillowResizeTest builds the same one in Java.
"""
import base64
import hashlib
import io

import numpy as np
import PIL
from PIL import Image


def pattern(w, h):
    y, x = np.mgrid[0:h, 0:w]
    planes = [(x * 37 + y * 91 + c * 53 + x * y * 7) % 256 for c in range(3)]
    return np.stack(planes, axis=-1).astype(np.uint8)


def line(key, w, h, data):
    print(key, w, h, base64.b64encode(bytes(data)).decode("ascii"))


print("# Pillow", PIL.__version__)

# Image.resize(size, BILINEAR): downscale (antialiased), upscale, one axis only, mixed.
src = Image.fromarray(pattern(17, 13), "RGB")
for (w, h) in [(5, 7), (40, 9), (17, 30), (3, 3), (31, 13), (1, 1), (9, 26)]:
    line("resize.17x13.%dx%d" % (w, h), w, h, np.asarray(src.resize((w, h), Image.BILINEAR)).tobytes())

# Resize(224) + CenterCrop(224) on a small portrait image (upscale): 37x50 -> 224x302 -> crop top 39.
small = Image.fromarray(pattern(37, 50), "RGB").resize((224, int(224 * 50 / 37)), Image.BILINEAR)
top = int(round((small.height - 224) / 2.0))
crop = np.asarray(small.crop((0, top, 224, top + 224))).tobytes()
print("sha256.official.37x50", 224, 224, hashlib.sha256(crop).hexdigest())

# A CMYK JPEG as Pillow writes it (Adobe marker, inverted), and Pillow's convert('RGB') of it.
cmyk = np.zeros((16, 24, 4), np.uint8)
rgbp = pattern(24, 16)
cmyk[..., :3] = 255 - rgbp
cmyk[..., 3] = (np.arange(24)[None, :] * 9) % 200
buf = io.BytesIO()
Image.fromarray(cmyk, "CMYK").save(buf, "JPEG", quality=95)
line("file.cmyk.jpg", 24, 16, buf.getvalue())
decoded = Image.open(io.BytesIO(buf.getvalue()))
assert decoded.mode == "CMYK"
line("decoded.cmyk.jpg", 24, 16, np.asarray(decoded.convert("RGB")).tobytes())

# RGB and grey JPEGs with other subsamplings / progressive / odd sizes, and Pillow's decoded pixels.
rgb = Image.fromarray(pattern(23, 15), "RGB")
for key, kwargs in [("rgb420p", dict(subsampling=2, progressive=True)), ("rgb422", dict(subsampling=1)),
                    ("rgb444", dict(subsampling=0))]:
    buf = io.BytesIO()
    rgb.save(buf, "JPEG", quality=85, **kwargs)
    line("file.%s.jpg" % key, 23, 15, buf.getvalue())
    line("decoded.%s.jpg" % key, 23, 15, np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB")).tobytes())
buf = io.BytesIO()
rgb.convert("L").save(buf, "JPEG", quality=85)
line("file.grey.jpg", 23, 15, buf.getvalue())
line("decoded.grey.jpg", 23, 15, np.asarray(Image.open(io.BytesIO(buf.getvalue())).convert("RGB")).tobytes())
