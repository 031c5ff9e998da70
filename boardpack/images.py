"""Images as boardpack publishes them: their pixels alone, never the metadata their files carry.

A photograph from a phone carries EXIF (the phone's owner, the GPS position where it was taken, the time);
an edited PNG carries text chunks (the author, the software, comments) and XMP. The web edition and the Word
documents would hand the files on byte for byte, and Typst keeps a JPEG's own bytes in the PDF. So every
edition takes the image from here: decoded, turned as EXIF says it is shown, brought into sRGB, and encoded
again (Pillow) with its resolution and nothing else.
"""

from __future__ import annotations

import io
from functools import lru_cache
from pathlib import Path
from typing import TYPE_CHECKING

from .errors import BoardpackError, Problem

if TYPE_CHECKING:
    from PIL import Image

MAX_PIXELS = 100_000_000  # a 10,000 × 10,000 image (all of an animation's frames together); more is refused
# before it is decoded (a small file can claim a vast image)


def published_image(path: Path) -> bytes:
    """The image at `path` as a public edition holds it: re-encoded in its own format, with no metadata."""
    found = path.stat()
    return _published(path, found.st_mtime_ns, found.st_size)


@lru_cache(maxsize=256)
def _published(path: Path, _mtime: int, _size: int) -> bytes:
    from PIL import Image, ImageCms, ImageOps, UnidentifiedImageError

    Image.MAX_IMAGE_PIXELS = None  # measured below, frames and all, before anything is decoded
    try:
        with Image.open(path) as opened:
            kind = opened.format
            frames = getattr(opened, "n_frames", 1)
            width, height = opened.size
            if width * height * frames > MAX_PIXELS:  # measured before a pixel is decoded
                raise BoardpackError(
                    [
                        Problem(
                            str(path),
                            0,
                            "",
                            f"the image is {width} × {height} pixels"
                            f"{f' in {frames} frames' if frames > 1 else ''}, more than "
                            f"{MAX_PIXELS // 1_000_000} million in all: make it smaller",
                        )
                    ]
                )
            dpi = opened.info.get("dpi")
            if kind == "GIF" and frames > 1:
                return _animation(opened)
            image = ImageOps.exif_transpose(opened)  # the picture as it is shown, before its EXIF goes
            image.load()
    except (OSError, UnidentifiedImageError, Image.DecompressionBombError, ValueError) as error:
        raise BoardpackError([Problem(str(path), 0, "", f"the image cannot be read to publish it: {error}")]) from None
    profile = image.info.get("icc_profile")
    if profile and image.mode in ("RGB", "RGBA"):
        try:
            source = ImageCms.ImageCmsProfile(io.BytesIO(profile))
            image = (
                ImageCms.profileToProfile(image, source, ImageCms.createProfile("sRGB"), outputMode=image.mode) or image
            )
        except (ImageCms.PyCMSError, OSError):
            pass  # an unreadable profile: the pixels as they are
    clean = image.copy()
    clean.info = {}  # what Pillow would write again: EXIF, XMP, ICC, text, comments
    options: dict[str, object] = {"dpi": dpi} if dpi else {}
    if "transparency" in image.info and kind in ("PNG", "GIF"):
        options["transparency"] = image.info["transparency"]
    out = io.BytesIO()
    if kind == "JPEG":
        clean.convert("RGB" if clean.mode not in ("L", "RGB", "CMYK") else clean.mode).save(
            out, "JPEG", quality=95, **options
        )
    elif kind == "GIF":
        clean.save(out, "GIF", **options)
    else:
        clean.save(out, "PNG", **options)
    return out.getvalue()


def _animation(opened: Image.Image) -> bytes:
    """An animated GIF's frames, with their timing and nothing else."""
    from PIL import ImageSequence

    frames = [frame.copy() for frame in ImageSequence.Iterator(opened)]
    for frame in frames:
        frame.info = {key: value for key, value in frame.info.items() if key in ("duration", "transparency")}
    out = io.BytesIO()
    frames[0].save(
        out,
        "GIF",
        save_all=True,
        append_images=frames[1:],
        loop=getattr(opened, "info", {}).get("loop", 0),
        duration=[frame.info.get("duration", 100) for frame in frames],
    )
    return out.getvalue()
