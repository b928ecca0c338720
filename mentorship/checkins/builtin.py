"""The agenda templates every install starts with, written for this product, and their seeding."""

from __future__ import annotations

from typing import Any

from sqlalchemy import select
from sqlalchemy.ext.asyncio import AsyncSession

from mentorship.models import CheckinTemplate, TemplateKind


def _s(key: str, title: str, prompt: str) -> dict[str, str]:
    return {"key": key, "title": title, "prompt": prompt}


BUILTIN_TEMPLATES: list[dict[str, Any]] = [
    {
        "key": "regular",
        "kind": TemplateKind.REGULAR,
        "title": "Regular check-in",
        "description": "The everyday one-on-one: short, honest, and about what matters this week.",
        "sections": [
            _s(
                "wins",
                "Wins since last time",
                "What went well, however small? Name one thing you are proud of.",
            ),
            _s(
                "challenges",
                "Challenges",
                "What got in the way or felt harder than it should? What is still open?",
            ),
            _s(
                "wellbeing",
                "A wellbeing moment",
                "How are you, really? Energy, workload, time off. Nothing here has to be fixed today.",
            ),
            _s("goals", "Progress on each goal", "One line per goal: where it stands and what moved it."),
            _s(
                "feedback",
                "Feedback both ways",
                "Each side offers one piece: the situation, the behaviour you saw, its impact. "
                "The listener asks questions and says thanks before answering.",
            ),
            _s("actions", "Action items", "Who does what, by when? Keep it to what you will really do."),
            _s("next", "Next date", "When do we meet again, and is the rhythm still right?"),
        ],
    },
    {
        "key": "first",
        "kind": TemplateKind.FIRST,
        "title": "First meeting",
        "description": "Getting to know each other and agreeing how you will work together.",
        "sections": [
            _s(
                "intro",
                "Who we are",
                "Where each of you comes from, what you do in the community, and why you joined.",
            ),
            _s(
                "expectations",
                "Expectations",
                "What does each side hope to get and to give? What would make this worth the time?",
            ),
            _s("goals", "Goals", "Two or three goals for the coming months, in your own words."),
            _s("cadence", "Cadence", "How often and how long do we meet, and where (call, chat, in person)?"),
            _s(
                "boundaries",
                "Boundaries",
                "What stays between us, what is off limits, how to say no, and how to reach each other "
                "(or a coordinator) if something goes wrong.",
            ),
            _s("actions", "Action items", "What each of you will do before the next meeting."),
        ],
    },
    {
        "key": "closing",
        "kind": TemplateKind.CLOSING,
        "title": "Closing meeting",
        "description": "Looking back on the relationship and deciding what comes next.",
        "sections": [
            _s(
                "changed",
                "What changed",
                "Compare with where you started: skills, confidence, roles, connections.",
            ),
            _s(
                "self-assessment",
                "Self-assessment again",
                "Take the self-assessment from your profile again and look at the before and after together.",
            ),
            _s("learned", "What we learned", "What each side learned, including the mentor."),
            _s("next", "What next", "Next steps, other people to meet, and whether to stay in touch."),
        ],
    },
    {
        "key": "topic-burnout",
        "kind": TemplateKind.TOPIC,
        "title": "Burnout and stress",
        "description": "For when volunteering starts to feel heavy.",
        "sections": [
            _s(
                "signs",
                "Noticing the signs",
                "Tiredness that rest does not fix, dread, pulling away: what do you notice?",
            ),
            _s(
                "causes",
                "Where the pressure comes from",
                "Unclear expectations, too much at once, too little support?",
            ),
            _s(
                "rest",
                "Rest and play",
                "What gives you energy back? Time away from screens, hobbies, people.",
            ),
            _s("support", "Who can help", "What could others take over? Who can you ask, and how?"),
            _s(
                "actions", "One small change", "One thing to stop, hand over or protect before we meet again."
            ),
        ],
    },
    {
        "key": "topic-dei",
        "kind": TemplateKind.TOPIC,
        "title": "Diversity, equity and inclusion in leadership",
        "description": "Who is present, who takes part in decisions, and who benefits.",
        "sections": [
            _s("presence", "Who is present", "Who shows up in your group today, and who is missing?"),
            _s("voice", "Who decides", "Who speaks and decides in meetings? Whose ideas get picked up?"),
            _s("barriers", "Barriers", "Language, time zones, cost, tone: what keeps people out or quiet?"),
            _s("words", "Our own words", "Which words fit your community? Say it plainly, in your language."),
            _s(
                "actions",
                "One barrier to remove",
                "One concrete change you will try, and how you will notice if it works.",
            ),
        ],
    },
    {
        "key": "topic-conflict",
        "kind": TemplateKind.TOPIC,
        "title": "Toxic or ineffective leadership and conflict",
        "description": "Working through a difficult situation with a leader, a team or yourself.",
        "sections": [
            _s(
                "situation",
                "What happened",
                "Describe the situation and the behaviour you saw, not the person.",
            ),
            _s(
                "feelings",
                "Actions and feelings",
                "Separate what was done from how it felt; disagreement from hostility.",
            ),
            _s(
                "mirror",
                "Looking in the mirror",
                "Which of these patterns might you show yourself, under pressure?",
            ),
            _s(
                "conversation",
                "Inviting a conversation",
                "Who could you talk to early, and how would you open it?",
            ),
            _s("plan", "A plan and a follow-up", "What will you try, and when will we look at it again?"),
        ],
    },
    {
        "key": "topic-self-assessment",
        "kind": TemplateKind.TOPIC,
        "title": "Self-assessment and continuous learning",
        "description": "Reflecting honestly and choosing what to learn next.",
        "sections": [
            _s(
                "moment",
                "Why now",
                "A milestone, hard feedback, a setback, a new role? What prompts this reflection?",
            ),
            _s("strengths", "Strengths", "What do you do well, and how do you know? What do others say?"),
            _s("growth", "Room to grow", "Where do you want to get better? Pick one or two areas."),
            _s(
                "learning",
                "How you will learn",
                "Reading, practice, a course, a peer, a journal: what fits your life?",
            ),
            _s("actions", "First step", "What will you do before the next meeting?"),
        ],
    },
    {
        "key": "topic-handover",
        "kind": TemplateKind.TOPIC,
        "title": "Passing on knowledge and delegation",
        "description": "Handing over a role or a task so that it keeps working without you.",
        "sections": [
            _s("what", "What only you know", "Which tasks, contacts and habits live only in your head?"),
            _s("who", "Who takes it on", "Who could take each piece, and what do they need to succeed?"),
            _s(
                "how", "How to pass it on", "Documentation, shadowing, a shared platform, a training session?"
            ),
            _s(
                "letting-go",
                "Letting go",
                "What will you stop checking? How will you support without taking back?",
            ),
            _s("actions", "Handover steps", "The next steps with an owner and a date."),
        ],
    },
]


async def ensure_builtin_templates(session: AsyncSession) -> int:
    """Add the built-in templates a database lacks (any version of the key counts); return how many."""
    existing = set((await session.execute(select(CheckinTemplate.key))).scalars())
    added = 0
    for spec in BUILTIN_TEMPLATES:
        if spec["key"] in existing:
            continue
        session.add(
            CheckinTemplate(
                key=spec["key"],
                version=1,
                title=spec["title"],
                kind=spec["kind"],
                description=spec["description"],
                sections=[dict(section) for section in spec["sections"]],
                built_in=True,
                current=True,
                retired=False,
            )
        )
        added += 1
    await session.flush()
    return added


async def seed_builtin_templates(config: Any) -> int:
    """Seed the built-in templates on their own session (db upgrade); return how many were added."""
    async with config.get_session() as session:
        added = await ensure_builtin_templates(session)
        await session.commit()
    await config.get_engine().dispose()
    return added
