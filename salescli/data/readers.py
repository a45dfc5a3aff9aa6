"""Read any export into raw grids of text cells, keeping the row numbers the user sees.

Files are recognised by their bytes, not their extension: a `.xls` that is really HTML, TSV or
an xlsx is read as what it is. Text files are decoded as UTF-8 (with or without BOM), UTF-16
(with BOM), or else GB18030 (the superset of GBK that Chinese Excel saves) or Windows-1252
(Western Excel), whichever gives plausible text; when neither does, the user is asked.
"""

from __future__ import annotations

import csv
import io
import os
import re
import stat
import zipfile
import zlib
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta
from pathlib import Path
from typing import TYPE_CHECKING

import pandas as pd

from salescli.data.values import WHITESPACE
from salescli.errors import BadDataError, InputChangedError, MissingInputError
from salescli.i18n import _, n_

if TYPE_CHECKING:
    from collections.abc import Iterator

    from lxml import etree
    from python_calamine import CalamineWorkbook

MAX_HEADER_SCAN = 30
# A 1M-row sheet is a few hundred MB of XML; a zip bomb is far beyond either bound.
MAX_UNCOMPRESSED = 4 * 1024**3
MAX_RATIO = 250
RATIO_FROM = 64 * 1024**2
HOSTILE_HINT = _("this is not an export a spreadsheet program writes; open and re-save it in Excel")
TEXT_DELIMITERS = [",", "\t", ";", "|"]
DAMAGED = _("export it again from the system, or open it in Excel (which may repair it) and save")
# an Office file encrypted with a password: an OLE2 container holding this stream
_ENCRYPTED_PACKAGE = "EncryptedPackage".encode("utf-16-le")


@dataclass
class RawSheet:
    """One sheet (or text file) as text cells; `cells.iloc[i]` is the user's row `first_row + i`.

    When `header` is given (parquet), `cells` holds only data rows and needs no header search.
    `numbers_shown_by_reader`: a workbook's number cells, written `1234.5` by the reader
    whatever the user's locale (so a lone `1.234` there is a number cell, not a thousand).
    `optional`: a sheet chosen by default or by a glob, skipped (with a note) when it holds
    another layout; a sheet named in the settings must hold the table. `hidden`: a sheet
    hidden in Excel (the workspace refuses one that holds the table unless it is named).
    """

    file: str
    sheet: str | None
    cells: pd.DataFrame
    first_row: int = 1
    header: list[str] | None = None
    numbers_shown_by_reader: bool = False
    optional: bool = False
    hidden: bool = False
    hidden_rows: tuple[int, ...] = ()  # a workbook's rows hidden by a filter or a group


def sniff(data: bytes) -> str:
    """The real kind of a file from its first bytes: xlsx, ods, xls, parquet, html or text."""
    head = data[:2048]
    if head.startswith(b"PK\x03\x04"):
        return "ods" if b"opendocument.spreadsheet" in data[:256] else "xlsx"
    if head.startswith(b"\xd0\xcf\x11\xe0"):
        return "xls"
    if head.startswith(b"PAR1"):
        return "parquet"
    probe = head.lstrip(b"\xef\xbb\xbf\xff\xfe\r\n\t ").lower().replace(b"\x00", b"")
    if probe.startswith((b"<html", b"<!doctype html", b"<table", b"<?xml", b"<meta")) or (
        probe.startswith(b"<") and b"<table" in data[:65536].lower()
    ):
        return "html"
    return "text"


def read_raw(
    path: Path | str,
    data: bytes | None = None,
    sheets: list[str] | None = None,
    encoding: str | None = None,
    display: str | None = None,
    *,
    last_line_complete: bool = False,
    table: str = "NAME",
) -> list[RawSheet]:
    """Read one file (or stdin bytes) into raw sheets. A text file whose last line has no
    line end is refused (an export cut short) unless `last_line_complete`."""
    name = display or str(path)
    if data is None:
        data, _digest = read_whole(Path(path), name)
    if not data or data.isspace():  # isspace stops at the first other byte; strip copies
        raise BadDataError(_("the file is empty"), file=name, hint=_("export the table again"))
    kind = sniff(data)
    if kind == "xls" and _ENCRYPTED_PACKAGE in data:
        raise BadDataError(
            _("the workbook is password-protected"),
            file=name,
            hint=_(
                "open it in Excel and save it without a password (File > Info > Protect "
                "Workbook > Encrypt with Password: clear it), or export it again"
            ),
        )
    if kind in ("xlsx", "xls", "ods"):
        try:
            if kind != "xls":
                refuse_hostile_archive(data, name)
            return _read_workbook(data, name, kind, sheets)
        except (zipfile.BadZipFile, zlib.error, EOFError) as exc:
            raise BadDataError(
                _("the file is damaged ({why})", why=str(exc)), file=name, hint=DAMAGED
            ) from None
    if kind == "parquet":
        return [_read_parquet(data, name)]
    if kind == "text" and not last_line_complete:
        refuse_cut_last_line(data, name, encoding, table)
    if kind == "text" and (fast := _read_text_arrow(data, name, encoding)) is not None:
        return [fast]
    text = decode(data, name, encoding)
    if kind == "html":
        if "<!ENTITY" in text.upper():
            raise BadDataError(_("the file declares XML entities"), file=name, hint=HOSTILE_HINT)
        return _read_html(text, name)
    return [_read_text(text, name)]


# --- one consistent snapshot of a file -----------------------------------------------------


@dataclass(frozen=True)
class Stamp:
    """What changes when a file is written to or replaced: its size, modification and
    change times, and which file (device, inode) the path names."""

    size: int
    mtime_ns: int
    ctime_ns: int
    inode: int
    device: int


CHANGED = _("the export changed while it was read, run again")
CHANGED_HINT = _(
    "the system that writes it was still writing (or replaced it); run again when the export "
    "is complete (a cron job can run a few minutes after the export)"
)


def stamp(path: Path) -> Stamp | None:
    """The file's stamp; None for what is not a regular file (a pipe, /dev/stdin), which
    cannot be compared."""
    status = os.stat(path)
    if not stat.S_ISREG(status.st_mode):
        return None
    return Stamp(
        status.st_size, status.st_mtime_ns, status.st_ctime_ns, status.st_ino, status.st_dev
    )


def _read_bytes(path: Path) -> bytes:
    with open(path, "rb") as stream:
        return stream.read()


def read_whole(path: Path, name: str) -> tuple[bytes, Stamp | None]:
    """The file's bytes, read as one snapshot: its stamp before and after the read must be
    the same and its size that of the bytes read, or it was being written (75)."""
    try:
        before = stamp(path)
        data = _read_bytes(path)
        after = stamp(path)
    except OSError as exc:
        raise unreadable(path, name, exc) from None
    if before != after or (before is not None and len(data) != before.size):
        raise InputChangedError(CHANGED, file=name, hint=CHANGED_HINT)
    return data, before


def hash_whole(path: Path, name: str) -> tuple[str, Stamp | None]:
    """The SHA-256 of the file's bytes, streamed (a cached run keeps no file in memory), as
    one snapshot like `read_whole`."""
    import hashlib

    try:
        before = stamp(path)
        with open(path, "rb") as stream:
            digest = hashlib.file_digest(stream, "sha256").hexdigest()
        after = stamp(path)
    except OSError as exc:
        raise unreadable(path, name, exc) from None
    if before != after:
        raise InputChangedError(CHANGED, file=name, hint=CHANGED_HINT)
    return digest, before


def still_as_read(path: Path, when_read: Stamp | None, name: str) -> None:
    """Stop (75) when the file changed since it was read (while it was parsed)."""
    if when_read is None:
        return
    try:
        now = stamp(path)
    except OSError:
        now = None
    if now != when_read:
        raise InputChangedError(CHANGED, file=name, hint=CHANGED_HINT)


def unreadable(path: Path, name: str, exc: OSError) -> BadDataError | MissingInputError:
    """A file of the workspace that cannot be read stops the run, naming it."""
    if Path(path).is_symlink() and not Path(path).exists():
        return MissingInputError(
            _("the file is a link to {target}, which does not exist", target=os.readlink(path)),
            file=name,
            hint=_("restore the file it points to, or remove the link from the workspace"),
        )
    if isinstance(exc, FileNotFoundError):
        return MissingInputError(
            _("the file is gone (removed or renamed while salescli ran)"),
            file=name,
            hint=_("put the export back and run again"),
        )
    return BadDataError(
        _("cannot read the file: {why}", why=exc.strerror or str(exc)),
        file=name,
        hint=_(
            "give salescli permission to read it (chmod a+r FILE), or move it out of the workspace"
        ),
    )


# --- a text file cut short -----------------------------------------------------------------


def refuse_cut_last_line(data: bytes, name: str, encoding: str | None, table: str) -> None:
    """A text file whose last line has no line end may have been cut while it was written
    (`…,Pumps,2,30` of `…,Pumps,2,300`); whitespace, bare delimiters or quotes after the
    last line end are no line; a delimiter or a quote is (a row cut after its first,
    empty, cell)."""
    wide = _wide_codec(data, encoding)
    if wide is not None:
        unit = 4 if "32" in wide else 2
        start = max(0, len(data) - 4096)
        last = data[start - start % unit :].decode(wide, errors="replace")
    else:  # no multi-byte character of UTF-8, GBK, Big5 or Shift-JIS holds a \n or \r byte
        last = data[-4096:].decode("latin-1")
    last = last[max(last.rfind("\n"), last.rfind("\r")) + 1 :]
    if not last.strip(WHITESPACE.replace("\t", "") + "\x00\x1a\ufeff"):
        return
    text = decode(data, name, encoding)
    lines = text_lines(text)
    line = lines[-1] if lines else text
    delimiter = sniff_delimiter(text_lines(text[: 1 << 20])[:200])
    rows = sum(1 for _line in csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    raise BadDataError(
        _("the last line has no line end: the file may have been cut short while it was written"),
        file=name,
        row=max(rows, 1),
        value=line if len(line) <= 120 else line[:117] + "...",
        hint=_(
            "export it again; if the file is whole (some systems end the last line without a "
            'line break), set last_line = "complete" under [inputs.{table}] in salescli.toml',
            table=table,
        ),
    )


_UTF32_BOMS = {b"\xff\xfe\x00\x00": "utf-32", b"\x00\x00\xfe\xff": "utf-32"}
_UTF16_BOMS = {b"\xff\xfe": "utf-16", b"\xfe\xff": "utf-16"}


def _wide_codec(data: bytes, encoding: str | None = None) -> str | None:
    """UTF-16 or UTF-32, with a BOM or without: text in them has a 0 byte in every ASCII
    character (a comma, a digit, a line end), at one place of each 2 or 4 bytes, where no
    other text encoding has any. None for every other file."""
    if encoding:
        wanted = encoding.lower().replace("_", "-")
        return encoding if wanted.startswith(("utf-16", "utf-32", "utf16", "utf32")) else None
    for boms in (_UTF32_BOMS, _UTF16_BOMS):
        for bom, codec in boms.items():
            if data.startswith(bom):
                return codec
    sample = data[: 1 << 12]
    sample = sample[: len(sample) - len(sample) % 4]
    if len(sample) < 4 or sample.count(0) < len(sample) // 16:
        return None
    places = [sample[i::4].count(0) for i in range(4)]
    quarter = len(sample) // 4
    if places[2] == places[3] == quarter and places[1] > 0.2 * quarter:
        return "utf-32-le"
    if places[0] == places[1] == quarter and places[2] > 0.2 * quarter:
        return "utf-32-be"
    # UTF-16: the 0 bytes of ASCII at one place of two; at the other only those of the rare
    # characters U+xx00 (销 is U+9500)
    even, odd = places[0] + places[2], places[1] + places[3]
    if odd >= 0.1 * 2 * quarter and even <= 0.25 * odd:
        return "utf-16-le"
    if even >= 0.1 * 2 * quarter and odd <= 0.25 * even:
        return "utf-16-be"
    return None


def decode(data: bytes, name: str, encoding: str | None = None) -> str:
    """Decode text bytes; UTF-8 is never misread as GBK because it is tried first, strictly;
    then GB18030 or Windows-1252, whichever reads as text (see `legacy_codec`)."""
    candidates = [encoding] if encoding else []
    wide = None if encoding else _wide_codec(data)
    if wide is not None:  # no UTF-8 or legacy reading of these 0 bytes is text
        try:
            return data.decode(wide)
        except UnicodeDecodeError as exc:
            shown = WIDE_NAMES.get(wide, wide)
            raise BadDataError(
                _(
                    "the file looks like {codec} text, but byte {byte:,} cannot be read as "
                    "{codec} (the file may be cut short or damaged)",
                    codec=shown,
                    byte=exc.start,
                ),
                file=name,
                hint=_("export it again, or save it from Excel as CSV UTF-8"),
            ) from None
    if data.startswith(b"\xef\xbb\xbf"):
        candidates.append("utf-8-sig")
    candidates.append("utf-8")
    for candidate in candidates:
        try:
            return data.decode(candidate)
        except UnicodeDecodeError:
            if encoding and candidate == encoding:
                raise BadDataError(
                    _("the file is not valid {encoding}", encoding=encoding),
                    file=name,
                    hint=_("fix `encoding` under [inputs.…] in salescli.toml or remove it"),
                ) from None
        except LookupError:
            raise BadDataError(
                _("unknown encoding {encoding!r}", encoding=encoding), file=name
            ) from None
    codec = legacy_codec(data, name)
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:
        raise BadDataError(
            _(
                "the file is neither UTF-8 nor {codec} text (byte {byte:,} cannot be read as "
                "{codec})",
                codec=CODEC_NAMES[codec],
                byte=exc.start,
            ),
            file=name,
            hint=ENCODING_HINT,
        ) from None


CODEC_NAMES = {"gb18030": "GBK/GB18030", "cp1252": "Windows-1252 (Western)"}
WIDE_NAMES = {
    "utf-16": "UTF-16",
    "utf-32": "UTF-32",
    "utf-16-le": "UTF-16 (little-endian, no BOM)",
    "utf-16-be": "UTF-16 (big-endian, no BOM)",
    "utf-32-le": "UTF-32 (little-endian, no BOM)",
    "utf-32-be": "UTF-32 (big-endian, no BOM)",
}
ENCODING_HINT = _(
    "save it from Excel as CSV UTF-8, or set its encoding under [inputs.NAME] in salescli.toml "
    '(encoding = "gb18030" for Chinese, "cp1252" for Western European text, "big5" for '
    'Traditional Chinese, "shift_jis" for Japanese, "utf-16" for Unicode text)'
)
_NON_ASCII = re.compile(rb"[\x80-\xff]")
_NON_ASCII_TEXT = re.compile(r"[^\x00-\x7f]+")
# Windows-1252 punctuation and signs that Western exports hold between words
_LATIN_SIGNS = set("’‘“”–—…€£°«»·\xa0§×")
PLAUSIBLE = 0.5  # the winning reading must explain at least half the non-ASCII text...
MARGIN = 0.3  # ...and this much more of it than the other reading


def legacy_codec(data: bytes, name: str) -> str:
    """GB18030 (Chinese Excel) or Windows-1252 (Western Excel) for text that is not UTF-8:
    whichever reading gives plausible text where the file leaves ASCII, read from there.
    Read as GB18030, `Müller` is `M黮ler`: an accented letter pairs with the next ASCII letter
    into a rare character, where Chinese text is made of common ones; read as Windows-1252,
    Chinese becomes runs of symbols, where Western text has a letter or two inside a word.
    Big5 (Traditional Chinese) and Shift-JIS (Japanese) read as GBK are rare characters too:
    when one of them reads as common text, the file is not taken for GBK. When no reading
    clearly wins, stop and ask for `encoding`, showing the readings: never mojibake."""
    first = _NON_ASCII.search(data)
    if first is None:
        return "gb18030"
    start = data.rfind(b"\n", 0, first.start()) + 1
    window = data[start : start + (1 << 16)]
    if start + len(window) < len(data) and (cut := window.rfind(b"\n")) > 0:
        window = window[: cut + 1]
    as_gb, as_latin = _decoded(window, "gb18030"), _decoded(window, "cp1252")
    gb = _chinese_share(as_gb) if as_gb is not None else None
    latin = _latin_share(as_latin) if as_latin is not None else None
    choice: tuple[str, float] | None = None
    if gb is not None and (latin is None or (gb >= PLAUSIBLE and gb >= latin + MARGIN)):
        choice = ("gb18030", gb)
    elif latin is not None and latin >= PLAUSIBLE and (gb is None or latin >= gb + MARGIN):
        choice = ("cp1252", latin)
    rivals = [
        codec
        for codec, share in _asian_readings(window).items()
        if share >= PLAUSIBLE and (choice is None or share + MARGIN > choice[1])
    ]
    if choice is not None and not rivals:
        return choice[0]
    if gb is None and latin is not None and not rivals:
        raise BadDataError(
            _("the file is neither UTF-8, GBK nor Western text"), file=name, hint=ENCODING_HINT
        )
    end = data.find(b"\n", first.start())
    line = data[start : end if end >= 0 else len(data)][:120]
    readings = _(
        "cannot tell the file's encoding: read as GBK its text is {gbk!r}, read as "
        "Windows-1252 {latin!r}",
        gbk=line.decode("gb18030", "replace").strip(),
        latin=line.decode("cp1252", "replace").strip(),
    )
    for codec in rivals:
        readings = _(
            "{readings}, read as {codec} {text!r}",
            readings=readings,
            codec=ASIAN_NAMES[codec],
            text=line.decode(codec, "replace").strip(),
        )
    raise BadDataError(readings, file=name, hint=ENCODING_HINT)


ASIAN_NAMES = {"big5": _("Big5 (Traditional Chinese)"), "shift_jis": _("Shift-JIS (Japanese)")}


def _asian_readings(window: bytes) -> dict[str, float]:
    """The share of common characters in the window read as Big5 and as Shift-JIS (the
    readings that decode at all)."""
    readings = {}
    for codec, common in (("big5", _big5_common), ("shift_jis", _japanese_common)):
        text = _decoded(window, codec)
        if text is None:
            continue
        found = [c for run in _NON_ASCII_TEXT.findall(text) for c in run]
        readings[codec] = sum(map(common, found)) / len(found) if found else 0.0
    return readings


def _big5_common(char: str) -> bool:
    """A character of the 3,755 most common ones (GB2312 level 1) once simplified: what
    Traditional Chinese text read as Big5 is made of, where GBK bytes read as Big5 give rare
    characters (客户编号 reads 諦誧晤瘍) as often as common ones."""
    if not "\u4e00" <= char <= "\u9fff":
        return char in "，。、；：？！「」『』（）"
    from salescli.schema import _t2s

    try:
        lead = _t2s().convert(char).encode("gb2312")[0]
    except UnicodeEncodeError:
        return False
    return 0xB0 <= lead <= 0xD7


def _japanese_common(char: str) -> bool:
    """Kana, Japanese punctuation, full-width forms and the 2,965 frequent kanji (JIS level 1);
    half-width katakana, which GBK bytes read as Shift-JIS are full of, is not counted."""
    code = ord(char)
    if 0x3000 <= code <= 0x30FF or 0xFF01 <= code <= 0xFF5E:
        return True
    if not 0x4E00 <= code <= 0x9FFF:
        return False
    try:
        return 0x88 <= char.encode("shift_jis")[0] <= 0x9F
    except UnicodeEncodeError:
        return False


def _decoded(data: bytes, codec: str) -> str | None:
    try:
        return data.decode(codec)
    except UnicodeDecodeError as exc:  # a character cut by the window's end is no evidence
        if exc.start >= len(data) - 3 and exc.reason in ("incomplete multibyte sequence",):
            return data[: exc.start].decode(codec, errors="strict")
        return None


def _chinese_share(text: str) -> float:
    """The share of non-ASCII characters that are common Chinese (GB2312: the 6,763 common
    characters, full-width forms and the punctuation Chinese text uses)."""
    runs = _NON_ASCII_TEXT.findall(text)
    total = sum(len(run) for run in runs)
    rare = sum(run.encode("gb2312", errors="replace").count(b"?") for run in runs)
    return (total - rare) / total if total else 0.0


def _latin_share(text: str) -> float:
    """The share of non-ASCII characters that read as Western text: a letter or two inside a
    word (`Müller`, `Straße`), or a sign such as `’` or `€`."""
    total = plausible = 0
    for found in _NON_ASCII_TEXT.finditer(text):
        run = found.group()
        total += len(run)
        before = text[found.start() - 1] if found.start() else " "
        after = text[found.end()] if found.end() < len(text) else " "
        in_word = len(run) <= 2 and (_ascii_letter(before) or _ascii_letter(after))
        plausible += sum(1 for c in run if c in _LATIN_SIGNS or (in_word and c.isalpha()))
    return plausible / total if total else 0.0


def _ascii_letter(char: str) -> bool:
    return char.isascii() and char.isalpha()


def refuse_hostile_archive(data: bytes, name: str) -> None:
    """Refuse zip bombs (declared sizes, before anything is inflated) and XML that declares
    entities (billion laughs, external entities): no spreadsheet program writes either."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile:
        raise BadDataError(
            _("the file is damaged: it is not a complete xlsx/ods (zip) archive"),
            file=name,
            hint=DAMAGED,
        ) from None
    with archive:
        members = archive.infolist()
        total = sum(m.file_size for m in members)
        swollen = [
            m
            for m in members
            if m.file_size > RATIO_FROM and m.file_size > MAX_RATIO * max(m.compress_size, 1)
        ]
        if total > MAX_UNCOMPRESSED or swollen:
            refused = _("refused: the archive would inflate to {mb:,.0f} MB", mb=total / 1024**2)
            if swollen:
                ratio = swollen[0].file_size // max(swollen[0].compress_size, 1)
                refused = _(
                    "refused: the archive would inflate to {mb:,.0f} MB ({member} is {ratio:,} "
                    "times its compressed size)",
                    mb=total / 1024**2,
                    member=swollen[0].filename,
                    ratio=ratio,
                )
            raise BadDataError(
                refused,
                file=name,
                hint=HOSTILE_HINT,
            )
        for member in members:
            if member.filename.endswith((".xml", ".rels")) and _declares_entities(archive, member):
                raise BadDataError(
                    _("refused: {member} declares XML entities", member=member.filename),
                    file=name,
                    hint=HOSTILE_HINT,
                )


_ELEMENT = re.compile(rb"<[A-Za-z_]")


def _declares_entities(archive: zipfile.ZipFile, member: zipfile.ZipInfo) -> bool:
    """A DTD can only stand in the prolog, before the root element: read up to it."""
    with archive.open(member) as stream:
        head = stream.read(1 << 20)
    root = _ELEMENT.search(head)
    prolog = (head[: root.start()] if root else head).upper()
    return (
        b"<!DOCTYPE" in prolog or b"<!ENTITY" in prolog or (root is None and len(head) == 1 << 20)
    )


def sniff_delimiter(lines: list[str]) -> str:
    """The delimiter that splits most lines into the same number of fields (a comma inside a
    name or `1,000.00` in a tab-separated file must not win); ties go to the comma. Fields
    are read as CSV reads them: a delimiter inside quotes splits nothing, and a row whose
    quoted text holds line breaks counts for each of its lines."""
    from collections import Counter

    def consistency(delimiter: str) -> tuple[int, int]:
        counts: Counter[int] = Counter()
        reader = csv.reader(lines, delimiter=delimiter)
        read = 0
        try:
            for record in reader:
                if any(field.strip() for field in record):
                    counts[len(record)] += reader.line_num - read
                read = reader.line_num
        except csv.Error:
            return (0, 0)
        counts.pop(1, None)
        if not counts:
            return (0, 0)
        fields, lines_with_it = counts.most_common(1)[0]
        return (lines_with_it, fields - 1)

    return max(TEXT_DELIMITERS, key=lambda d: (consistency(d), -TEXT_DELIMITERS.index(d)))


def _read_text_arrow(data: bytes, name: str, encoding: str | None) -> RawSheet | None:
    """The common export, read by pyarrow's multi-threaded CSV reader into Arrow text.

    None sends the file down the careful path below, which reads anything this one does not
    (UTF-16, quoted line breaks, ragged rows, an encoding it would misread): the same rows and
    row numbers either way, so speed never costs a row or a vaguer error.
    """
    import pyarrow as pa
    import pyarrow.csv as pacsv

    probe = data[: 1 << 16]
    if _wide_codec(data, encoding) is not None or b"\r" in probe.replace(b"\r\n", b""):
        return None  # UTF-16 or UTF-32, or old Mac line ends: the careful path handles both
    codec = encoding or ("utf8" if _looks_utf8(probe) else legacy_codec(data, name))
    try:
        head = probe.decode(codec, errors="ignore")
    except LookupError:
        return None
    lines = head.lstrip("\ufeff").replace("\r\n", "\n").split("\n")[:200]
    delimiter = sniff_delimiter(lines)
    rows = list(csv.reader(lines[:-1] if len(lines) > 1 else lines, delimiter=delimiter))
    width = max((len(r) for r in rows), default=0)
    # title rows shorter than the table come first; pyarrow starts at the first full row
    titles = next((i for i, r in enumerate(rows) if len(r) == width), len(rows))
    if width == 0 or '"' in "".join(lines[: titles + 1]):
        return None
    names = [f"c{i}" for i in range(width)]
    try:
        table = pacsv.read_csv(
            pa.py_buffer(data),
            read_options=pacsv.ReadOptions(
                column_names=names, skip_rows=titles, encoding=codec, block_size=1 << 22
            ),
            parse_options=pacsv.ParseOptions(
                delimiter=delimiter, newlines_in_values=False, ignore_empty_lines=False
            ),
            convert_options=pacsv.ConvertOptions(
                column_types=dict.fromkeys(names, pa.large_string()),
                null_values=[""],  # `nan`, `NA`, `null` are values to report, not blanks
                strings_can_be_null=True,
                quoted_strings_can_be_null=True,
            ),
        )
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError, UnicodeDecodeError, LookupError):
        return None
    # a quoted line break is one row of two lines; the reader was told there are none (that is
    # what lets it split the file between threads), so such a file takes the careful path
    if b'"' in data:
        physical = data.count(b"\n") + (0 if data.endswith(b"\n") else 1)
        if physical != titles + table.num_rows:
            return None
    cells = table.to_pandas()
    cells.columns = range(width)
    if titles:
        top = pd.DataFrame([r + [None] * (width - len(r)) for r in rows[:titles]], dtype="str")
        cells = pd.concat([top.where(top.ne(""), None), cells], ignore_index=True)
    return RawSheet(name, None, cells, 1)


def _looks_utf8(head: bytes) -> bool:
    """UTF-8 is tried first and strictly; a cut character at the end of the probe is fine."""
    try:
        head.decode("utf-8")
    except UnicodeDecodeError as exc:
        return exc.start >= len(head) - 3 and exc.reason == "unexpected end of data"
    return True


def text_lines(text: str) -> list[str]:
    """The text's lines as a CSV reader ends them (at \\r\\n, \\r or \\n), not as
    `str.splitlines` does, which also ends one at \\x1c-\\x1e, \\x85 and \\u2028: a cell holding
    one would split its row, and the delimiter be guessed from the halves."""
    lines = re.split(r"\r\n|\r|\n", text)
    return lines[:-1] if lines and not lines[-1] else lines


def _read_text(text: str, name: str) -> RawSheet:
    lines = text_lines(text[: 1 << 20])[:200]
    delimiter = sniff_delimiter(lines)
    width = max((len(r) for r in csv.reader(lines, delimiter=delimiter)), default=0)
    try:  # pandas' C parser; title rows are shorter than the width and are padded
        cells = pd.read_csv(
            io.BytesIO(text.encode("utf-8")),  # the C parser is far faster on bytes
            sep=delimiter,
            header=None,
            names=range(width),
            dtype=str,
            keep_default_na=False,
            na_values=[""],
            skip_blank_lines=False,
            engine="c",
        )
        cells = cells.apply(
            lambda c: c.str.strip(WHITESPACE).replace("", None) if c.dtype != float else c
        )
        return RawSheet(name, None, cells, 1)
    except pd.errors.ParserError:  # a row wider than the first 200: parse it all in Python
        rows = list(csv.reader(io.StringIO(text, newline=""), delimiter=delimiter))
    width = max((len(r) for r in rows), default=0)
    cells = pd.DataFrame([r + [""] * (width - len(r)) for r in rows], dtype=object)
    return RawSheet(name, None, _blank_to_none(cells), 1)


def _blank_to_none(cells: pd.DataFrame) -> pd.DataFrame:
    return cells.map(
        lambda v: None if v is None or (isinstance(v, str) and not v.strip(WHITESPACE)) else v
    )


def _read_html(text: str, name: str) -> list[RawSheet]:
    frames = [_html_table_as_text(table) for table in _html_tables(text)]
    if not frames:
        raise BadDataError(_("the HTML file holds no table"), file=name)
    out = []
    for number, frame in enumerate(frames, start=1):
        # read_html lifts <th> rows into the columns: put them back as rows of the grid
        levels = frame.columns.nlevels
        header = [
            [str(c[level]) if levels > 1 else str(c) for c in frame.columns]
            for level in range(levels)
        ]
        if levels == 1 and all(isinstance(c, int) for c in frame.columns):
            header = []  # no <th> row: the columns are numbered
        body = frame.astype(object).where(frame.notna(), None).to_numpy().tolist()
        cells = pd.DataFrame(header + body, dtype=object).map(_cell_text)
        cells = cells.map(lambda v: None if isinstance(v, str) and v.startswith("Unnamed:") else v)
        out.append(RawSheet(name, f"table {number}" if len(frames) > 1 else None, cells, 1))
    return out


def _html_tables(text: str) -> list[str]:
    """Each outermost <table> of an HTML page (an ERP's ".xls"), as its own HTML."""
    import lxml.html

    try:
        page = lxml.html.fromstring(text)
    except Exception:  # lxml's parser errors have no common public base
        return []
    tables = [page] if page.tag == "table" else list(page.iter("table"))
    outer = [t for t in tables if not any(a.tag == "table" for a in t.iterancestors())]
    return [lxml.html.tostring(t, encoding="unicode") for t in outer]


def _html_table_as_text(table: str) -> pd.DataFrame:
    """One HTML table with every cell as its text, as written: `00123` keeps its zeros
    (pandas would infer 123), `12,5` its decimal comma (thousands=None). read_html converts
    by column, so the table is read once for its width and again with a text converter for
    each column."""
    width = len(pd.read_html(io.StringIO(table), header=None, thousands=None)[0].columns)
    return pd.read_html(
        io.StringIO(table),
        header=None,
        thousands=None,
        converters={column: str for column in range(width)},
    )[0]


def _read_parquet(data: bytes, name: str) -> RawSheet:
    """Parquet keeps its types: numbers and dates reach the parsers as they are (nothing to
    parse), text as Arrow strings; anything else is read as the text it would show."""
    import pyarrow as pa
    import pyarrow.parquet as pq

    try:
        table = pq.read_table(pa.BufferReader(data))
    except (pa.ArrowException, OSError) as exc:
        raise BadDataError(
            _("cannot read the Parquet file: {why}", why=str(exc)),
            file=name,
            hint=_("write the file again"),
        ) from None
    columns = []
    for column in table.columns:
        if pa.types.is_dictionary(column.type):  # a categorical column: its values
            column = column.cast(column.type.value_type)
        if pa.types.is_date(column.type):
            column = column.cast(pa.timestamp("s"))
        elif pa.types.is_string(column.type):
            column = column.cast(pa.large_string())  # what pandas' text columns hold
        elif pa.types.is_decimal(column.type):
            column = column.cast(pa.float64())
        columns.append(column)
    header = [str(c) for c in table.column_names]
    del table
    typed = pa.table(columns, names=[str(i) for i in range(len(columns))])
    del columns
    # each column's Arrow buffers are freed as it is converted: one copy of the data at a time
    cells = typed.to_pandas(self_destruct=True, split_blocks=True)
    del typed
    cells.columns = range(len(header))
    return RawSheet(name, None, cells, 2, header)


def _read_workbook(data: bytes, name: str, kind: str, sheets: list[str] | None) -> list[RawSheet]:
    import python_calamine as calamine

    try:
        book = calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
    except Exception as exc:  # calamine raises several unrelated types for broken files
        if "password" in str(exc).lower() or "encrypt" in str(exc).lower():
            raise BadDataError(
                _("the workbook is password-protected"),
                file=name,
                hint=_("open it in Excel and save it without a password, or export it again"),
            ) from None
        raise BadDataError(
            _("cannot open the workbook: {why}", why=str(exc)),
            file=name,
            hint=_("open and re-save it in Excel"),
        ) from None
    wanted = _choose_sheets(book, sheets, name)
    # a legacy .xls's hidden rows, from one more parse of the workbook (0.8 s at 60k rows)
    xls_hidden = _xls_hidden_rows(data, [s for s, *_ in wanted]) if kind == "xls" else {}
    out = []
    for sheet, optional, hidden in wanted:
        if kind == "xlsx":
            part = _sheet_part(data, sheet)
            formulas, hides = _sheet_marks(data, part) if part else (False, False)
            if formulas:
                _refuse_uncached_formulas(data, part, sheet, name)
            read = _read_xlsx_sheet(data, part, sheet, name)
            read.hidden_rows = _hidden_rows(data, part) if part and hides else ()
        else:
            rows = book.get_sheet_by_name(sheet).to_python(skip_empty_area=False)
            width = max((len(r) for r in rows), default=0)
            cells = pd.DataFrame(rows, columns=range(width), dtype=object).map(_cell_text)
            read = RawSheet(name, sheet, cells, 1, numbers_shown_by_reader=True)
            if kind == "ods":
                read.hidden_rows = _ods_hidden_rows(data, sheet)
            elif kind == "xls":
                read.hidden_rows = xls_hidden.get(sheet, ())
        read.optional, read.hidden = optional, hidden
        out.append(read)
    return out


def _read_xlsx_sheet(data: bytes, part: str | None, sheet: str, name: str) -> RawSheet:
    """fastexcel reads straight into Arrow strings; it starts at the first row holding a
    value, so that row's number is read from the sheet's XML to keep Excel's row numbers."""
    import fastexcel

    try:
        loaded = fastexcel.read_excel(data).load_sheet(
            sheet, header_row=None, dtypes="string", whitespace_as_null=True
        )
        cells = loaded.to_pandas()
    except Exception as exc:  # fastexcel raises its own types for broken sheets
        raise BadDataError(
            _("cannot read the sheet: {why}", why=str(exc)),
            file=name,
            sheet=sheet,
            hint=_("open and re-save it in Excel"),
        ) from None
    cells.columns = range(cells.shape[1])
    return RawSheet(name, sheet, cells, _first_value_row(data, part), numbers_shown_by_reader=True)


def _choose_sheets(
    book: CalamineWorkbook, sheets: list[str] | None, name: str
) -> list[tuple[str, bool, bool]]:
    """The sheets to read, in order, each with whether it may be skipped for another layout
    and whether it is hidden: by default every worksheet; else each name given, or the sheets
    a glob (`*月`) matches. Hidden sheets are never left out here: one of another layout is
    skipped with a note like any other, one holding the table is refused by the workspace
    unless named (a hidden month, an old copy or a template: no guess); a chart sheet holds
    no cells."""
    from fnmatch import fnmatchcase

    from python_calamine import SheetTypeEnum, SheetVisibleEnum

    names = [m.name for m in book.sheets_metadata]
    worksheets = [m.name for m in book.sheets_metadata if m.typ == SheetTypeEnum.WorkSheet]
    hidden = {m.name for m in book.sheets_metadata if m.visible != SheetVisibleEnum.Visible}
    if not sheets:
        if not worksheets:
            raise BadDataError(_("the workbook has no worksheet"), file=name)
        return [(sheet, True, sheet in hidden) for sheet in worksheets]
    chosen: dict[str, bool] = {}
    for wanted in sheets:
        glob = wanted not in names and any(ch in wanted for ch in "*?[")
        if glob:
            matched = [s for s in worksheets if fnmatchcase(s, wanted)]
            chosen.update((s, chosen.get(s, True)) for s in matched)
        else:
            matched = [wanted] if wanted in names else []
            chosen.update(dict.fromkeys(matched, False))
        if not matched:
            raise BadDataError(
                _("no sheet matches {sheet!r}", sheet=wanted)
                if glob
                else _("no sheet named {sheet!r}", sheet=wanted),
                file=name,
                hint=_("sheets in this file: {sheets}", sheets=", ".join(names)),
            )
    return [(sheet, optional, sheet in hidden) for sheet, optional in chosen.items()]


def _cell_text(value: object) -> str | None:
    """A calamine cell as text: integral floats without `.0`, dates in ISO form."""
    if value is None:
        return None
    if isinstance(value, str):
        return value if value.strip(WHITESPACE) else None
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, float):
        if value != value:
            return None
        return str(int(value)) if value.is_integer() and abs(value) < 1e15 else repr(value)
    if isinstance(value, datetime):
        return value.isoformat(sep=" ")
    if isinstance(value, (date, time)):
        return value.isoformat()
    if isinstance(value, timedelta):
        return str(value.total_seconds() / 86400)
    return str(value)


# the parts of an xlsx, found by what their XML means (any namespace prefix, transitional or
# strict OOXML), never by how one generator happens to spell it
_PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
_OFFICE_DOCUMENT = "/officeDocument"  # the end of the workbook relationship's type, both flavours


def _xml(archive: zipfile.ZipFile, member: str) -> etree._Element | None:
    """A small part's XML (workbook, relationships), or None when the archive lacks it.
    Entities are never resolved (`refuse_hostile_archive` has refused any DTD already)."""
    from lxml import etree

    try:
        text = archive.read(member)
    except KeyError:
        return None
    parser = etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        return etree.fromstring(text, parser)
    except etree.XMLSyntaxError:
        return None


def _local(element: etree._Element) -> str:
    tag = element.tag
    return tag.rpartition("}")[2] if isinstance(tag, str) else ""


def _attribute(element: etree._Element, name: str) -> str | None:
    """An attribute by its local name, whatever its namespace (`r:id`, strict `id`)."""
    for key, value in element.attrib.items():
        if key.rpartition("}")[2] == name:
            return value
    return None


def _relationships(archive: zipfile.ZipFile, part: str) -> dict[str, tuple[str, str]]:
    """A part's relationships: Id -> (Type, the target's path inside the archive)."""
    folder, _, file = part.rpartition("/")
    root = _xml(archive, f"{folder}/_rels/{file}.rels" if folder else f"_rels/{file}.rels")
    if root is None:
        return {}
    out = {}
    for entry in root.iter(f"{{{_PACKAGE_RELS}}}Relationship"):
        rid, target = entry.get("Id"), entry.get("Target")
        if rid and target and entry.get("TargetMode") != "External":
            out[rid] = (entry.get("Type", ""), _resolve(folder, target))
    return out


def _resolve(folder: str, target: str) -> str:
    """A relationship's target as a path inside the archive (absolute, or relative to the
    folder of the part that points to it)."""
    parts = [] if target.startswith("/") else [p for p in folder.split("/") if p]
    for piece in target.lstrip("/").split("/"):
        if piece == "..":
            parts = parts[:-1]
        elif piece not in ("", "."):
            parts.append(piece)
    return "/".join(parts)


def _sheet_part(data: bytes, sheet: str) -> str | None:
    """The archive path of the worksheet named `sheet`: the package's office document (the
    workbook), its <sheet name=… r:id=…>, the workbook relationship with that id."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        workbooks = [
            target
            for kind, target in _relationships(archive, "").values()
            if kind.endswith(_OFFICE_DOCUMENT)
        ]
        workbook = workbooks[0] if workbooks else "xl/workbook.xml"
        root = _xml(archive, workbook)
        if root is None:
            return None
        targets = _relationships(archive, workbook)
        for entry in root.iter():
            if _local(entry) == "sheet" and entry.get("name") == sheet:
                found = targets.get(_attribute(entry, "id") or "")
                return found[1] if found else None
    return None


def _sheet_elements(data: bytes, part: str, local: str) -> Iterator[etree._Element]:
    """The sheet's elements named `local` (any namespace), streamed: the sheet is never held
    whole. Each is cleared (and its earlier siblings dropped) once the caller has seen it."""
    from lxml import etree

    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(part) as stream:
        for _event, element in etree.iterparse(
            stream, events=("end",), resolve_entities=False, no_network=True
        ):
            if _local(element) == local:
                yield element
                element.clear(keep_tail=False)
                while element.getprevious() is not None:
                    del element.getparent()[0]


def sheet_blocks(data: bytes, part: str, overlap: int) -> Iterator[bytes]:
    """The part's inflated XML in blocks of 4 MB, each beginning with the `overlap` bytes
    before it, so that a mark of up to `overlap` + 1 bytes cut by a block's end is whole in
    the next one."""
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open(part) as stream:
        tail = b""
        while chunk := stream.read(1 << 22):
            block = tail + chunk
            yield block
            tail = block[-overlap:]


def _sheet_marks(data: bytes, part: str) -> tuple[bool, bool]:
    """Whether the sheet's XML holds a formula element (`<f`, `<x:f`) and a hidden row
    (`hidden=`) at all, in one quick scan of the inflated bytes (an inflation of 600 MB of
    sheets is a second), so that only sheets with either are parsed for them (most exports
    have neither, and parsing 60,000 rows takes a second)."""
    formulas = hides = False
    for block in sheet_blocks(data, part, 8):
        formulas = formulas or _formula_in(block)
        hides = hides or b"hidden=" in block
        if formulas and hides:
            break
    return formulas, hides


def _has_formula(data: bytes, part: str) -> bool:
    return _sheet_marks(data, part)[0]


_FORMULA = re.compile(rb"[<:]f[ >/]")


def _formula_in(block: bytes) -> bool:
    """`_FORMULA` in the block. A sheet without formulas holds few lowercase f's (its cells
    are `<c r="B2" t="s"><v>3</v></c>`), so they are found by memchr and looked at one by one:
    a quarter of the regex's time on 600 MB of sheets. Many f's (inline strings) go to the
    regex."""
    at = block.find(b"f", 1)
    for _seen in range(64):
        if at == -1:
            return False
        if block[at - 1] in b"<:" and block[at + 1 : at + 2] in (b" ", b">", b"/"):
            return True
        at = block.find(b"f", at + 1)
    return _FORMULA.search(block) is not None


def _uncached_formulas(data: bytes, part: str) -> list[str]:
    """The cells holding a formula without a saved value (an empty or missing <v>), of a
    sheet that holds formulas (`_sheet_marks`)."""
    cells = []
    for cell in _sheet_elements(data, part, "c"):
        children = {_local(child): child for child in cell}
        value = children.get("v")
        if "f" in children and "is" not in children and (value is None or not value.text):
            cells.append(cell.get("r", "?"))
    return cells


def _refuse_uncached_formulas(data: bytes, part: str | None, sheet: str, name: str) -> None:
    """A formula saved without its value (by a script, not Excel) would read as a blank cell."""
    if part is None:
        return
    cells = _uncached_formulas(data, part)
    if cells:
        found = sorted(set(cells), key=cells.index)
        raise BadDataError(
            n_(
                "{n} formula cell has no saved value: {cells}",
                "{n} formula cells have no saved value: {cells}",
                len(found),
                cells=", ".join(found[:10]),
            ),
            file=name,
            sheet=sheet,
            hint=_("open the file in Excel and save it, so the formulas' values are stored"),
        )


def _hidden_rows(data: bytes, part: str) -> tuple[int, ...]:
    """The numbers of the rows hidden in the sheet (`<row r="3" hidden="1">`: a filter, a
    collapsed group), of a sheet whose XML says `hidden=` (`_sheet_marks`)."""
    hidden, number = [], 0
    for row in _sheet_elements(data, part, "row"):
        number = int(row.get("r") or number + 1)
        if row.get("hidden") in ("1", "true"):
            hidden.append(number)
    return tuple(hidden)


def _xls_hidden_rows(data: bytes, sheets: list[str]) -> dict[str, tuple[int, ...]]:
    """The numbers of the rows of each of a legacy .xls's `sheets` hidden by a filter or a
    collapsed group that hold a value, from its row records (xlrd: calamine, which reads the
    cells, does not say which rows are hidden)."""
    import xlrd

    book = xlrd.open_workbook(file_contents=data, formatting_info=True, on_demand=True)
    try:
        hidden = {}
        for sheet in sheets:
            found = book.sheet_by_name(sheet)
            hidden[sheet] = tuple(
                number + 1
                for number, info in sorted(found.rowinfo_map.items())
                if info.hidden
                and number < found.nrows
                and any(str(v).strip() for v in found.row_values(number))
            )
        return hidden
    finally:
        book.release_resources()


_ODS_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"


def _ods_hidden_rows(data: bytes, sheet: str) -> tuple[int, ...]:
    """The numbers of the rows of an .ods sheet hidden by a filter or a collapsed group
    (`<table:table-row table:visibility="filter">`) that hold a value; parsed only when the
    XML says `visibility=` at all."""
    from lxml import etree

    if not any(b"visibility=" in block for block in sheet_blocks(data, "content.xml", 12)):
        return ()
    hidden: list[int] = []
    number, inside = 0, False
    with zipfile.ZipFile(io.BytesIO(data)) as archive, archive.open("content.xml") as stream:
        for event, element in etree.iterparse(
            stream, events=("start", "end"), resolve_entities=False, no_network=True
        ):
            local = _local(element)
            if local == "table" and event == "start":
                inside, number = element.get(_ODS_TABLE + "name") == sheet, 0
            elif local == "table-row" and event == "end" and inside:
                repeated = int(element.get(_ODS_TABLE + "number-rows-repeated") or 1)
                shown = element.get(_ODS_TABLE + "visibility", "visible") == "visible"
                if not shown and "".join(element.itertext()).strip():
                    hidden.extend(range(number + 1, number + repeated + 1))
                number += repeated
                element.clear(keep_tail=False)
    return tuple(hidden)


def _first_value_row(data: bytes, part: str | None) -> int:
    """The number of the first row with a value, where calamine's range (and so fastexcel's
    first row) starts: a cell with a non-empty <v> or an inline string. Streamed, it stops
    there (CalamineSheet.start says the same but loads the whole sheet to say it)."""
    if part is None:
        return 1
    number = 0
    for row in _sheet_elements(data, part, "row"):
        number = int(row.get("r") or number + 1)  # `r` may be left out: the next row
        if any(_local(cell) == "c" and _holds_value(cell) for cell in row):
            return number
    return 1


def _holds_value(cell: etree._Element) -> bool:
    for child in cell:
        local = _local(child)
        if local == "is" or (local == "v" and child.text):
            return True
    return False
