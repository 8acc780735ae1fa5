"""Vietnamese text as people type it: folding for search and for matching names.

"Đồng Đăng", "dong dang", "DONG DANG", "xã đồng đăng", "TT. Đồng Đăng" and the same
words typed as decomposed Unicode (NFD, as macOS keyboards send them) all give the
same key "dong dang".
"""

import re
import unicodedata
from functools import lru_cache

# Type prefixes of administrative units and villages, folded, longest first; with the
# abbreviations found in annexes to decisions ("TT.", "TP.", "TX.").
UNIT_PREFIXES = (
    "thanh pho",
    "thi tran",
    "thi xa",
    "dac khu",
    "to dan pho",
    "phuong",
    "huyen",
    "quan",
    "tinh",
    "xa",
    "thon",
    "ban",
    "lang",
    "ap",
    "tp.",
    "tt.",
    "tx.",
    "tp",
    "tt",
    "tx",
)
_PREFIX_RE = re.compile(r"^(?:" + "|".join(re.escape(p) for p in UNIT_PREFIXES) + r")(?:\s+|(?<=\.))(?=\S)")
_SPACES = re.compile(r"\s+")
# Characters nobody sees but that make two equal names differ: zero-width spaces and joiners,
# the word joiner and byte-order mark, the soft hyphen, and bidirectional marks and overrides
# (pasted from web pages, PDFs and chat messages).
_INVISIBLE = re.compile("[\u00ad\u180e\u200b-\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]")


def visible(text: str) -> str:
    """NFC without invisible characters: what every typed or imported text becomes."""
    return unicodedata.normalize("NFC", _INVISIBLE.sub("", text or ""))


@lru_cache(maxsize=50_000)  # a file's cells are cleaned where read and again where used
def clean(text: str) -> str:
    """NFC, without invisible characters, trimmed, inner whitespace collapsed: how every name is stored."""
    return _SPACES.sub(" ", visible(text)).strip()


def clean_multiline(text: str) -> str:
    """A text of several lines or paragraphs as stored: NFC, without invisible characters, the line
    endings browsers send ("\r\n") folded to "\n", trimmed."""
    return visible(text).replace("\r\n", "\n").strip()


@lru_cache(maxsize=50_000)  # the same names come again and again (a list's communes, headings, "Thôn 1")
def fold(text: str) -> str:
    """Lower case without diacritics: "Đồng Đăng" → "dong dang"."""
    decomposed = unicodedata.normalize("NFD", clean(text))
    bare = "".join(char for char in decomposed if unicodedata.category(char) != "Mn")
    return bare.replace("đ", "d").replace("Đ", "D").casefold()


def strip_prefix(name: str) -> str:
    """The name without its type prefix, diacritics kept: "Xã Đồng Đăng" → "Đồng Đăng"."""
    name = clean(name)
    match = _PREFIX_RE.match(fold(name))
    # Folding keeps the length of the text (one letter per letter), so the match
    # length cuts the original name at the same place.
    return name[match.end() :].strip() if match else name


def search_key(text: str) -> str:
    """The key names are searched and matched by: folded, without type prefix."""
    folded = fold(text)
    match = _PREFIX_RE.match(folded)
    return folded[match.end() :].strip() if match else folded
