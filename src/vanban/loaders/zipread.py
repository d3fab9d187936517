"""Reading the parts of a zip package (DOCX) safely.

Two things the standard library does not do for untrusted archives:

* **Bounded reading.** ``ZipFile.read`` trusts the sizes in the headers and
  inflates the whole member before checking its CRC, so a part whose headers
  claim 1,000 bytes while its stream inflates to gigabytes fills memory first.
  :meth:`ZipParts.read` reads in 1 MiB chunks and stops as soon as the bytes
  actually produced pass :attr:`Limits.max_docx_uncompressed_bytes` (counted
  over every part read from the package).
* **One error type.** A damaged or exotic archive can raise
  ``BadZipFile``, ``NotImplementedError`` (a compression method such as
  "version 17.8" or PPMd), ``RuntimeError`` (an encrypted part),
  ``zlib.error``, ``lzma.LZMAError``, ``OSError`` (bz2), ``EOFError`` or
  ``ValueError``; every one of them becomes a
  :class:`~vanban.errors.CorruptDocument` with the part's name.
"""

from __future__ import annotations

import io
import lzma
import zipfile
import zlib
from types import TracebackType

from vanban.errors import CorruptDocument, LimitExceeded
from vanban.limits import Limits, check_deadline

__all__ = ["ZIP_ERRORS", "ZipParts"]

# Everything zipfile and its decompressors raise on a damaged or unsupported archive.
ZIP_ERRORS: tuple[type[BaseException], ...] = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    NotImplementedError,  # compression method not supported ("version 17.8")
    RuntimeError,  # encrypted member (a password is required)
    zlib.error,
    lzma.LZMAError,
    OSError,  # bz2: "Invalid data stream"
    EOFError,
    ValueError,
    OverflowError,
)
_CHUNK = 1 << 20


class ZipParts:
    """An open zip package whose parts are read within the limits."""

    def __init__(self, data: bytes, limits: Limits, *, what: str = "DOCX") -> None:
        self.what = what
        self.limits = limits
        self.read_bytes = 0  # uncompressed bytes produced so far, all parts together
        try:
            self.zf = zipfile.ZipFile(io.BytesIO(data))
            self.infos = self.zf.infolist()
        except ZIP_ERRORS as exc:
            raise CorruptDocument(f"not a readable {what} (zip) file: {_why(exc)}") from exc
        if len(self.infos) > limits.max_docx_parts:
            raise LimitExceeded(
                f"{what} has {len(self.infos):,} parts, over the limit of "
                f"{limits.max_docx_parts:,} (Limits.max_docx_parts)"
            )
        total = sum(i.file_size for i in self.infos)
        if total > limits.max_docx_uncompressed_bytes:
            raise LimitExceeded(self._over(total, "its zip directory says it"))
        self.names = {i.filename for i in self.infos}

    def __enter__(self) -> ZipParts:
        return self

    def __exit__(
        self,
        exc_type: type[BaseException] | None,
        exc: BaseException | None,
        tb: TracebackType | None,
    ) -> None:
        self.close()

    def close(self) -> None:
        """Close the archive."""
        self.zf.close()

    def read(self, name: str, *, max_bytes: int | None = None) -> bytes | None:
        """The bytes of part ``name``, or None when the package has no such part.

        Raises:
            LimitExceeded: the parts read so far inflate past
                ``max_docx_uncompressed_bytes``, or this part past ``max_bytes``,
                whatever the headers claimed.
            CorruptDocument: the part cannot be decompressed.
        """
        if name not in self.names:
            return None
        budget = self.limits.max_docx_uncompressed_bytes - self.read_bytes
        cap = budget if max_bytes is None else min(budget, max_bytes)
        chunks: list[bytes] = []
        size = 0
        try:
            with self.zf.open(name) as member:
                while True:
                    # read(n) inflates at most about n bytes, whatever the headers say
                    chunk = member.read(min(_CHUNK, cap - size + 1))
                    if not chunk:
                        break
                    size += len(chunk)
                    if size > cap:
                        raise LimitExceeded(self._too_big(name, size, budget, max_bytes))
                    chunks.append(chunk)
                    check_deadline()
        except ZIP_ERRORS as exc:
            raise CorruptDocument(
                f"{self.what} part {name} cannot be unpacked: {_why(exc)}"
            ) from exc
        self.read_bytes += size
        return b"".join(chunks)

    def _too_big(self, name: str, size: int, budget: int, max_bytes: int | None) -> str:
        if max_bytes is not None and max_bytes < budget:
            return (
                f"{self.what} part {name} unpacks to more than {max_bytes:,} bytes of XML "
                "(Limits.max_docx_xml_bytes)"
            )
        return self._over(self.read_bytes + size, f"part {name} inflates so that it")

    def _over(self, size: int, how: str) -> str:
        return (
            f"{self.what} unpacks to more than the limit: {how} holds {size:,} bytes, over "
            f"{self.limits.max_docx_uncompressed_bytes:,} (Limits.max_docx_uncompressed_bytes;"
            " a zip bomb?)"
        )


def _why(exc: BaseException) -> str:
    text = str(exc)
    if isinstance(exc, NotImplementedError):
        return f"it uses a compression method vanban cannot read ({text})"
    if isinstance(exc, RuntimeError) and "password" in text.lower():
        return "the part is encrypted with a password"
    return text or type(exc).__name__
