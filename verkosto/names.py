"""Names as planners write them: one key for spelling variants, near-duplicates found in linear time.

A group typed ``Akaa – ohjausryhmä`` in one row and ``Akaa - ohjausryhmä`` in the next is one
group: :func:`name_key` folds the differences that are only typing (dash kinds, quotes,
whitespace, case, accents) into one key, and the loader merges the spellings with a warning.
Names that differ by one letter in a long word (``Akaan ohjausryhmä`` / ``Akaan ohjausrymä``) or only by
word order may still be one group, or two: :func:`near_duplicates` finds such pairs so that
the loader can ask, never merge.

The national roster has 15,000 persons; comparing every pair of names is 10⁸ comparisons.
Instead each key is indexed by its one-character deletions (the "deletion neighbourhood":
two strings within one edit — insertion, deletion, substitution or swap of neighbours —
share a deletion), and by its sorted words, so only names that already share an index entry
are compared: time and memory grow with the number of names times their length.
"""

from __future__ import annotations

import functools
import re
import unicodedata
from collections import defaultdict
from collections.abc import Hashable, Iterable, Mapping

__all__ = ["MIN_EDIT_LENGTH", "name_key", "near_duplicates", "word_key"]

# Dashes and minus signs (‐ ‑ ‒ – — ― − ﹘ ﹣ －), folded to "-".
_DASHES = re.compile("[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]")
# Quotes and apostrophes of every kind, and the spaces around a dash or slash, carry no meaning.
_QUOTES = re.compile("[\"'`\u00b4\u2018-\u201f\u2032\u2033\u00ab\u00bb\u2039\u203a]")
_SPACE = re.compile(r"\s+")
_WORD = re.compile(r"[\w]+")
_DIGITS = re.compile(r"[0-9]+")

#: A one-letter difference counts only inside a word at least this long: Eura and Aura,
#: Lemi and Kemi, Vaasa and Vaala, Kari and Sari are different names one letter apart.
MIN_EDIT_LENGTH = 6


@functools.lru_cache(maxsize=1 << 16)
def name_key(text: str) -> str:
    """The key two spellings of one name share: no accents, case, quotes, whitespace; one dash.

    >>> name_key("Akaa – ohjausryhmä") == name_key("akaa-OHJAUSRYHMA") == name_key("Akaa - ohjausryhmä")
    True
    >>> name_key("MLL:n ”Perhekahvila”")
    'mll:nperhekahvila'
    """
    text = unicodedata.normalize("NFKD", text)
    text = "".join(ch for ch in text if not unicodedata.combining(ch))
    text = _DASHES.sub("-", text.casefold())
    text = _QUOTES.sub("", text)
    return _SPACE.sub("", text)


def word_key(text: str) -> tuple[str, ...]:
    """The name's words, folded as :func:`name_key` folds them, in sorted order.

    >>> word_key("Ohjausryhmä, Akaa") == word_key("Akaa ohjausryhmä")
    True
    """
    words = (name_key(w) for w in _WORD.findall(_DASHES.sub(" ", text)))
    return tuple(sorted(w for w in words if w))


def _deletions(key: str) -> Iterable[str]:
    yield key
    for i in range(len(key)):
        yield key[:i] + key[i + 1 :]


def _within_one_edit(a: str, b: str) -> bool:
    """Levenshtein distance ≤ 1, or one swap of neighbouring letters."""
    if a == b:
        return True
    la, lb = len(a), len(b)
    if abs(la - lb) > 1:
        return False
    if la > lb:
        a, b, la, lb = b, a, lb, la
    i = 0
    while i < la and a[i] == b[i]:
        i += 1
    if la == lb:
        if a[i + 1 :] == b[i + 1 :]:
            return True  # one substitution
        return i + 1 < la and a[i] == b[i + 1] and a[i + 1] == b[i] and a[i + 2 :] == b[i + 2 :]
    return a[i:] == b[i + 1 :]  # one insertion


def _words(text: str) -> list[str]:
    return [w for w in (name_key(w) for w in _WORD.findall(_DASHES.sub(" ", text))) if w]


def _one_long_word_differs(a: str, b: str) -> bool:
    """Whether the names differ in one word only, and that word is long enough to be a typo."""
    wa, wb = _words(a), _words(b)
    if len(wa) != len(wb):
        return True  # words joined or split: the edit is a space or a dash
    differ = [(x, y) for x, y in zip(wa, wb) if x != y]
    return len(differ) == 1 and max(len(differ[0][0]), len(differ[0][1])) >= MIN_EDIT_LENGTH


def near_duplicates(names: Mapping[Hashable, str], *, related: Mapping[Hashable, object] | None = None,
                    words: bool = True) -> list[tuple[Hashable, Hashable]]:
    """Pairs of names that may be one: within one edit, or the same words in another order.

    Parameters
    ----------
    names : mapping
        An id (anything hashable) -> the name as written. Names with the same
        :func:`name_key` are one name already and are not paired.
    related : mapping, optional
        id -> a value; when given, only names with the same value are paired (persons are
        compared within their organisation: two different people called Anna and Anni Virta
        in two organisations of a province are common).
    words : bool
        Whether the same words in another order make a pair.

    Returns
    -------
    list of (id, id)
        Each pair once, in the order of *names*.

    >>> near_duplicates({1: "Akaan ohjausryhmä", 2: "Akaan ohjausrymä", 3: "Urjalan ohjausryhmä",
    ...                  4: "Ohjausryhmä, Urjalan", 5: "Työryhmä 1", 6: "Työryhmä 2", 7: "MLL Eura", 8: "MLL Aura"})
    [(1, 2), (3, 4)]
    """
    order = {id_: i for i, id_ in enumerate(names)}
    keys = {id_: name_key(name) for id_, name in names.items()}
    pairs: set[tuple[Hashable, Hashable]] = set()
    buckets: dict[tuple[object, str, object], list[Hashable]] = defaultdict(list)
    for id_, name in names.items():
        group = related.get(id_) if related is not None else None
        key = keys[id_]
        if len(key) >= MIN_EDIT_LENGTH:  # the shortest name with a word long enough
            for variant in set(_deletions(key)):
                buckets[(group, "edit", variant)].append(id_)
        if words:
            name_words = word_key(name)
            if len(name_words) > 1:
                buckets[(group, "words", name_words)].append(id_)
    for (_, how, _), ids in buckets.items():
        if len(ids) < 2:
            continue
        for i, a in enumerate(ids):
            for b in ids[i + 1 :]:
                ka, kb = keys[a], keys[b]
                if ka == kb or _DIGITS.findall(ka) != _DIGITS.findall(kb):
                    continue  # one name already; "Työryhmä 1" and "Työryhmä 2" are two groups
                if how == "words" or (_within_one_edit(ka, kb) and _one_long_word_differs(names[a], names[b])):
                    pairs.add((a, b) if order[a] < order[b] else (b, a))
    return sorted(pairs, key=lambda pair: (order[pair[0]], order[pair[1]]))
