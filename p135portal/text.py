"""Vietnamese text as people type it: folding for search and for matching names.

"Đồng Đăng", "dong dang", "DONG DANG", "xã đồng đăng", "TT. Đồng Đăng" and the same
words typed as decomposed Unicode (NFD, as macOS keyboards send them) all give the
same key "dong dang".
"""

import re
import unicodedata

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


def clean(text: str) -> str:
    """NFC, trimmed, inner whitespace collapsed: how every name is stored."""
    return _SPACES.sub(" ", unicodedata.normalize("NFC", text or "")).strip()


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
