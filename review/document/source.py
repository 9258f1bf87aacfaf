"""Reading drafts (encoding, BOM) and writing them back atomically."""

from __future__ import annotations

import fcntl
import os
import stat
from typing import NamedTuple

from ..model import ReviewError

BOM = b"\xef\xbb\xbf"
# Larger files are not drafts: reject them instead of stalling a commit.
MAX_BYTES = 10 * 1024 * 1024


class Source(NamedTuple):
    path: str  # as shown to the user
    text: str  # decoded, without BOM; line endings kept as they are
    bom: bool


def decode(path: str, data: bytes) -> Source:
    if len(data) > MAX_BYTES:
        raise ReviewError(
            path, None, f"文件过大（{len(data) // 1024 // 1024} MB，上限 10 MB），不像是一篇文稿，请拆分后再提交"
        )
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        raise ReviewError(
            path,
            None,
            "文件是 UTF-16 编码，网站只接受 UTF-8：请在编辑器中另存为 UTF-8，或运行 iconv -f UTF-16 -t UTF-8",
        )
    bom = data.startswith(BOM)
    body = data[len(BOM) :] if bom else data
    if b"\x00" in body:
        hint = (
            "（像是无 BOM 的 UTF-16 文本，请另存为 UTF-8）"
            if _looks_utf16(body)
            else "（像是二进制文件，不是 Markdown 文稿）"
        )
        raise ReviewError(path, _line_of(body, body.index(b"\x00")), "文件含有 NUL 字节，无法作为文本审核" + hint)
    try:
        text = body.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = _line_of(body, exc.start)
        # Chinese read fine as UTF-8 before the bad byte: a damaged UTF-8 file, not GBK
        # (GBK byte pairs read as UTF-8 give Latin or Cyrillic letters, never CJK).
        prefix = body[: exc.start].decode("utf-8")
        if not any(ord(c) >= 0x800 for c in prefix) and _decodes_as_gb(body):
            raise ReviewError(
                path,
                line,
                "文件不是 UTF-8 编码，像是 GB18030/GBK：请另存为 UTF-8，"
                "或运行 iconv -f GB18030 -t UTF-8 原文件 > 新文件",
            ) from None
        raise ReviewError(
            path,
            line,
            f"文件含有无效的 UTF-8 字节（第 {exc.start + 1} 字节），请检查是否从其他编码粘贴而来并另存为 UTF-8",
        ) from None
    return Source(path, text, bom)


def read(path: str, shown: str | None = None) -> Source:
    shown = shown or path
    try:
        # O_NONBLOCK: a FIFO or device named *.md must not hang a commit.
        fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK)
        with os.fdopen(fd, "rb") as fh:
            st = os.fstat(fd)
            if not stat.S_ISREG(st.st_mode):
                raise ReviewError(shown, None, "不是普通文件（可能是管道或设备），不能作为文稿审核")
            # Sized by the file, not by the limit: read(10 MB) maps and unmaps a 10 MB buffer
            # for every page. One byte more shows a file that grew meanwhile; then read on.
            data = fh.read(min(st.st_size, MAX_BYTES) + 1)
            if len(data) > st.st_size:
                data += fh.read(MAX_BYTES + 1 - len(data))
    except FileNotFoundError:
        raise ReviewError(shown, None, "文件不存在（可能已被移动或删除）") from None
    except IsADirectoryError:
        raise ReviewError(shown, None, "这是一个目录，不是文件") from None
    except PermissionError:
        raise ReviewError(shown, None, "没有读取权限") from None
    except OSError as exc:
        raise ReviewError(shown, None, f"无法读取：{exc.strerror}") from None
    return decode(shown, data)


def encode(source: Source, text: str) -> bytes:
    return (BOM if source.bom else b"") + text.encode("utf-8")


def replace_if_unchanged(path: str, old: Source, new_text: str) -> Source | None:
    """Write `new_text` unless the file changed since `old` was read; then return what it
    holds now so the caller can fix that instead. A lock on the folder serialises the
    compare-and-replace between concurrent `review --fix` processes."""
    try:
        folder = os.open(os.path.dirname(os.path.abspath(path)), os.O_RDONLY)
    except OSError as exc:
        raise ReviewError(old.path, None, f"无法写入修复结果：{exc.strerror}，文件未改动") from None
    try:
        fcntl.flock(folder, fcntl.LOCK_EX)
        current = read(path, old.path)
        if current != old:
            return current
        write_atomic(path, encode(old, new_text))
        return None
    except OSError as exc:  # read-only file system, full disk, no permission: nothing written
        raise ReviewError(old.path, None, f"无法写入修复结果：{exc.strerror}，文件未改动") from None
    finally:
        os.close(folder)  # closing releases the lock


def write_atomic(path: str, data: bytes) -> None:
    """Replace `path` with `data` so that a crash leaves either the old or the new file."""
    import tempfile  # imported here: most runs never write a file (tempfile costs ~5 ms of a hook's start-up)

    directory = os.path.dirname(os.path.abspath(path))
    st = os.stat(path)
    fd, tmp = tempfile.mkstemp(dir=directory, prefix=".review-", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as fh:
            fh.write(data)
            fh.flush()
            os.fsync(fh.fileno())
        os.chmod(tmp, st.st_mode & 0o7777)
        os.replace(tmp, path)
    except BaseException:
        try:
            os.unlink(tmp)
        except FileNotFoundError:
            pass
        raise


def _line_of(data: bytes, offset: int) -> int:
    return data.count(b"\n", 0, offset) + 1


def _looks_utf16(data: bytes) -> bool:
    sample = data[:4096]
    return len(sample) >= 4 and sample.count(b"\x00") >= len(sample) // 4


def _decodes_as_gb(data: bytes) -> bool:
    try:
        data.decode("gb18030")
    except UnicodeDecodeError:
        return False
    return True
