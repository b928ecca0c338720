"""Text-model benchmark (issue 16): `python -m bench.text_model [--quick] [--seed N]`.

On a seeded community writing in eight languages and five scripts with no topic tags
(:mod:`matching.synthetic.multilingual`), it fits :class:`matching.MentorMatcher`, matches,
and prints per language how many matched mentees got a mentor on their planted theme,
against the capacity ceiling and a random assignment; then the share of the words that
reasons name which are function words of the pair's languages (stop lists of the
``stopwordsiso`` package, a dev dependency: the engine never imports it), and twenty
sample reasons. Last, the English planted-topic accuracy on the existing synthetic
community (:func:`matching.synthetic.synthetic_community`), which no other benchmark reports.
"""

from __future__ import annotations

import argparse
import time
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache

import numpy as np
import numpy.typing as npt
import pandas as pd
import scipy.sparse as sp
import stopwordsiso
from scipy.sparse.csgraph import maximum_flow

from matching import COLUMNS, MentorMatcher, sentence
from matching.synthetic import synthetic_community
from matching.synthetic.multilingual import LANGUAGES, THEMES, multilingual_community

TARGET_OF_CEILING = 0.9
TARGET_FUNCTION_WORDS = 0.02
#: Parts of a reason that name words from what people wrote (or topic labels).
WORD_PARTS = ("shared topics:", "goals meet experience in:", "shared goals:", "common goals:")
BoolMatrix = npt.NDArray[np.bool_]


@lru_cache(maxsize=64)
def function_words(language: str) -> frozenset[str]:
    """The stop words of ``language`` (ISO 639-1) in ``stopwordsiso``, lower-case; empty if unknown."""
    return frozenset(w.lower() for w in stopwordsiso.stopwords(language)) if language else frozenset()


def function_word_share(words: Iterable[str], language: str | Iterable[str]) -> float:
    """Share of ``words`` that are function words of ``language`` (or of any of several).

    Comparison is case-insensitive on whole words; ``0.0`` when there are no words.
    """
    codes = [language] if isinstance(language, str) else list(language)
    stop = frozenset().union(*(function_words(c) for c in codes))
    items = [w.strip().lower() for w in words if w.strip()]
    return sum(w in stop for w in items) / len(items) if items else 0.0


def named_words(reason: str) -> list[str]:
    """The words or topic labels a reason names, e.g. ``['les', 'je', 'et']`` from
    ``goals meet experience in: les, je and et; both speak fr``."""
    words: list[str] = []
    for part in reason.split("; "):
        for lead in WORD_PARTS:
            if part.startswith(lead):
                listed = part[len(lead) :].strip()
                head, _, last = listed.rpartition(" and ")
                words += [w for w in (*head.split(", "), last) if w] if head else [listed]
    return [w.strip() for w in words if w.strip()]


@dataclass
class Community:
    """The generated community split into what the engine sees and what only the benchmark knows."""

    frame: pd.DataFrame
    mentees: npt.NDArray[np.intp]
    mentors: npt.NDArray[np.intp]
    speaks: BoolMatrix  # mentee x mentor: a shared language
    on_theme: BoolMatrix  # mentee x mentor: the mentor has the mentee's theme
    capacity: npt.NDArray[np.int64]


def build(n_mentees: int, seed: int) -> Community:
    frame = multilingual_community(n_mentees, seed=seed)
    mentees = np.flatnonzero(frame["role"].to_numpy() == "mentee")
    mentors = np.flatnonzero(frame["role"].to_numpy() == "mentor")
    codes = sorted(LANGUAGES)
    langs = np.array([[c in v.split(";") for c in codes] for v in frame["languages"]])
    themes = np.array([[t in v.split(";") for t in THEMES] for v in frame["themes"]])
    as_int = (langs.astype(np.int32), themes.astype(np.int32))
    return Community(
        frame=frame,
        mentees=mentees,
        mentors=mentors,
        speaks=(as_int[0][mentees] @ as_int[0][mentors].T) > 0,
        on_theme=(as_int[1][mentees] @ as_int[1][mentors].T) > 0,
        capacity=frame["capacity"].iloc[mentors].astype(int).to_numpy(),
    )


def on_theme_flow(community: Community, which: npt.NDArray[np.bool_]) -> int:
    """Most of the ``which`` mentees that can have a mentor on their theme sharing a language at once."""
    edges = community.speaks & community.on_theme
    n, m = edges.shape
    source, sink = 0, n + m + 1
    rows, cols = np.nonzero(edges & which[:, None])
    tail = np.concatenate([np.zeros(int(which.sum()), dtype=np.int64), rows + 1, np.arange(m) + n + 1])
    head = np.concatenate([np.flatnonzero(which) + 1, cols + n + 1, np.full(m, sink)])
    caps = np.concatenate([np.ones(int(which.sum()) + len(rows)), community.capacity]).astype(np.int32)
    graph = sp.csr_matrix((caps, (tail, head)), shape=(sink + 1, sink + 1))
    return int(maximum_flow(graph, source, sink).flow_value)


def random_share(community: Community, which: npt.NDArray[np.bool_]) -> float:
    """Expected on-theme share when each mentee takes a random seat among mentors sharing a language."""
    seats = community.speaks[which] * community.capacity
    on = (seats * community.on_theme[which]).sum(axis=1)
    total = seats.sum(axis=1)
    return float(np.mean(on[total > 0] / total[total > 0]))


def bench_community(n_mentees: int, seed: int) -> None:
    community = build(n_mentees, seed)
    frame = community.frame
    started = time.perf_counter()
    result = MentorMatcher().fit(frame[list(COLUMNS)]).match()
    seconds = time.perf_counter() - started
    position = {int(row): k for k, row in enumerate(community.mentees)}
    mentor_at = {int(row): k for k, row in enumerate(community.mentors)}
    pairs = [
        (position[int(a)], mentor_at[int(b)])
        for a, b in zip(result.member_rows, result.mentor_rows, strict=True)
    ]
    matched = np.zeros(len(community.mentees), dtype=bool)
    themed = np.zeros(len(community.mentees), dtype=bool)
    for i, j in pairs:
        matched[i], themed[i] = True, bool(community.on_theme[i, j])
    language = frame["language"].to_numpy()[community.mentees]
    print(
        f"\n== {len(community.mentees):,} mentees + {len(community.mentors):,} mentors, 8 languages, "
        f"5 scripts, {len(THEMES)} themes, no topic tags (seed {seed}); fit + match {seconds:.1f} s"
    )
    print(
        "  on theme: share of the matched mentees whose mentor has their planted theme.\n"
        "  ceiling: at most min(F, matched) of them can be, where F is the maximum flow of this\n"
        "  language's mentees to mentors on their theme who share a language, every mentor's\n"
        "  capacity open to them (an upper bound per language); of/ceil: on theme / ceiling,\n"
        f"  target >= {TARGET_OF_CEILING}. random: a random seat among mentors sharing a language."
    )
    print(
        f"  {'lang':<6}{'script':<12}{'mentees':>8}{'matched':>9}{'on theme':>10}"
        f"{'ceiling':>9}{'of/ceil':>9}{'random':>8}"
    )
    for code, lang in LANGUAGES.items():
        which = language == code
        done = int((matched & which).sum())
        flow = on_theme_flow(community, which)
        ceiling = min(flow, done) / done if done else 0.0
        share = (themed & which).sum() / done if done else 0.0
        ratio = share / ceiling if ceiling else 0.0
        print(
            f"  {code:<6}{lang.script:<12}{int(which.sum()):>8}{done / which.sum():>9.1%}{share:>10.1%}"
            f"{ceiling:>9.1%}{ratio:>9.2f}{random_share(community, which):>8.1%}  "
            + ("PASS" if ratio >= TARGET_OF_CEILING else "MISS")
        )
    everyone = np.ones(len(community.mentees), dtype=bool)
    flow = on_theme_flow(community, everyone)
    print(
        f"  {'all':<18}{len(everyone):>8}{matched.mean():>9.1%}{themed.sum() / matched.sum():>10.1%}"
        f"{min(flow, matched.sum()) / matched.sum():>9.1%}{themed.sum() / min(flow, matched.sum()):>9.2f}"
        f"{random_share(community, everyone):>8.1%}  (ceiling here: one joint flow, achievable)"
    )
    words = [sentence(unit.reasons) for unit in result.units]
    report_reasons(community, result.member_rows, result.mentor_rows, words, seed)


def report_reasons(
    community: Community,
    mentee_rows: npt.NDArray[np.int64],
    mentor_rows: npt.NDArray[np.int64],
    reasons: list[str],
    seed: int,
) -> None:
    frame = community.frame
    language = frame["language"].to_numpy()
    counts: dict[str, list[int]] = {code: [0, 0, 0] for code in LANGUAGES}  # reasons, words, function words
    flagged: dict[str, Counter[str]] = {code: Counter() for code in LANGUAGES}
    for a, b, reason in zip(mentee_rows, mentor_rows, reasons, strict=True):
        code, stops = language[a], function_words(language[a]) | function_words(language[b])
        named = [w.lower() for w in named_words(reason)]
        counts[code][0] += 1
        counts[code][1] += len(named)
        counts[code][2] += sum(w in stops for w in named)
        flagged[code].update(w for w in named if w in stops)
    print(
        "\n  function words among the words reasons name (stopwordsiso lists of the mentee's and the\n"
        f"  mentor's languages; target < {TARGET_FUNCTION_WORDS:.0%}):"
    )
    for code, (n, words, stop) in counts.items():
        share = stop / words if words else 0.0
        common = ", ".join(w for w, _ in flagged[code].most_common(5))
        print(
            f"  {code:<6}{words / max(n, 1):>5.2f} words per reason, {share:>6.1%} function words  "
            + (("PASS" if share < TARGET_FUNCTION_WORDS else "MISS") if words else "n/a: no word named")
            + (f"  (most: {common})" if common else "")
        )
    words, stop = sum(c[1] for c in counts.values()), sum(c[2] for c in counts.values())
    share = stop / words if words else 0.0
    verdict = "PASS" if share < TARGET_FUNCTION_WORDS else "MISS"
    print(
        f"  {'all':<6}{words / max(len(reasons), 1):>5.2f} words per reason, "
        f"{share:>6.1%} function words  {verdict}"
    )
    sample_reasons(community, mentee_rows, mentor_rows, reasons, seed)


def sample_reasons(
    community: Community,
    mentee_rows: npt.NDArray[np.int64],
    mentor_rows: npt.NDArray[np.int64],
    reasons: list[str],
    seed: int,
) -> None:
    frame, rng = community.frame, np.random.default_rng(seed)
    language, themes = frame["language"].to_numpy(), frame["themes"].to_numpy()
    print("\n  twenty reasons (mentee's language -> mentor's; mentee's theme; does the mentor have it):")
    for k, code in enumerate(LANGUAGES):
        mine = np.flatnonzero(language[mentee_rows] == code)
        for pick in rng.choice(mine, size=min(len(mine), 3 if k < 4 else 2), replace=False):
            a, b = mentee_rows[pick], mentor_rows[pick]
            has = "yes" if themes[a] in themes[b].split(";") else "no"
            print(f"  [{code}->{language[b]}, {themes[a]}, {has}] {reasons[pick]}")


def bench_english(n_mentees: int, seed: int) -> None:
    """Planted-field accuracy on the existing English-first synthetic community (tags and text)."""
    frame = synthetic_community(n_mentees, seed=seed)
    result = MentorMatcher().fit(frame[list(COLUMNS)]).match()
    field = frame["field"].to_numpy()
    same = field[result.member_rows] == field[result.mentor_rows]
    print(
        f"\n== English planted-topic accuracy: synthetic_community({n_mentees:,}, seed={seed}), "
        "topic tags and\n  text as bench.matching uses them (no other benchmark reports an accuracy):"
        " of the matched\n"
        f"  mentees, {same.mean():.1%} have a mentor whose main field is theirs "
        f"({len(same):,} matched, {len(set(field))} fields)"
    )


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(prog="python -m bench.text_model", description=__doc__)
    parser.add_argument(
        "--quick", action="store_true", help="800 mentees + 200 mentors instead of 4,000 + 1,000"
    )
    parser.add_argument("--seed", type=int, default=1)
    args = parser.parse_args(argv)
    size = 800 if args.quick else 4_000
    print("Text-model benchmark (issue 16): planted themes found by the text alone, per language.")
    bench_community(size, args.seed)
    bench_english(size, args.seed)


if __name__ == "__main__":
    main()
