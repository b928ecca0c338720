"""Sentence templates in English."""

from mentorship.demo.templates._base import Templates

ENGLISH = Templates(
    openers_new=(
        "I started editing {project} in {year} after a workshop in {city}.",
        "I am {job} in {city} and edit {project} in my free time.",
        "I joined the Wikimedia community in {city} only recently.",
        "I have been editing {project} since {year}, mostly on my own.",
        "I found the movement through a student club in {city} and have been hooked since {year}.",
    ),
    openers_experienced=(
        "I have been active on {project} since {year} and recently took on more organising work in {city}.",
        "I coordinate our volunteer group in {city}.",
        "I am {job} in {city} and have volunteered with Wikimedia for {years} years.",
        "Since {year} I have gone from editing {project} to leading activities in {city}.",
        "I recently became one of the coordinators of our community in {city}.",
    ),
    want_one=(
        "I want to get better at {a}.",
        "What I need most right now is practical help with {a}.",
        "My goal for the next six months is to become confident at {a}.",
        "I would like a mentor who has real experience with {a}.",
        "I am looking for someone to share their experience of {a}.",
    ),
    want_two=(
        "I want to get better at {a} and {b}.",
        "I would like help with {a}, and later with {b}.",
        "My main goals are {a} and, if there is time, {b}.",
        "I would love to learn from someone who is good at {a} and {b}.",
        "This year I want to focus on {a} and {b}.",
    ),
    want_also=(
        "I would also like to get better at {a}.",
        "I also want help with {a}.",
        "Later on I would like to work on {a} too.",
        "Another thing I want to work on is {a}.",
    ),
    why=(
        "Our community is growing and I want to be ready for it.",
        "I would like to make our group less dependent on a few people.",
        "I want to grow as a volunteer leader without losing the joy of editing.",
        "I think a few honest conversations with someone more experienced would help a lot.",
    ),
    kind_wish={
        "traditional": (
            "Regular one-to-one conversations would suit me best.",
            "I think a one-to-one mentor who can ask me good questions would help me most.",
        ),
        "group": (
            "I would enjoy learning in a small group with people facing the same questions.",
            "A group with other organisers would be great, since we could learn from each other.",
        ),
        "peer": (
            "I would also be happy to pair with a peer and swap what we each know.",
            "A peer at a similar stage would be ideal: we could learn from each other.",
        ),
    },
    background_new=(
        "I am still finding my way around {project}.",
        "I am fairly new: I made my first edit in {year}.",
        "I have been editing {project} on and off since {year}.",
        "So far I have mostly edited on my own, without much contact with other volunteers.",
        "I am {job} and started contributing to {project} in {year}.",
    ),
    background_experienced=(
        "I have been part of the community in {city} for a long time and have taken on many roles.",
        "Wikimedia has been my main volunteer commitment for many years.",
        "I have been editing {project} since {year}.",
        "I have volunteered with Wikimedia in {city} for {years} years.",
        "I am {job} by day and have been active on {project} since {year}.",
        "I joined the movement in {year} and have worn many hats since then.",
    ),
    done_one=(
        "Most of my volunteer time goes into {a}.",
        "People often ask me for help with {a}.",
        "I am most comfortable with {a}.",
        "I have become fairly good at {a}.",
    ),
    done_two=(
        "I have spent a lot of time {a} and {b}.",
        "I am most experienced in {a}, and I also enjoy {b}.",
        "Most of my volunteer time goes into {a} and {b}.",
        "I can help with {a} and with {b}.",
    ),
    mentor_style=(
        "As a mentor I prefer short, regular calls and shared notes.",
        "I like to ask questions more than give answers.",
        "I am patient with beginners and happy to share my own mistakes.",
        "I try to give feedback that is specific and kind.",
        "I have mentored a few people informally and would like to do it in a more structured way.",
    ),
    jobs=(
        "a secondary school teacher",
        "a librarian",
        "a software developer",
        "a nurse",
        "a history student",
        "a journalist",
        "a civil engineer",
        "a university lecturer",
        "an archivist",
        "a medical student",
        "a translator",
        "a retired schoolteacher",
        "a graphic designer",
        "a PhD student in linguistics",
        "a public servant",
        "a pharmacist",
        "an accountant",
    ),
)
