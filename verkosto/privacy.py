"""Pseudonyms: replace every person's name in a roster before anything is computed or drawn."""

from __future__ import annotations

import base64
import dataclasses
import hashlib
import hmac
import re
from collections import Counter
from pathlib import Path

from .errors import Message, Problem, VerkostoError
from .load import Roster
from .schema import fold

__all__ = ["PSEUDONYM_LEVELS", "identifiable", "pseudonymize", "read_key"]

MIN_KEY_BYTES = 16

#: What a pseudonym tells besides its number, most to least: the organisation ("#17 · Kela"),
#: the canonical sector ("#17 · kela"), nothing ("#17").
PSEUDONYM_LEVELS = ("organisation", "sector", "none")
#: Keys of the warning about pseudonyms that still point at one person, by level.
IDENTIFYING = {level: f"warning.pseudonyms_identifiable.{level}" for level in PSEUDONYM_LEVELS[:2]}


def read_key(path: str | Path) -> bytes:
    """The secret of keyed pseudonyms: the bytes of a file, at least 16 of them.

    Make one with e.g. ``python -c "import secrets; print(secrets.token_hex(32))" > avain.txt``
    and keep it away from the outputs: with the key, anyone holding a list of names can
    tell who is who.
    """
    path = Path(path)
    try:
        key = path.read_bytes().strip()
    except OSError as err:
        raise VerkostoError("key.unreadable", file=str(path), reason=err.strerror) from None
    if len(key) < MIN_KEY_BYTES:
        raise VerkostoError("key.too_short", file=path.name, length=len(key), minimum=MIN_KEY_BYTES)
    return key


def _code(key: bytes, name: str) -> str:
    digest = hmac.new(key, fold(name).encode("utf-8"), hashlib.sha256).digest()
    return base64.b32encode(digest).decode("ascii")[:6]


def _quotes_a_name(problem: Problem, names) -> bool:
    """Whether a warning quotes a person (warnings about duplicates quote names folded).

    The values a message names are the same in every language: they are what is looked at.
    """
    quoted = " / ".join(fold(str(_shown(value))) for value in problem.params.values() if value is not None)
    return any(fold(name) in quoted for name in set(names))


def _shown(value: object) -> object:
    if isinstance(value, (list, tuple)):
        return ", ".join(str(_shown(v)) for v in value)
    if isinstance(value, Message):
        return " / ".join(str(_shown(v)) for v in value.params.values())
    return value


def _people(memberships) -> dict[str, tuple[str, str, str]]:
    """person_id -> (organisation, sector, municipality): those the person's rows name most often."""
    result = {}
    for pid, rows in memberships.groupby("person_id", sort=False):
        organisation = Counter(rows["organisation"]).most_common(1)[0][0]
        sector = rows.loc[rows["organisation"] == organisation, "sector"].iloc[0] if "sector" in rows else ""
        places = Counter(m for m in rows["municipality"] if m) if "municipality" in rows else Counter()
        result[pid] = (organisation, sector, places.most_common(1)[0][0] if places else "")
    return result


def identifiable(memberships, level: str = "organisation") -> int:
    """How many persons are the only one of their organisation (or sector) in their municipality.

    Their pseudonym names them to anyone who knows the municipality: "#17 · Kela" where Kela
    has one person in Akaa's groups is that person. ``level="none"`` counts 0: the number alone
    tells nothing (group memberships still may, see the README).

    >>> import pandas as pd
    >>> m = pd.DataFrame({"person_id": ["A", "B", "C"], "organisation": ["Kela", "Kela", "MLL"],
    ...                   "sector": ["kela", "kela", "ngo"], "municipality": ["Akaa", "Akaa", "Akaa"]})
    >>> identifiable(m), identifiable(m, "sector"), identifiable(m, "none")
    (1, 1, 0)
    """
    if level == "none" or memberships.empty:
        return 0
    index = 0 if level == "organisation" else 1
    counts = Counter((municipality, person[index]) for person in _people(memberships).values()
                     for municipality in (person[2],))
    return sum(1 for n in counts.values() if n == 1)


def _words(text: str) -> list[str]:
    return re.findall(r"\w+", fold(text))


def names_inside(roster: Roster) -> list[tuple[str, str]]:
    """Group and organisation names that hold a person's name: ``[(kind, name)]``, sorted.

    A name holds a person when it has the person's first name as a word and a word that
    begins with the first three letters of the surname — so inflected forms count too
    ("Aino Mäkelän työryhmä", "Aino Aallon verkosto"), since Finnish changes the end of a
    surname ("Aalto" → "Aallon").

    >>> import pandas as pd
    >>> m = pd.DataFrame({"person": ["Aino Aalto"], "organisation": ["Kela"], "group": ["Aino Aallon tiimi"]})
    >>> names_inside(Roster(m, pd.DataFrame({"group": []}), pd.DataFrame({"organisation": []}), pd.DataFrame()))
    [('group', 'Aino Aallon tiimi')]
    """
    people = []
    for person in dict.fromkeys(roster.memberships["person"]):
        words = _words(person)
        if len(words) >= 2:
            people.append((words[0], words[-1][:3]))
    found = set()
    for kind, column, frames in (
        ("group", "group", (roster.memberships, roster.groups)),
        ("organisation", "organisation", (roster.memberships, roster.organisations)),
    ):
        names = {name for frame in frames if column in frame for name in frame[column]}
        for name in names:
            words = _words(name)
            if any(first in words and any(w.startswith(last) for w in words if w != first) for first, last in people):
                found.add((kind, name))
    return sorted(found)


def pseudonymize(roster: Roster, *, key: bytes | None = None, level: str = "organisation") -> Roster:
    """A copy of *roster* in which every person is called by a pseudonym.

    Pseudonyms read ``"#17 · Kela"``: a number and the organisation the person represents
    most often (``level="organisation"``); ``"#17 · kela"``, the canonical sector of that
    organisation (``level="sector"``); or just ``"#17"`` (``level="none"``). They are
    identities, the same in every language and every output, not words (``#17`` reads
    "person 17"; the sector is its canonical name for the same reason: the Finnish map and
    the English CSV name a person alike). Organisations and groups keep their names. Without *key* the
    numbers follow the order in which persons first appear in the roster. With *key*
    (see :func:`read_key`) the number is replaced by a code computed with HMAC-SHA256 from
    the person's name, so the same person gets the same pseudonym in every season while
    the name cannot be recovered without the key.

    Warnings that quote names are dropped from ``problems``. A warning is added when some
    pseudonyms are the only one of their organisation (or sector) in their municipality
    (:func:`identifiable`): they still point at one person.

    Examples
    --------
    >>> import pandas as pd
    >>> m = pd.DataFrame({"person_id": ["Aino A", "Bo B"], "person": ["Aino A", "Bo B"],
    ...                   "organisation": ["Kela", "MLL"]})
    >>> c = pd.DataFrame({"source": ["Bo B"], "target": ["MLL"], "source_kind": ["person"],
    ...                   "target_kind": ["organisation"]})
    >>> r = pseudonymize(Roster(m, pd.DataFrame(), pd.DataFrame(), c))
    >>> list(r.memberships["person"]), list(r.collaborations["source"])
    (['#1 · Kela', '#2 · MLL'], ['#2 · MLL'])
    """
    if level not in PSEUDONYM_LEVELS:
        raise ValueError(f"unknown pseudonym level {level!r}; choose one of {', '.join(PSEUDONYM_LEVELS)}")
    inside = names_inside(roster)
    if inside:  # the name would stay in every output beside the pseudonyms
        kind, name = inside[0]
        raise VerkostoError(f"privacy.name_inside.{kind}", file=roster.source or None, name=name, more=len(inside) - 1)
    memberships = roster.memberships
    names = {}
    people = _people(memberships) if level != "none" else {}
    taken: Counter = Counter()
    for number, pid in enumerate(dict.fromkeys(memberships["person_id"]), 1):
        code = _code(key, pid) if key else str(number)
        pseudonym = f"#{code}" if level == "none" else f"#{code} · {people[pid][0 if level == 'organisation' else 1]}"
        taken[pseudonym] += 1
        if taken[pseudonym] > 1:  # two persons with one name under one key: keep them apart
            pseudonym = f"{pseudonym} ({taken[pseudonym]})"
        names[pid] = pseudonym
    memberships = memberships.assign(person=memberships["person_id"].map(names))
    memberships["person_id"] = memberships["person"]
    collaborations = roster.collaborations.copy()
    for end in ("source", "target"):
        is_person = collaborations[f"{end}_kind"] == "person"
        collaborations.loc[is_person, end] = collaborations.loc[is_person, end].map(names)
    problems = [p for p in roster.problems if not _quotes_a_name(p, roster.memberships["person"])]
    count = identifiable(roster.memberships, level)
    if count:
        problems.append(Problem("warning", roster.source, IDENTIFYING[level],
                                {"count": count, "total": len(names)}))
    return dataclasses.replace(
        roster,
        memberships=memberships,
        collaborations=collaborations,
        identities={names[pid]: code for pid, code in roster.identities.items() if pid in names},
        problems=problems,
    )
