"""A seeded synthetic community in the participants-table contract, for benchmarks and tests."""

from __future__ import annotations

import numpy as np
import pandas as pd

FIELDS: dict[str, tuple[list[str], list[str]]] = {
    "web": (
        ["JavaScript", "react", "CSS", "html", "TypeScript", "web performance", "accessibility", "nodejs"],
        ["frontend", "browser", "components", "layout", "responsive", "spa", "bundler", "dom", "webpage"],
    ),
    "data": (
        ["python", "pandas", "statistics", "data visualisation", "sql", "machine learning", "notebooks"],
        ["datasets", "analysis", "dashboards", "regression", "insights", "charts", "etl", "warehouse"],
    ),
    "ml": (
        ["machine learning", "deep learning", "pytorch", "nlp", "computer vision", "ML ops", "python"],
        ["models", "training", "neural", "embeddings", "gpu", "inference", "transformers", "evaluation"],
    ),
    "ops": (
        ["dev ops", "kubernetes", "docker", "ci/cd", "linux", "terraform", "monitoring", "cloud"],
        ["infrastructure", "deployment", "clusters", "pipelines", "uptime", "servers", "incidents", "oncall"],
    ),
    "security": (
        ["security", "cryptography", "threat modelling", "penetration testing", "privacy", "linux"],
        ["vulnerabilities", "audits", "exploits", "hardening", "encryption", "compliance", "attacks"],
    ),
    "mobile": (
        ["android", "ios", "kotlin", "swift", "flutter", "mobile ux"],
        ["apps", "phones", "store", "offline", "notifications", "tablets", "gestures", "battery"],
    ),
    "design": (
        ["UX", "ui", "figma", "design systems", "user research", "accessibility", "typography"],
        ["prototypes", "wireframes", "usability", "interviews", "personas", "visual", "interaction"],
    ),
    "docs": (
        ["documentation", "technical writing", "docs", "translation", "localization", "markdown"],
        ["guides", "tutorials", "readers", "manuals", "style", "editing", "clarity", "examples"],
    ),
    "community": (
        ["community management", "public speaking", "event organising", "governance", "fundraising"],
        ["volunteers", "meetups", "conferences", "newcomers", "moderation", "events", "outreach", "grants"],
    ),
    "backend": (
        ["go", "rust", "java", "databases", "postgresql", "api design", "distributed systems"],
        ["services", "latency", "queues", "schemas", "transactions", "scaling", "caching", "endpoints"],
    ),
    "systems": (
        ["c", "c++", "rust", "embedded", "operating systems", "compilers"],
        ["kernel", "memory", "drivers", "firmware", "microcontrollers", "performance", "toolchains"],
    ),
    "product": (
        ["product management", "roadmapping", "agile", "leadership", "career growth"],
        ["stakeholders", "priorities", "planning", "strategy", "customers", "metrics", "delivery"],
    ),
    "research": (
        ["scientific computing", "python", "julia", "reproducibility", "statistics", "hpc"],
        ["papers", "experiments", "simulations", "laboratory", "thesis", "academia", "citations"],
    ),
    "games": (
        ["game development", "unity", "godot", "c#", "3d graphics", "shaders"],
        ["levels", "players", "engines", "rendering", "physics", "gameplay", "animation", "sprites"],
    ),
    "testing": (
        ["testing", "test automation", "quality assurance", "pytest", "selenium", "fuzzing"],
        ["bugs", "regressions", "coverage", "flaky", "reliability", "releases", "suites"],
    ),
    "career": (
        ["career growth", "leadership", "speaking", "negotiation", "open source", "interviewing"],
        ["promotion", "confidence", "networking", "resume", "salary", "mentoring", "burnout", "balance"],
    ),
}
GENERIC = [
    "want",
    "learn",
    "grow",
    "improve",
    "understand",
    "contribute",
    "build",
    "project",
    "team",
    "skills",
    "confidence",
    "first",
    "open",
    "source",
    "community",
    "help",
    "experience",
    "work",
    "better",
    "practice",
    "feedback",
    "review",
    "code",
    "career",
    "people",
    "new",
    "years",
    "ideas",
    "goals",
    "time",
    "projects",
    "together",
    "share",
    "knowledge",
    "maintainers",
    "contributors",
    "journey",
    "focus",
    "step",
    "hope",
    "beginner",
    "advanced",
    "junior",
    "senior",
    "lead",
    "role",
    "company",
    "startup",
    "university",
    "student",
    "volunteer",
    "hobby",
    "weekend",
    "habits",
    "workflow",
    "tools",
    "process",
    "quality",
    "design",
    "architecture",
    "patterns",
    "debugging",
    "reading",
    "writing",
    "teaching",
    "questions",
    "answers",
    "problems",
    "solutions",
    "challenges",
    "mistakes",
    "lessons",
    "growth",
    "path",
    "transition",
    "switch",
    "industry",
    "background",
    "degree",
    "bootcamp",
    "selftaught",
    "remote",
    "hybrid",
    "office",
    "colleagues",
    "manager",
    "friends",
    "family",
    "support",
    "motivation",
    "discipline",
    "consistency",
    "productivity",
    "priorities",
    "deadlines",
    "stress",
    "impostor",
    "syndrome",
    "courage",
    "curiosity",
    "patience",
    "empathy",
    "communication",
    "collaboration",
    "ownership",
    "responsibility",
    "trust",
    "respect",
    "documentation",
    "issues",
    "pull",
    "requests",
    "releases",
    "roadmap",
    "vision",
    "strategy",
    "decisions",
    "tradeoffs",
    "constraints",
    "users",
    "customers",
    "stakeholders",
    "feedback",
    "research",
    "evidence",
    "data",
    "measurement",
    "progress",
    "milestones",
    "portfolio",
    "interview",
    "hiring",
    "promotion",
    "compensation",
    "visibility",
    "recognition",
    "network",
    "conference",
    "talk",
    "blog",
    "newsletter",
    "podcast",
    "video",
    "course",
    "book",
    "exercises",
    "katas",
    "side",
    "organisation",
    "nonprofit",
    "foundation",
    "grant",
    "sponsorship",
    "license",
    "governance",
    "code_of_conduct",
    "inclusion",
    "diversity",
    "accessibility",
    "localisation",
    "translation",
    "region",
    "country",
    "city",
    "language",
    "culture",
    "timezone",
    "schedule",
    "weekly",
    "monthly",
    "pairing",
    "sessions",
    "calls",
    "chat",
    "async",
]
_ZIPF = 1 / np.arange(1, len(GENERIC) + 1) ** 0.8
_ZIPF /= _ZIPF.sum()
LANGUAGES = ["en", "de", "es", "fr", "pt", "hi", "ja", "zh", "ru", "ar", "id", "sw"]
TIMEZONES = [
    "Europe/Berlin", "Europe/London", "America/New_York", "America/Los_Angeles", "America/Sao_Paulo",
    "Asia/Kolkata", "+05:30", "Asia/Tokyo", "Asia/Shanghai", "Africa/Nairobi", "Australia/Sydney",
    "Europe/Madrid", "America/Mexico_City", "Asia/Jakarta", "Africa/Lagos", "-03:00", "UTC",
]  # fmt: skip
FIRST = [
    "Ada",
    "Alan",
    "Amara",
    "Bea",
    "Chen",
    "Dara",
    "Emil",
    "Femi",
    "Gita",
    "Hana",
    "Ivan",
    "Jin",
    "Kofi",
    "Lena",
    "Mia",
    "Noor",
    "Omar",
    "Pia",
    "Ravi",
    "Sara",
    "Tomas",
    "Uma",
]
LAST = [
    "Okafor",
    "Schmidt",
    "Garcia",
    "Tanaka",
    "Silva",
    "Novak",
    "Haddad",
    "Kumar",
    "Li",
    "Moreau",
    "Kowalski",
    "Nakamura",
    "Adeyemi",
    "Rossi",
    "Park",
]


def _person(rng: np.random.Generator, fields: list[str], mentor: bool) -> tuple[str, str, str]:
    primary = fields[rng.integers(len(fields))]
    second = fields[rng.integers(len(fields))] if rng.random() < 0.35 else primary
    tags: list[str] = []
    for field, count in ((primary, rng.integers(2, 6 if mentor else 4)), (second, rng.integers(0, 3))):
        topics = FIELDS[field][0]
        tags.extend(
            topics[k] for k in rng.choice(len(topics), size=min(int(count), len(topics)), replace=False)
        )
    words = list(rng.choice(FIELDS[primary][1], size=int(rng.integers(2, 6))))
    words += list(rng.choice(FIELDS[second][1], size=int(rng.integers(0, 3))))
    words += list(rng.choice(GENERIC, size=int(rng.integers(8, 24)), p=_ZIPF))
    words += [t.lower() for t in rng.choice(tags, size=min(2, len(tags)), replace=False)]
    rng.shuffle(words)
    lead = "I have worked on" if mentor else "I want to learn"
    return ";".join(dict.fromkeys(tags)), f"{lead} {' '.join(words)}.", primary


def synthetic_community(n_mentees: int, *, ratio: int = 4, seed: int = 0) -> pd.DataFrame:
    """Generate a community in the participants-table contract.

    Mentees seek topics of one or two fields and write goals; mentors offer topics and
    describe their experience. About 85% speak English, many a second language, a few
    only another language; time zones span the globe; mentor capacities are 1 to 5.

    Parameters
    ----------
    n_mentees : int
        Number of mentees.
    ratio : int, default=4
        Mentees per mentor.
    seed : int, default=0
        Same seed, same community.

    Returns
    -------
    pandas.DataFrame
        Columns ``id, name, role, kinds, goals, experience, offers, seeks, languages,
        timezone, capacity, field`` (the last is an extra attribute), all strings.
    """
    rng = np.random.default_rng(seed)
    n_mentors = max(1, n_mentees // ratio)
    fields = list(FIELDS)
    rows = []
    for k in range(n_mentees + n_mentors):
        mentor = k >= n_mentees
        tags, text, field = _person(rng, fields, mentor)
        langs = ["en"] if rng.random() < 0.85 else []
        if not langs or rng.random() < 0.3:
            langs.append(LANGUAGES[1 + rng.integers(len(LANGUAGES) - 1)])
        rows.append(
            {
                "id": f"{'r' if mentor else 'e'}{k:07d}",
                "name": f"{FIRST[rng.integers(len(FIRST))]} {LAST[rng.integers(len(LAST))]}",
                "role": "mentor" if mentor else "mentee",
                "kinds": "traditional",
                "goals": "" if mentor else text,
                "experience": text if mentor else "",
                "offers": tags if mentor else "",
                "seeks": "" if mentor else tags,
                "languages": ";".join(langs),
                "timezone": TIMEZONES[rng.integers(len(TIMEZONES))] if rng.random() < 0.95 else "",
                "capacity": str(rng.integers(1, 6)) if mentor else "",
                "field": field,
            }
        )
    return pd.DataFrame(rows)
