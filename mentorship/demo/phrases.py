"""English fragments for each topic: what people do (gerunds), what they seek and what they have done."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class TopicText:
    """Ways to name a topic's work in a sentence, plus one goal detail and one experience detail."""

    doing: tuple[str, ...]
    seek: str
    offer: str
    # How someone who offers a personal skill names it, when "doing" only fits someone who seeks it.
    helping: tuple[str, ...] = ()


# Placeholders: {city}, {wiki} (the person's home Wikipedia with its article, e.g. "the Yoruba Wikipedia")
# and {language} (their first language).
TOPIC_TEXT: dict[str, TopicText] = {
    "article-writing": TopicText(
        ("writing well-sourced articles from scratch", "turning stubs into complete articles"),
        "Most of what I have written on {wiki} is still a stub, and I never quite know when an article "
        "is done.",
        "Several of the articles I wrote on {wiki} have been featured on the main page.",
    ),
    "copyediting": TopicText(
        ("copy editing long articles", "cleaning up the prose of machine-translated articles"),
        "I notice awkward sentences everywhere but I am slow at fixing them without changing the meaning.",
        "I keep a list of style problems I see often on {wiki} and share it with new editors.",
    ),
    "sourcing": TopicText(
        ("finding reliable sources", "citing sources properly, including offline ones"),
        "Many topics from {city} are covered mostly in local newspapers and oral history, and I am "
        "unsure what counts as reliable.",
        "I helped write the reliable-sources guide on {wiki}, including a section on local newspapers.",
    ),
    "translation": TopicText(
        ("translating articles into {language}", "using Content Translation well"),
        "I would like to translate important health and history articles into {language} without losing "
        "quality.",
        "I have translated well over a hundred articles into {language}, mostly on health and history.",
    ),
    "wikidata-editing": TopicText(
        ("modelling data on Wikidata", "adding structured data about {city} to Wikidata"),
        "I add items to Wikidata by hand but do not yet understand how to model things like historic "
        "buildings.",
        "I maintain the Wikidata items for the schools and heritage sites around {city}.",
    ),
    "commons-media": TopicText(
        ("uploading and categorising photos on Commons", "documenting places with photographs"),
        "I take a lot of photos of {city} but I get lost in Commons categories and licensing questions.",
        "I have uploaded several thousand photos of {city} to Commons and know the licensing rules well.",
    ),
    "patrolling": TopicText(
        ("patrolling recent changes", "dealing with vandalism without scaring off newcomers"),
        "I have started patrolling recent changes and want to tell vandalism apart from honest beginner "
        "mistakes.",
        "I patrol recent changes on {wiki} most evenings and have trained a few new patrollers.",
    ),
    "neutral-point-of-view": TopicText(
        ("writing neutrally about contested topics", "keeping articles balanced"),
        "I often edit articles on local politics and want to keep them neutral when emotions run high.",
        "I have worked for years on contested political articles on {wiki} and keep them balanced.",
    ),
    "content-gaps": TopicText(
        ("closing the gender gap in biographies", "filling content gaps about {city}"),
        "Very few women from {city} have articles, and I want a sustainable plan to change that.",
        "Our group added more than two hundred biographies of women from {city} in two years.",
    ),
    "minority-languages": TopicText(
        ("growing a small-language Wikipedia", "building a community for {language}"),
        "Only a handful of people write in {language}, and I want to grow that community.",
        "I have helped grow the {language} community from a handful of editors to a small, steady team.",
    ),
    "newcomer-onboarding": TopicText(
        ("welcoming newcomers", "helping new editors through their first month"),
        "New editors in {city} often give up after their first revert, and I want to support them better.",
        "I run a welcome desk for new editors on {wiki} and answer their questions every week.",
    ),
    "volunteer-retention": TopicText(
        ("keeping volunteers engaged after their first event", "building habits that keep volunteers active"),
        "Most people who come to our events never edit again, and I want to learn how to keep them "
        "coming back.",
        "I set up monthly follow-up meetups that kept about half of our workshop participants editing.",
    ),
    "user-groups": TopicText(
        ("starting and growing a user group", "turning an informal meetup into a recognised user group"),
        "A few of us in {city} meet informally, and we would like to become a recognised user group.",
        "I co-founded the {city} user group and took it through recognition and its first two years.",
    ),
    "glam": TopicText(
        ("building partnerships with museums, libraries and archives", "running GLAM projects"),
        "The national archive in {city} is interested in working with us, but I have never led a GLAM "
        "project.",
        "I coordinated a partnership with a museum in {city} that released thousands of images on Commons.",
    ),
    "education": TopicText(
        ("running Wikipedia assignments with universities", "working with teachers and students"),
        "A lecturer at my university wants her students to write Wikipedia articles and asked me to help.",
        "I have supported university courses in {city} where students write and improve articles for credit.",
    ),
    "communications": TopicText(
        ("communicating our work on social media", "writing newsletters and blog posts"),
        "Our community does great work in {city} but almost nobody outside it knows, and I want to fix that.",
        "I run our user group's social media accounts and monthly newsletter.",
    ),
    "campaigns": TopicText(
        ("running online writing contests", "organising campaigns like Wiki Loves Monuments"),
        "I want to run our first national round of Wiki Loves Monuments next year.",
        "I have coordinated the local round of Wiki Loves Africa and several online writing contests.",
    ),
    "measuring-impact": TopicText(
        ("measuring the impact of our programs", "reporting outcomes that mean something"),
        "We count participants and articles, but I want to measure whether our programs really make a "
        "difference.",
        "I designed the metrics our affiliate uses to report on its programs each year.",
    ),
    "editathons": TopicText(
        ("running edit-a-thons", "planning edit-a-thons with local partners"),
        "I organise a monthly edit-a-thon in {city} and want to make it more welcoming for first-timers.",
        "I have run more than twenty edit-a-thons in {city}, from small library evenings to weekend events.",
    ),
    "workshops": TopicText(
        ("running training workshops", "teaching people to edit in a single afternoon"),
        "I will run my first workshop for teachers soon and want it to be more than a slide show.",
        "I have given editing workshops to students, librarians and journalists across the region.",
    ),
    "conferences": TopicText(
        ("organising regional conferences", "putting together a conference program"),
        "Our community will host a regional conference next year and I am on the organising team for the "
        "first time.",
        "I was on the core organising team of a regional Wikimedia conference with more than two hundred "
        "people.",
    ),
    "photo-walks": TopicText(
        ("organising photo walks", "running photo walks around heritage sites"),
        "I would like to start regular photo walks around {city}'s old neighbourhoods.",
        "I have led photo walks in {city} for several years and know how to handle permissions at "
        "heritage sites.",
    ),
    "online-events": TopicText(
        ("running online and hybrid events", "keeping online participants engaged"),
        "Our members live far apart, so I want our online events to feel as lively as meeting in person.",
        "During the pandemic I moved our whole events program online and have run hybrid meetups since.",
    ),
    "event-logistics": TopicText(
        ("handling event logistics", "managing venues, travel and visas for events"),
        "I always underestimate the work of venues, catering and travel, and want a better way to plan "
        "events.",
        "I have handled venues, visas and travel for several international events.",
    ),
    "hackathons": TopicText(
        ("organising hackathons", "mentoring first-time hackathon participants"),
        "I would like to organise a small hackathon in {city} for developers who are new to Wikimedia.",
        "I have co-organised local hackathons and mentored first-time participants at the Wikimedia "
        "Hackathon.",
    ),
    "bots": TopicText(
        ("writing bots with Pywikibot", "automating repetitive maintenance work"),
        "I do a lot of repetitive maintenance by hand on {wiki} and want to learn to write a bot for it.",
        "I run two approved bots on {wiki} that fix common formatting problems.",
    ),
    "lua-modules": TopicText(
        ("writing Lua modules", "maintaining infobox templates"),
        "Many templates on {wiki} were copied from larger wikis and break often; I want to learn enough "
        "Lua to fix them.",
        "I maintain many of the Lua modules and infoboxes on {wiki}.",
    ),
    "wikidata-queries": TopicText(
        ("writing SPARQL queries for Wikidata", "building worklists from Wikidata queries"),
        "I want to use Wikidata queries to find missing articles, but SPARQL still confuses me.",
        "I write SPARQL queries to build worklists for our edit-a-thons and contests.",
    ),
    "tool-development": TopicText(
        ("building tools on Toolforge", "turning a script into a tool that others can use"),
        "I have a few scripts that help our community and would like to turn them into proper tools on "
        "Toolforge.",
        "I maintain a small tool on Toolforge that our community uses to track contest entries.",
    ),
    "gadgets": TopicText(
        ("writing gadgets and user scripts", "adapting gadgets for a smaller wiki"),
        "I keep wishing for small helpers while editing and want to learn to write my own user scripts.",
        "I have written several user scripts and maintain the gadgets on {wiki}.",
    ),
    "data-analysis": TopicText(
        ("analysing editing data", "using Quarry and pageview data to understand our community"),
        "I would like to use data to understand which of our activities bring in editors who stay.",
        "I regularly analyse editing and pageview data for our affiliate's reports.",
    ),
    "mediawiki-development": TopicText(
        ("contributing to MediaWiki", "getting patches reviewed and merged"),
        "I know PHP from work and would like to make my first contribution to MediaWiki.",
        "I have contributed patches to MediaWiki core and a few extensions.",
    ),
    "localisation": TopicText(
        ("localising the interface on translatewiki.net", "translating the software into {language}"),
        "Much of the interface in {language} is still untranslated, and I want to organise people to "
        "finish it.",
        "I am one of the most active translators of the interface into {language} on translatewiki.net.",
    ),
    "technical-documentation": TopicText(
        ("writing technical documentation", "writing help pages that beginners can follow"),
        "Our help pages are outdated and written for experts, and I want to rewrite them for beginners.",
        "I rewrote most of the help pages on {wiki} so that newcomers can follow them.",
    ),
    "policies": TopicText(
        ("understanding and drafting policies", "adapting policies to a smaller community"),
        "Many of our policies on {wiki} were written years ago, and I want to help update them for "
        "today's community.",
        "I drafted several of the current policies on {wiki} and know how they came about.",
    ),
    "consensus-building": TopicText(
        ("building consensus in community discussions", "closing long discussions fairly"),
        "Our community discussions often go in circles, and I want to learn how to help them reach a "
        "decision.",
        "I often summarise and close long community discussions on {wiki}.",
    ),
    "adminship": TopicText(
        ("doing administrator work", "using admin tools fairly and transparently"),
        "Some people have suggested that I run for administrator, and I want to understand what the role "
        "involves.",
        "I have been an administrator on {wiki} for several years.",
    ),
    "elections": TopicText(
        ("running community elections", "organising fair votes"),
        "I have been asked to help run our affiliate's board election and have never done this before.",
        "I have served as an election officer for community and affiliate elections.",
    ),
    "affiliate-governance": TopicText(
        ("serving on an affiliate board", "writing bylaws and running board meetings"),
        "I was elected to our chapter's board this year and I am still learning how a board should work.",
        "I have served two terms on our chapter's board, including one as chair.",
    ),
    "code-of-conduct": TopicText(
        ("applying the Universal Code of Conduct", "making our spaces safe for everyone"),
        "I want to make sure everyone feels safe at our events and know what to do when someone reports "
        "a problem.",
        "I have handled code of conduct reports at events and helped write our friendly space policy.",
    ),
    "strategic-planning": TopicText(
        ("leading strategic planning", "turning a long list of ideas into a realistic plan"),
        "Our group has many ideas and little focus, and I want to help write our first strategic plan.",
        "I led the strategic planning process for our affiliate, from community survey to final plan.",
    ),
    "budgets-reporting": TopicText(
        ("writing budgets and financial reports", "keeping track of grant spending"),
        "I am our group's new treasurer and want to keep the books in a way that makes reporting easy.",
        "I have managed budgets and written financial reports for several grant-funded projects.",
    ),
    "burnout-wellbeing": TopicText(
        ("avoiding burnout", "setting boundaries as a volunteer"),
        "Last year I said yes to everything and ended up exhausted, and I do not want that to happen again.",
        "After burning out myself a few years ago, I learned to set limits and now help others do the same.",
        helping=("helping volunteers avoid burnout", "supporting people who feel overwhelmed"),
    ),
    "mentoring": TopicText(
        ("mentoring new volunteers", "mentoring people who want to grow into leaders"),
        "More newcomers are asking me for guidance and I want to become a better mentor to them.",
        "I have mentored new editors and organisers informally for years and enjoy watching them grow.",
    ),
    "conflict-resolution": TopicText(
        ("handling conflict between volunteers", "mediating disputes"),
        "Two long-time members of our group no longer speak to each other, and I do not know how to help.",
        "I have mediated several disputes between editors and between affiliate members.",
    ),
    "diversity-equity-inclusion": TopicText(
        ("making our community more inclusive", "reaching people who are not yet represented"),
        "Our meetups are mostly young men from the capital, and I want more women and rural volunteers "
        "to take part.",
        "I have helped our affiliate reach women, rural communities and speakers of minority languages.",
    ),
    "delegation": TopicText(
        ("delegating tasks", "sharing responsibilities in a volunteer team"),
        "I end up doing most of the work in our group myself, and I want to learn to share responsibility.",
        "I learned to delegate when our group grew quickly, and now most projects have their own leads.",
    ),
    "giving-feedback": TopicText(
        ("giving honest, kind feedback", "asking for feedback and acting on it"),
        "I find it hard to tell volunteers when something is not working without discouraging them.",
        "I use the situation-behaviour-impact model to give feedback and have taught it in our community.",
        helping=("giving honest, kind feedback", "teaching the situation-behaviour-impact feedback model"),
    ),
    "public-speaking": TopicText(
        ("speaking in public", "presenting our work at conferences"),
        "I have been invited to speak at a conference and I get very nervous in front of an audience.",
        "I have presented our work at conferences, on local radio and at university events.",
    ),
    "grants-fundraising": TopicText(
        ("writing grant proposals", "fundraising beyond Wikimedia grants"),
        "I want to apply for our first grant, but I do not know how to write a realistic proposal and "
        "budget.",
        "I have written several successful grant proposals for our group, from small rapid grants to "
        "annual funding.",
    ),
    "partnerships": TopicText(
        ("building partnerships with other organisations", "keeping partners involved over time"),
        "Several organisations in {city} would like to work with us, and I want to build partnerships "
        "that last.",
        "I built our partnerships with universities, libraries and civil society groups in {city}.",
    ),
    "facilitation": TopicText(
        ("facilitating meetings", "running meetings where everyone gets to speak"),
        "Our meetings run long and the same few people do all the talking, and I want to facilitate them "
        "better.",
        "I facilitate our community calls and have run many workshops and planning sessions.",
    ),
    "handover": TopicText(
        ("handing over a role", "planning for succession"),
        "I have led our group for five years and want to hand over the role without everything falling "
        "apart.",
        "I have handed over two coordinating roles and know how much needs to be written down.",
        helping=("planning handovers so that knowledge is not lost",),
    ),
    "project-management": TopicText(
        ("managing projects", "keeping a volunteer project on schedule"),
        "Our projects usually start with energy and then stall, and I want to keep them moving to the end.",
        "I manage projects professionally and bring the same habits to our volunteer work.",
    ),
    "time-management": TopicText(
        ("managing my time", "choosing priorities when everything feels urgent"),
        "Between my job, my family and the wiki, I never seem to have time for the things that matter most.",
        "Balancing a full-time job with volunteering taught me to plan my time and say no when needed.",
        helping=("helping people set priorities",),
    ),
}
