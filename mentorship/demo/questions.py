"""The demo programs' enrolment questions and their members' answers, so a visitor sees them shape matches."""

from __future__ import annotations

import random
from dataclasses import dataclass
from uuid import uuid4

from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.demo.bulk import Row, insert_rows
from mentorship.models import (
    EnrolmentAnswer,
    EnrolmentQuestion,
    MatchingUse,
    MembershipStatus,
    QuestionKind,
    QuestionVisibility,
)


@dataclass(frozen=True)
class DemoQuestion:
    """One demo question; ``answered`` is the share of members who answered it."""

    prompt: str
    kind: QuestionKind
    choices: tuple[str, ...] = ()
    use: MatchingUse = MatchingUse.NONE
    weight: float = 1.0
    visibility: QuestionVisibility = QuestionVisibility.SHARED
    required: bool = False
    help_text: str = ""
    answered: float = 0.9


QUESTIONS: dict[str, tuple[DemoQuestion, ...]] = {
    "leadership-cohort-2027": (
        DemoQuestion(
            "Which team are you in?",
            QuestionKind.SINGLE_CHOICE,
            ("Outreach", "Events", "Education", "Technology"),
            MatchingUse.DIFFERENT,
            visibility=QuestionVisibility.PRIVATE,
            required=True,
            help_text="You will be matched with someone outside your own team.",
            answered=1.0,
        ),
        DemoQuestion(
            "What do you want to practise most?",
            QuestionKind.MULTIPLE_CHOICE,
            ("Giving feedback", "Running meetings", "Planning events", "Handing work over"),
            MatchingUse.PREFER,
            weight=1.5,
        ),
        DemoQuestion("What should your mentor know about you?", QuestionKind.SHORT_TEXT, answered=0.4),
    ),
    "newcomers": (
        DemoQuestion(
            "Which project do you edit most?",
            QuestionKind.SINGLE_CHOICE,
            ("Wikipedia", "Wikidata", "Wikimedia Commons", "Wiktionary"),
            MatchingUse.PREFER,
            weight=2.0,
        ),
        DemoQuestion(
            "How did you hear about us?",
            QuestionKind.SINGLE_CHOICE,
            ("An editathon", "A friend", "Social media", "Somewhere else"),
            visibility=QuestionVisibility.PRIVATE,
            answered=0.7,
        ),
    ),
    "peer-learning-circle": (
        DemoQuestion(
            "How confident are you with templates?",
            QuestionKind.SCALE,
            use=MatchingUse.PREFER,
            weight=1.0,
            help_text="1: never used one · 5: I write them",
        ),
        DemoQuestion(
            "Which skill do you want to learn together?",
            QuestionKind.SINGLE_CHOICE,
            ("Templates", "Lua modules", "Bots", "Data queries"),
            MatchingUse.SAME,
            answered=0.8,
        ),
    ),
}
NOTES = ("I am shy at first.", "I can meet on weekends only.", "I lead a local group of twelve.")


async def add_demo_questions(
    session: AsyncSession, slug: str, program_id: object, members: list[Row], rng: random.Random
) -> int:
    """Add a demo program's questions and plausible answers from its active members; how many answers."""
    written = 0
    for position, demo in enumerate(QUESTIONS.get(slug, ()), start=1):
        question = EnrolmentQuestion(
            program_id=program_id,
            position=position,
            prompt=demo.prompt,
            help_text=demo.help_text,
            kind=demo.kind,
            choices=list(demo.choices),
            required=demo.required,
            visibility=demo.visibility,
            use_in_matching=demo.use,
            weight=demo.weight,
        )
        session.add(question)
        await session.flush()
        answers = [
            {
                "id": uuid4(),
                "question_id": question.id,
                "profile_id": member["profile_id"],
                "value": _answer(demo, rng),
            }
            for member in members
            if member["status"] is MembershipStatus.ACTIVE and rng.random() <= demo.answered
        ]
        written += await insert_rows(session, EnrolmentAnswer, answers)
    return written


def _answer(demo: DemoQuestion, rng: random.Random) -> object:
    if demo.kind is QuestionKind.SCALE:
        return rng.choice((1, 2, 2, 3, 3, 3, 4, 4, 5))
    if demo.kind is QuestionKind.SHORT_TEXT:
        return rng.choice(NOTES)
    if demo.kind is QuestionKind.MULTIPLE_CHOICE:
        picked = set(rng.sample(demo.choices, rng.randint(1, 2)))
        return [c for c in demo.choices if c in picked]
    # The first choices are the commonest, as in a real community.
    return rng.choices(demo.choices, weights=range(len(demo.choices) + 1, 1, -1))[0]
