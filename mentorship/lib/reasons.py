"""Reasons as the app stores them (a code, its items and value) and in words, in the reader's language.

The engine stores reasons as data, ``{"code": ..., "items": [...], "value": ...}`` (codes are
listed in ``matching.reports.reason``; ``counts`` and ``who`` come with a few); they become
words only when shown, through gettext, with topics by their catalog names, languages by their
names and numbers as the reader writes them. ``text`` is a sentence kept verbatim (from before
reasons were data).

Reasons naming answers to a program's private questions (codes starting ``private_``) are read
only when the caller asks for them (``private=True``: coordinators); every other reader never
sees them, not even as codes.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping
from functools import lru_cache
from typing import Any, NotRequired, TypedDict

from babel.lists import format_list
from babel.numbers import format_decimal

from mentorship.lib.i18n import ACTIVE, babel_locale, gettext, language_name, ngettext

_ = gettext


class ReasonData(TypedDict):
    """One reason as stored in JSON."""

    code: str
    items: list[str]
    value: float | None
    counts: NotRequired[list[int]]
    who: NotRequired[list[str]]


TopicLabels = Callable[[str, str], str | None]
_topic_labels: list[TopicLabels] = []


def use_topic_labels(lookup: TopicLabels) -> None:
    """Name topics by ``lookup(slug, locale)`` (the app factory passes the topic catalog's)."""
    _topic_labels[:] = [lookup]


def as_json(reasons: Iterable[ReasonData]) -> list[Any]:
    """Reasons as a JSON column holds them: plain objects."""
    return [dict(reason) for reason in reasons]


def text_reason(sentence: str) -> ReasonData:
    """A sentence kept as it was written."""
    return {"code": "text", "items": [sentence], "value": None}


PRIVATE = "private_"


def is_private(reason: ReasonData) -> bool:
    """Whether a reason names answers only coordinators may read."""
    return reason["code"].startswith(PRIVATE)


def read_reasons(stored: Any, *, private: bool = False) -> list[ReasonData]:
    """Stored reasons in any form: a list of reason objects, sentences, or one "; "-joined sentence.

    Reasons about private answers are left out unless ``private`` (coordinators, or copying them).
    """
    found = _read_reasons(stored)
    return found if private else [reason for reason in found if not is_private(reason)]


def _read_reasons(stored: Any) -> list[ReasonData]:
    if isinstance(stored, str):
        return [text_reason(part.strip()) for part in stored.split("; ") if part.strip()]
    found: list[ReasonData] = []
    for item in stored or []:
        if isinstance(item, str):
            found.append(text_reason(item))
        elif isinstance(item, Mapping) and "code" in item:
            reason: ReasonData = {
                "code": str(item["code"]),
                "items": [str(i) for i in item.get("items") or []],
                "value": None if item.get("value") is None else float(item["value"]),
            }
            if item.get("counts"):
                reason["counts"] = [int(c) for c in item["counts"]]
            if item.get("who"):
                reason["who"] = [str(w) for w in item["who"]]
            found.append(reason)
    return found


def _locale() -> str:
    return ACTIVE.get()


def _number(value: float | None, pattern: str = "#,##0.##") -> str:
    return _formatted_number(value or 0.0, pattern, _locale())


def _list(items: Iterable[str]) -> str:
    return _formatted_list(tuple(items), _locale())


# A round's page words a hundred pairings' reasons: the same few numbers and topic lists again and
# again, and Babel parses its patterns on every call. Both are pure functions of their arguments.
@lru_cache(maxsize=4096)
def _formatted_number(value: float, pattern: str, locale: str) -> str:
    return format_decimal(value, format=pattern, locale=babel_locale(locale))


@lru_cache(maxsize=4096)
def _formatted_list(items: tuple[str, ...], locale: str) -> str:
    return format_list(list(items), locale=babel_locale(locale))


def topic_name(slug: str) -> str:
    """A topic's catalog name in the reader's language, else its slug in words."""
    for lookup in _topic_labels:
        if name := lookup(slug, _locale()):
            return name
    return slug.replace("-", " ")


def _topics(reason: ReasonData) -> str:
    return _list(topic_name(t) for t in reason["items"])


def _words(reason: ReasonData) -> str:
    return _list(reason["items"])


def _languages(reason: ReasonData) -> str:
    return _list(language_name(code, _locale()) for code in reason["items"])


def _hours(reason: ReasonData) -> str:
    hours = round(reason["value"] or 0.0, 1)
    return ngettext("%(hours)s hour apart", "%(hours)s hours apart", 1 if hours == 1 else 2) % {
        "hours": _number(hours, "0.#")
    }


def _language_and_time_only(reason: ReasonData) -> str:
    if reason["value"] is None:
        return _("you share a language (%(languages)s); no topic or goal in common") % {
            "languages": _languages(reason)
        }
    return _(
        "you share a language (%(languages)s) and your hours overlap (%(hours)s); no topic or goal in common"
    ) % {
        "languages": _languages(reason),
        "hours": _hours(reason) if reason["value"] >= 0.5 else _("same time zone"),
    }


def _members_share(reason: ReasonData) -> str:
    size = int(reason["value"] or 0)
    parts = [
        _("%(topic)s (%(count)d of %(size)d)") % {"topic": topic_name(t), "count": c, "size": size}
        for t, c in zip(reason["items"], reason.get("counts", []), strict=False)
    ]
    return _("members share: %(topics)s") % {"topics": _list(parts)}


def _mentor_offers(reason: ReasonData) -> str:
    parts = [
        ngettext("%(topic)s (%(num)d seeks it)", "%(topic)s (%(num)d seek it)", c)
        % {"topic": topic_name(t), "num": c}
        for t, c in zip(reason["items"], reason.get("counts", []), strict=False)
    ]
    return _("mentor offers them: %(topics)s") % {"topics": _list(parts)}


def _peer_offers(reason: ReasonData, names: Mapping[str, str]) -> str:
    who = [*(reason.get("who") or []), "", ""]
    giver, taker = names.get(who[0]), names.get(who[1])
    if giver is None or taker is None:
        return _("one peer offers the other: %(topics)s") % {"topics": _topics(reason)}
    return _("%(giver)s offers %(taker)s: %(topics)s") % {
        "giver": giver,
        "taker": taker,
        "topics": _topics(reason),
    }


_FIXED: dict[str, Callable[[], str]] = {
    "same_time_zone": lambda: _("same time zone"),
    "overall_fit": lambda: _("grouped by overall fit"),
    "no_shared_language": lambda: _("no shared language with any mentor"),
    "no_mentor_in_hours": lambda: _("no mentor with a shared language within the time-zone limit"),
    "peer_no_shared_language": lambda: _("no other peer shares a language"),
    "peer_none_in_hours": lambda: _("no peer with a shared language within the time-zone limit"),
    "group_no_shared_language": lambda: _("no shared language with any group mentor"),
    "group_none_in_hours": lambda: _("no group mentor with a shared language within the time-zone limit"),
    "idle_no_language": lambda: _("no mentee shares a language"),
    "idle_no_overlap": lambda: _("no mentee's needs overlap enough with what they offer"),
    "idle_outbid": lambda: _("the mentees who fit them fit other mentors better"),
    "no_peers": lambda: _("no one else chose peer mentoring"),
    "no_mentors": lambda: _("no mentor with free capacity chose this kind of mentoring"),
    "removed": lambda: _("removed from this round by a coordinator"),
}


def _question(reason: ReasonData) -> str:
    return reason["items"][0] if reason["items"] else ""


def _shared_answer(reason: ReasonData) -> str:
    values = {"answers": _list(reason["items"][1:]), "question": _question(reason)}
    if reason["value"] is None:
        return _("the whole group answered %(answers)s to “%(question)s”") % values
    return _("both answered %(answers)s to “%(question)s”") % values


def _close_answers(reason: ReasonData) -> str:
    first, second = ([*reason["items"][1:], "", ""])[:2]
    return _("close answers to “%(question)s” (%(first)s and %(second)s)") % {
        "question": _question(reason),
        "first": first,
        "second": second,
    }


def _different_answers(reason: ReasonData) -> str:
    return _("different answers to “%(question)s”") % {"question": _question(reason)}


def _answer_reason(reason: ReasonData) -> str:
    """A reason naming a program's question; a private one says so (only coordinators read it)."""
    code = reason["code"].removeprefix(PRIVATE)
    text = {"shared_answer": _shared_answer, "close_answers": _close_answers}.get(code, _different_answers)(
        reason
    )
    return _("%(reason)s (private answer)") % {"reason": text} if is_private(reason) else text


_ANSWER_CODES = frozenset(
    prefix + code
    for prefix in ("", PRIVATE)
    for code in ("shared_answer", "close_answers", "different_answers")
)
_LISTED: dict[str, Callable[[ReasonData], str]] = {
    "shared_topics": lambda r: _("shared topics: %(topics)s") % {"topics": _topics(r)},
    "goal_terms": lambda r: _("goals meet experience in: %(words)s") % {"words": _words(r)},
    "languages": lambda r: _("both speak %(languages)s") % {"languages": _languages(r)},
    "hours_apart": _hours,
    "both_seek": lambda r: _("both want to learn: %(topics)s") % {"topics": _topics(r)},
    "shared_goals": lambda r: _("shared goals: %(words)s") % {"words": _words(r)},
    "common_goals": lambda r: _("common goals: %(words)s") % {"words": _words(r)},
    "members_share": _members_share,
    "language_and_time_only": _language_and_time_only,
    "mentor_offers": _mentor_offers,
    **dict.fromkeys(_ANSWER_CODES, _answer_reason),
}
# Each person's best fit, or the minimum score, shown beside a reason for being left out.
_FIGURES: dict[str, Callable[[str], str]] = {
    "below_min_score": lambda v: (
        _("no overlap above the minimum score (%(min)s) with any mentor") % {"min": v}
    ),
    "peer_below_min_score": lambda v: (
        _("no overlap above the minimum score (%(min)s) with any peer") % {"min": v}
    ),
    "group_below_min_score": lambda v: (
        _("no overlap above the minimum score (%(min)s) with any group mentor") % {"min": v}
    ),
    "capacity_full": lambda v: (
        _("capacity exhausted: every mentor who fits is full (best fit %(fit)s)") % {"fit": v}
    ),
    "peer_odd_one_out": lambda v: (
        _("odd one out: every peer who fits them is paired (best fit %(fit)s)") % {"fit": v}
    ),
    "peer_outbid": lambda v: _("the peers who fit them fit others better (best fit %(fit)s)") % {"fit": v},
    "group_full": lambda v: (
        _("every group that fits them is full or too small to open (best fit %(fit)s)") % {"fit": v}
    ),
}
# The same reasons without the person's own figure: how people left out for one reason are grouped.
_GROUPED: dict[str, Callable[[], str]] = {
    "below_min_score": lambda: _("no overlap above the minimum score with any mentor"),
    "peer_below_min_score": lambda: _("no overlap above the minimum score with any peer"),
    "group_below_min_score": lambda: _("no overlap above the minimum score with any group mentor"),
    "capacity_full": lambda: _("capacity exhausted: every mentor who fits is full"),
    "peer_odd_one_out": lambda: _("odd one out: every peer who fits them is paired"),
    "peer_outbid": lambda: _("the peers who fit them fit others better"),
    "group_full": lambda: _("every group that fits them is full or too small to open"),
}


def reason_text(reason: ReasonData, names: Mapping[str, str] | None = None, *, figures: bool = True) -> str:
    """One reason in the reader's language (``names``: people by profile id; ``figures=False`` drops
    each person's own figure, for reasons shown once for many people)."""
    code = reason["code"]
    if code in _FIXED:
        return _FIXED[code]()
    if code in _LISTED:
        return _LISTED[code](reason)
    if code == "group_too_small":
        size = int(reason["value"] or 0)
        return _("no group mentor who fits them can lead a group of %(size)d or more") % {"size": size}
    if not figures and code in _GROUPED:
        return _GROUPED[code]()
    if code in _FIGURES:
        return _FIGURES[code](_number(reason["value"], "0.###" if code.endswith("min_score") else "0.00"))
    if code == "peer_offers":
        return _peer_offers(reason, names or {})
    return "; ".join(reason["items"]) or code


def reasons_text(
    stored: Any, names: Mapping[str, str] | None = None, *, figures: bool = True, private: bool = False
) -> list[str]:
    """Stored reasons (any form) in the reader's language, one string each (``private``: coordinators)."""
    return [reason_text(reason, names, figures=figures) for reason in read_reasons(stored, private=private)]
