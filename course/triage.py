"""Triage practice for back pain warning signs: pure logic over ``data/red_flags.yaml``.

Every rule lives in the data file: each sign names its urgency, and the
urgency levels are listed most urgent first. :func:`triage` only takes the
most urgent level among the ticked signs, so any combination that contains an
emergency sign yields ``"emergency"``, whatever else is ticked.

This module is a teaching tool, not a diagnosis; every result carries the
data file's disclaimer.

Examples
--------
>>> triage(["stiffness", "saddle-numbness"]).urgency
'emergency'
>>> triage([]).urgency
'routine'
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import Any

from course import content
from course.errors import ContentError, CourseError

DATA_FILE = "data/red_flags.yaml"
DOCUMENT = "red_flags"


class UnknownSignError(CourseError, ValueError):
    """A sign id that ``data/red_flags.yaml`` does not define was ticked."""


@dataclass(frozen=True)
class Urgency:
    """One urgency level: what it means and what to do."""

    id: str
    label: str
    symbol: str
    message: str
    action: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class Category:
    """A group of signs (cauda equina, cancer, ...) with a plain label."""

    id: str
    label: str
    description: str


@dataclass(frozen=True)
class Sign:
    """A sign a learner can tick, with the urgency it calls for and why."""

    id: str
    text: str
    category: str
    urgency: str
    why: str
    references: tuple[str, ...]
    seed_symptom: str | None = None


@dataclass(frozen=True)
class Vignette:
    """A described person for triage practice, and the signs their story contains."""

    id: str
    name: str
    story: str
    signs: tuple[str, ...]
    explanation: str


@dataclass(frozen=True)
class Rules:
    """The whole triage rule set, as read from the data file."""

    disclaimer: str
    no_sign_reason: str
    urgencies: tuple[Urgency, ...]
    categories: tuple[Category, ...]
    signs: tuple[Sign, ...]
    vignettes: tuple[Vignette, ...]

    def sign(self, sign_id: str) -> Sign:
        """Return one sign, or raise :class:`UnknownSignError` suggesting close ids."""
        for sign in self.signs:
            if sign.id == sign_id:
                return sign
        raise UnknownSignError(unknown_sign_message(sign_id, [s.id for s in self.signs]))

    def urgency(self, urgency_id: str) -> Urgency:
        """Return one urgency level by id (``emergency``, ``soon`` or ``routine``)."""
        for level in self.urgencies:
            if level.id == urgency_id:
                return level
        raise KeyError(f"no urgency '{urgency_id}' in {DATA_FILE}")

    def rank(self, urgency_id: str) -> int:
        """Return a level's place in the list: 0 is the most urgent."""
        return [level.id for level in self.urgencies].index(urgency_id)

    def category(self, category_id: str) -> Category:
        """Return one category by id."""
        for category in self.categories:
            if category.id == category_id:
                return category
        raise KeyError(f"no category '{category_id}' in {DATA_FILE}")

    def vignette(self, vignette_id: str) -> Vignette:
        """Return one described person, or raise ``KeyError`` naming the known ids."""
        for vignette in self.vignettes:
            if vignette.id == vignette_id:
                return vignette
        known = ", ".join(v.id for v in self.vignettes)
        raise KeyError(f"no vignette '{vignette_id}'; known vignettes: {known}")

    def signs_in(self, category_id: str) -> tuple[Sign, ...]:
        """Return the signs of one category, in data order."""
        return tuple(sign for sign in self.signs if sign.category == category_id)

    def signs_with(self, urgency_id: str) -> tuple[Sign, ...]:
        """Return the signs that call for one urgency level, in data order."""
        return tuple(sign for sign in self.signs if sign.urgency == urgency_id)


@dataclass(frozen=True)
class Reason:
    """A ticked sign that decided the urgency, with why it matters."""

    sign_id: str
    text: str
    category: str
    why: str
    references: tuple[str, ...]


@dataclass(frozen=True)
class TriageResult:
    """What the ticked signs call for: the urgency, the reasons, what to do, and the disclaimer."""

    urgency: str
    label: str
    symbol: str
    message: str
    action: str
    reasons: tuple[Reason, ...]
    also_ticked: tuple[str, ...]
    disclaimer: str
    references: tuple[str, ...]

    def summary(self) -> str:
        """Return the result as plain text, one line per part.

        Examples
        --------
        >>> print(triage([]).summary().splitlines()[0])
        ⌂ Self-care for now
        """
        lines = [f"{self.symbol} {self.label}", self.message]
        lines += [f"- {reason.text}: {reason.why}" for reason in self.reasons]
        lines += [self.action, self.disclaimer]
        return "\n".join(lines)


@dataclass(frozen=True)
class VignetteCheck:
    """How a learner's ticks compare with the signs a described person's story contains."""

    vignette_id: str
    expected: str
    decided: str
    missed: tuple[str, ...]
    extra: tuple[str, ...]

    @property
    def right_urgency(self) -> bool:
        """True when the ticks lead to the same urgency as the story's signs."""
        return self.expected == self.decided

    @property
    def all_signs_found(self) -> bool:
        """True when the learner ticked exactly the story's signs."""
        return not self.missed and not self.extra


def unknown_sign_message(sign_id: str, known: list[str]) -> str:
    """Say that a sign id is unknown and suggest the closest known ids.

    Examples
    --------
    >>> print(unknown_sign_message("saddle-numb", ["saddle-numbness", "stiffness"]))
    unknown sign id 'saddle-numb' (did you mean 'saddle-numbness'?); see data/red_flags.yaml
    """
    close = difflib.get_close_matches(sign_id, known, n=3)
    hint = f" (did you mean {', '.join(repr(c) for c in close)}?)" if close else ""
    return f"unknown sign id {sign_id!r}{hint}; see {DATA_FILE}"


def load_rules() -> Rules:
    """Read, validate and check ``data/red_flags.yaml`` (``course.content`` caches the file)."""
    return build_rules(content.document(DOCUMENT))


def build_rules(raw: Mapping[str, Any]) -> Rules:
    """Build the rule set from a schema-valid document, then check what the schema cannot."""
    rules = Rules(
        disclaimer=raw["disclaimer"],
        no_sign_reason=raw["no_sign_reason"],
        urgencies=tuple(to_urgency(item) for item in raw["urgencies"]),
        categories=tuple(to_category(item) for item in raw["categories"]),
        signs=tuple(to_sign(item) for item in raw["signs"]),
        vignettes=tuple(to_vignette(item) for item in raw["vignettes"]),
    )
    check_rules(rules)
    return rules


def to_urgency(raw: Mapping[str, Any]) -> Urgency:
    """Build one urgency level from its entry."""
    return Urgency(
        raw["id"],
        raw["label"],
        raw["symbol"],
        raw["message"],
        raw["action"],
        tuple(raw["references"]),
    )


def to_category(raw: Mapping[str, Any]) -> Category:
    """Build one category from its entry."""
    return Category(raw["id"], raw["label"], raw["description"])


def to_sign(raw: Mapping[str, Any]) -> Sign:
    """Build one sign from its entry."""
    return Sign(
        raw["id"],
        raw["text"],
        raw["category"],
        raw["urgency"],
        raw["why"],
        tuple(raw["references"]),
        raw.get("seed_symptom"),
    )


def to_vignette(raw: Mapping[str, Any]) -> Vignette:
    """Build one described person from its entry."""
    return Vignette(raw["id"], raw["name"], raw["story"], tuple(raw["signs"]), raw["explanation"])


def check_rules(rules: Rules) -> None:
    """Raise a ContentError for what the schema cannot see: duplicate ids and dangling names."""
    check_unique("signs", [sign.id for sign in rules.signs])
    check_unique("vignettes", [vignette.id for vignette in rules.vignettes])
    check_unique("categories", [category.id for category in rules.categories])
    listed = {category.id for category in rules.categories}
    for sign in rules.signs:
        if sign.category not in listed:
            raise ContentError(
                DATA_FILE,
                f"signs (id '{sign.id}')",
                f"uses category '{sign.category}', which 'categories' does not list",
                "add the category to 'categories' or correct the sign's category",
            )
    known = {sign.id for sign in rules.signs}
    for vignette in rules.vignettes:
        for sign_id in vignette.signs:
            if sign_id not in known:
                raise ContentError(
                    DATA_FILE,
                    f"vignettes (id '{vignette.id}') > signs",
                    unknown_sign_message(sign_id, sorted(known)),
                    "use the id of a sign listed under 'signs'",
                )


def check_unique(section: str, ids: list[str]) -> None:
    """Raise a ContentError naming the first id used twice in a section."""
    seen: set[str] = set()
    for item_id in ids:
        if item_id in seen:
            raise ContentError(
                DATA_FILE,
                f"{section} (id '{item_id}')",
                "the id is used twice",
                "give every entry its own id",
            )
        seen.add(item_id)


def ticked_signs(sign_ids: Iterable[str] | str, rules: Rules) -> tuple[Sign, ...]:
    """Resolve ticked ids to signs, in data order, once each; unknown ids raise UnknownSignError."""
    wanted = {sign_ids} if isinstance(sign_ids, str) else set(sign_ids)
    for sign_id in sorted(wanted):
        rules.sign(sign_id)
    return tuple(sign for sign in rules.signs if sign.id in wanted)


def most_urgent(urgency_ids: Iterable[str], rules: Rules) -> str:
    """Return the most urgent of some levels; with none, the least urgent level (self-care).

    Examples
    --------
    >>> rules = load_rules()
    >>> most_urgent(["routine", "emergency", "soon"], rules)
    'emergency'
    >>> most_urgent([], rules)
    'routine'
    """
    ranks = [rules.rank(urgency_id) for urgency_id in urgency_ids]
    return rules.urgencies[min(ranks, default=len(rules.urgencies) - 1)].id


def triage(sign_ids: Iterable[str] | str, rules: Rules | None = None) -> TriageResult:
    """Return what a person with these signs should do: the most urgent level among them.

    Parameters
    ----------
    sign_ids : iterable of str, or one str
        Ids of the ticked signs (see ``data/red_flags.yaml``); order and repeats do not matter.
    rules : Rules, optional
        The rule set; read from the data file when not given.

    Returns
    -------
    TriageResult
        The urgency, the signs that decided it (with why), the other ticked signs,
        what to do, and the disclaimer. With no sign: self-care, no reasons, and a message
        that says why; the action says to see a clinician if it is not improving.

    Raises
    ------
    UnknownSignError
        If an id is not a sign of the data file.

    Examples
    --------
    >>> result = triage(["high-temperature", "stiffness"])
    >>> result.urgency, [reason.sign_id for reason in result.reasons], result.also_ticked
    ('soon', ['high-temperature'], ('stiffness',))
    """
    rules = rules or load_rules()
    signs = ticked_signs(sign_ids, rules)
    level = rules.urgency(most_urgent((sign.urgency for sign in signs), rules))
    deciding = tuple(sign for sign in signs if sign.urgency == level.id)
    reasons = tuple(Reason(s.id, s.text, s.category, s.why, s.references) for s in deciding)
    references = tuple(
        dict.fromkeys([*level.references, *(key for sign in deciding for key in sign.references)])
    )
    return TriageResult(
        urgency=level.id,
        label=level.label,
        symbol=level.symbol,
        message=level.message if signs else rules.no_sign_reason,
        action=level.action,
        reasons=reasons,
        also_ticked=tuple(sign.id for sign in signs if sign.urgency != level.id),
        disclaimer=rules.disclaimer,
        references=references,
    )


def check_vignette(
    vignette_id: str, sign_ids: Iterable[str] | str, rules: Rules | None = None
) -> VignetteCheck:
    """Compare a learner's ticks for a described person with the signs in the story.

    Examples
    --------
    >>> check = check_vignette("priya-saddle", ["saddle-numbness", "stiffness"])
    >>> check.expected, check.decided, check.right_urgency, check.missed
    ('emergency', 'emergency', True, ('difficulty-peeing', 'low-back-pain'))
    """
    rules = rules or load_rules()
    vignette = rules.vignette(vignette_id)
    ticked = {sign.id for sign in ticked_signs(sign_ids, rules)}
    story = set(vignette.signs)
    return VignetteCheck(
        vignette_id=vignette.id,
        expected=triage(story, rules).urgency,
        decided=triage(ticked, rules).urgency,
        missed=tuple(sign.id for sign in rules.signs if sign.id in story - ticked),
        extra=tuple(sign.id for sign in rules.signs if sign.id in ticked - story),
    )
