"""Seed topics with translated labels and aliases, and helpers that map free entry to a slug."""

from __future__ import annotations

import unicodedata
from collections.abc import Mapping
from dataclasses import dataclass
from functools import cache
from types import MappingProxyType

LANGUAGES = ("es", "fr", "de", "pt", "ar", "hi")

CATEGORIES = ("editing", "organising", "events", "technical", "governance", "leadership")

CATEGORY_LABELS: Mapping[str, str] = MappingProxyType(
    {
        "editing": "Editing and content",
        "organising": "Community organising",
        "events": "Events",
        "technical": "Technical work",
        "governance": "Governance",
        "leadership": "Leadership",
    }
)


@dataclass(frozen=True)
class Topic:
    """A topic with a stable slug, an English label and labels in other languages."""

    slug: str
    label: str
    category: str
    translations: Mapping[str, str]
    aliases: tuple[str, ...]


def _topic(slug: str, category: str, labels: tuple[str, ...], *aliases: str) -> Topic:
    """Build a topic from its English label followed by labels in LANGUAGES order."""
    english, *others = labels
    return Topic(
        slug, english, category, MappingProxyType(dict(zip(LANGUAGES, others, strict=True))), aliases
    )


# fmt: off
SEED_TOPICS: tuple[Topic, ...] = (
    _topic("article-writing", "editing", (
        "Article writing", "Redacción de artículos", "Rédaction d'articles", "Artikel schreiben",
        "Redação de artigos", "كتابة المقالات", "लेख लेखन"),
        "writing articles", "new articles", "stubs"),
    _topic("copyediting", "editing", (
        "Copy editing", "Corrección de estilo", "Révision de texte", "Lektorat", "Revisão de texto",
        "التدقيق اللغوي", "भाषा संपादन"),
        "copy-editing", "copyedit", "proofreading"),
    _topic("sourcing", "editing", (
        "Sources and citations", "Fuentes y referencias", "Sources et références", "Belege und Quellen",
        "Fontes e referências", "المصادر والاستشهادات", "स्रोत और संदर्भ"),
        "citations", "references", "reliable sources", "verifiability"),
    _topic("translation", "editing", (
        "Translating articles", "Traducción de artículos", "Traduction d'articles", "Artikel übersetzen",
        "Tradução de artigos", "ترجمة المقالات", "लेखों का अनुवाद"),
        "content translation", "translating"),
    _topic("wikidata-editing", "editing", (
        "Wikidata editing", "Edición en Wikidata", "Contribuer à Wikidata", "Wikidata bearbeiten",
        "Edição no Wikidata", "تحرير ويكي بيانات", "विकिडेटा संपादन"),
        "wikidata", "structured data"),
    _topic("commons-media", "editing", (
        "Photos and media on Commons", "Fotos y multimedia en Commons", "Photos et médias sur Commons",
        "Fotos und Medien auf Commons", "Fotos e mídia no Commons", "الصور والوسائط على كومنز",
        "कॉमन्स पर फ़ोटो और मीडिया"),
        "commons", "wikimedia commons", "photography", "uploading photos"),
    _topic("patrolling", "editing", (
        "Patrolling and countering vandalism", "Patrullaje y lucha contra el vandalismo",
        "Patrouille et lutte contre le vandalisme", "Eingangskontrolle und Vandalismusbekämpfung",
        "Patrulha e combate ao vandalismo", "مراجعة التعديلات ومكافحة التخريب", "गश्त और बर्बरता से बचाव"),
        "patrol", "vandalism", "anti-vandalism", "recent changes patrol", "new page patrol"),
    _topic("neutral-point-of-view", "editing", (
        "Neutral point of view", "Punto de vista neutral", "Neutralité de point de vue",
        "Neutraler Standpunkt", "Ponto de vista neutro", "وجهة النظر المحايدة", "तटस्थ दृष्टिकोण"),
        "npov", "neutrality"),
    _topic("content-gaps", "editing", (
        "Closing content gaps", "Reducir brechas de contenido", "Combler les lacunes de contenu",
        "Inhaltslücken schließen", "Reduzir lacunas de conteúdo", "سد فجوات المحتوى",
        "सामग्री की कमी दूर करना"),
        "gender gap", "content gap", "knowledge gaps", "women in red"),
    _topic("minority-languages", "editing", (
        "Minority and Indigenous languages", "Lenguas minoritarias e indígenas",
        "Langues minoritaires et autochtones", "Minderheiten- und indigene Sprachen",
        "Línguas minoritárias e indígenas", "اللغات الأقلية ولغات الشعوب الأصلية",
        "अल्पसंख्यक और देशज भाषाएँ"),
        "indigenous languages", "small wikis", "small wikipedias", "incubator"),
    _topic("newcomer-onboarding", "organising", (
        "Welcoming newcomers", "Acogida de personas nuevas", "Accueil des nouveaux venus",
        "Neulinge begleiten", "Acolhimento de novatos", "الترحيب بالمستجدين", "नए सदस्यों का स्वागत"),
        "onboarding", "newcomers", "new editors"),
    _topic("volunteer-retention", "organising", (
        "Keeping volunteers involved", "Retención de voluntariado", "Fidélisation des bénévoles",
        "Ehrenamtliche halten", "Retenção de voluntários", "الحفاظ على المتطوعين",
        "स्वयंसेवकों को जोड़े रखना"),
        "retention", "volunteer engagement", "volunteer management"),
    _topic("user-groups", "organising", (
        "Starting and growing a user group", "Crear y hacer crecer un grupo de usuarios",
        "Créer et développer un groupe d'utilisateurs", "Eine Benutzergruppe gründen und aufbauen",
        "Criar e fazer crescer um grupo de usuários", "تأسيس مجموعة مستخدمين وتنميتها",
        "उपयोगकर्ता समूह बनाना और बढ़ाना"),
        "user group", "local community", "community building", "chapter"),
    _topic("glam", "organising", (
        "Working with museums, libraries and archives", "Colaboración con museos, bibliotecas y archivos",
        "Collaboration avec musées, bibliothèques et archives",
        "Zusammenarbeit mit Museen, Bibliotheken und Archiven",
        "Colaboração com museus, bibliotecas e arquivos", "التعاون مع المتاحف والمكتبات والأرشيفات",
        "संग्रहालयों, पुस्तकालयों और अभिलेखागारों के साथ काम"),
        "glam", "museums", "libraries", "archives"),
    _topic("education", "organising", (
        "Wikipedia in education", "Wikipedia en la educación", "Wikipédia dans l'éducation",
        "Wikipedia in der Bildung", "Wikipédia na educação", "ويكيبيديا في التعليم",
        "शिक्षा में विकिपीडिया"),
        "education program", "classroom", "students", "universities"),
    _topic("communications", "organising", (
        "Communications and social media", "Comunicación y redes sociales",
        "Communication et réseaux sociaux", "Kommunikation und soziale Medien",
        "Comunicação e redes sociais", "التواصل ووسائل التواصل الاجتماعي", "संचार और सोशल मीडिया"),
        "social media", "newsletter", "outreach", "press"),
    _topic("campaigns", "organising", (
        "Online campaigns and contests", "Campañas y concursos en línea", "Campagnes et concours en ligne",
        "Online-Kampagnen und Wettbewerbe", "Campanhas e concursos online",
        "الحملات والمسابقات الإلكترونية", "ऑनलाइन अभियान और प्रतियोगिताएँ"),
        "contest", "writing contest", "wiki loves monuments", "wiki loves africa"),
    _topic("measuring-impact", "organising", (
        "Measuring impact", "Medición de impacto", "Mesure de l'impact", "Wirkung messen",
        "Medição de impacto", "قياس الأثر", "प्रभाव का आकलन"),
        "impact", "metrics", "evaluation", "outcomes"),
    _topic("editathons", "events", (
        "Edit-a-thons", "Editatones", "Éditathons", "Edit-a-thons", "Editatonas", "ماراثونات التحرير",
        "एडिट-ए-थॉन"),
        "edit-a-thon", "editathon", "editatón", "editaton", "éditathon", "edit-a-thon event"),
    _topic("workshops", "events", (
        "Workshops and training", "Talleres y formación", "Ateliers et formation",
        "Workshops und Schulungen", "Oficinas e formação", "ورش العمل والتدريب",
        "कार्यशालाएँ और प्रशिक्षण"),
        "workshop", "training", "taller"),
    _topic("conferences", "events", (
        "Organising conferences", "Organización de conferencias", "Organisation de conférences",
        "Konferenzen organisieren", "Organização de conferências", "تنظيم المؤتمرات", "सम्मेलन आयोजन"),
        "conference", "wikiconference", "summit"),
    _topic("photo-walks", "events", (
        "Photo walks", "Paseos fotográficos", "Balades photographiques", "Fotospaziergänge",
        "Passeios fotográficos", "جولات التصوير", "फ़ोटो वॉक"),
        "photowalk", "photo walk", "photo tour"),
    _topic("online-events", "events", (
        "Online and hybrid events", "Eventos en línea e híbridos", "Événements en ligne et hybrides",
        "Online- und Hybridveranstaltungen", "Eventos online e híbridos", "الفعاليات الإلكترونية والهجينة",
        "ऑनलाइन और हाइब्रिड कार्यक्रम"),
        "online event", "hybrid event", "virtual events", "webinars"),
    _topic("event-logistics", "events", (
        "Event logistics", "Logística de eventos", "Logistique d'événements", "Veranstaltungslogistik",
        "Logística de eventos", "الترتيبات اللوجستية للفعاليات", "कार्यक्रम की व्यवस्था"),
        "logistics", "venues", "travel", "scholarships"),
    _topic("hackathons", "events", (
        "Hackathons", "Hackatones", "Hackathons", "Hackathons", "Hackathons", "الهاكاثونات", "हैकाथॉन"),
        "hackathon", "hackatón", "hack day"),
    _topic("bots", "technical", (
        "Bots and automation", "Bots y automatización", "Bots et automatisation",
        "Bots und Automatisierung", "Robôs e automação", "الروبوتات والأتمتة", "बॉट और स्वचालन"),
        "bot", "pywikibot", "automation", "robôs"),
    _topic("lua-modules", "technical", (
        "Lua modules and templates", "Módulos Lua y plantillas", "Modules Lua et modèles",
        "Lua-Module und Vorlagen", "Módulos Lua e predefinições", "وحدات لوا والقوالب",
        "Lua मॉड्यूल और साँचे"),
        "lua", "scribunto", "templates", "modules", "infoboxes"),
    _topic("wikidata-queries", "technical", (
        "Wikidata queries (SPARQL)", "Consultas de Wikidata (SPARQL)", "Requêtes Wikidata (SPARQL)",
        "Wikidata-Abfragen (SPARQL)", "Consultas ao Wikidata (SPARQL)", "استعلامات ويكي بيانات (SPARQL)",
        "विकिडेटा क्वेरी (SPARQL)"),
        "sparql", "query service", "wdqs", "wikidata query"),
    _topic("tool-development", "technical", (
        "Building tools", "Desarrollo de herramientas", "Développement d'outils", "Werkzeuge entwickeln",
        "Desenvolvimento de ferramentas", "تطوير الأدوات", "टूल बनाना"),
        "toolforge", "tools", "web tools"),
    _topic("gadgets", "technical", (
        "Gadgets and user scripts", "Gadgets y scripts de usuario", "Gadgets et scripts utilisateur",
        "Helferlein und Benutzerskripte", "Gadgets e scripts de usuário", "الإضافات والبرمجيات النصية",
        "गैजेट और यूज़र स्क्रिप्ट"),
        "gadget", "user script", "userscripts", "javascript"),
    _topic("data-analysis", "technical", (
        "Data analysis", "Análisis de datos", "Analyse de données", "Datenanalyse", "Análise de dados",
        "تحليل البيانات", "डेटा विश्लेषण"),
        "data", "statistics", "quarry", "pageviews"),
    _topic("mediawiki-development", "technical", (
        "MediaWiki development", "Desarrollo de MediaWiki", "Développement de MediaWiki",
        "MediaWiki-Entwicklung", "Desenvolvimento do MediaWiki", "تطوير ميدياويكي", "मीडियाविकि विकास"),
        "mediawiki", "extensions", "gerrit", "php"),
    _topic("localisation", "technical", (
        "Interface localisation", "Localización de la interfaz", "Localisation de l'interface",
        "Lokalisierung der Oberfläche", "Localização da interface", "توطين الواجهة", "इंटरफ़ेस स्थानीयकरण"),
        "localization", "translatewiki", "i18n", "l10n"),
    _topic("technical-documentation", "technical", (
        "Technical documentation", "Documentación técnica", "Documentation technique",
        "Technische Dokumentation", "Documentação técnica", "التوثيق التقني", "तकनीकी दस्तावेज़ीकरण"),
        "documentation", "docs", "help pages"),
    _topic("policies", "governance", (
        "Policies and guidelines", "Políticas y convenciones", "Règles et recommandations",
        "Richtlinien und Regeln", "Políticas e diretrizes", "السياسات والإرشادات",
        "नीतियाँ और दिशानिर्देश"),
        "policy", "guidelines", "rules"),
    _topic("consensus-building", "governance", (
        "Building consensus", "Construcción de consensos", "Recherche de consensus", "Konsensfindung",
        "Construção de consenso", "بناء التوافق", "सहमति बनाना"),
        "consensus", "discussions", "village pump"),
    _topic("adminship", "governance", (
        "Administrator work", "Tareas de administración", "Fonctions d'administrateur",
        "Administratorenarbeit", "Funções de administrador", "مهام الإداريين", "प्रबंधक के कार्य"),
        "admin", "sysop", "administrator"),
    _topic("elections", "governance", (
        "Elections and voting", "Elecciones y votaciones", "Élections et votes", "Wahlen und Abstimmungen",
        "Eleições e votações", "الانتخابات والتصويت", "चुनाव और मतदान"),
        "election", "voting", "votes"),
    _topic("affiliate-governance", "governance", (
        "Boards and affiliate governance", "Juntas directivas y gobernanza de afiliados",
        "Conseils d'administration et gouvernance des affiliés",
        "Vorstandsarbeit und Governance von Affiliates", "Diretorias e governança de afiliados",
        "مجالس الإدارة وحوكمة المنظمات التابعة", "बोर्ड और संबद्ध संगठनों का शासन"),
        "board", "governance", "board of directors", "chapter board", "bylaws"),
    _topic("code-of-conduct", "governance", (
        "Codes of conduct and safe spaces", "Códigos de conducta y espacios seguros",
        "Codes de conduite et espaces sûrs", "Verhaltenskodizes und sichere Räume",
        "Códigos de conduta e espaços seguros", "مدونات السلوك والمساحات الآمنة",
        "आचार संहिता और सुरक्षित स्थान"),
        "ucoc", "universal code of conduct", "code of conduct", "safe spaces", "friendly space policy"),
    _topic("strategic-planning", "governance", (
        "Strategic planning", "Planificación estratégica", "Planification stratégique",
        "Strategische Planung", "Planejamento estratégico", "التخطيط الاستراتيجي", "रणनीतिक योजना"),
        "strategy", "annual plan", "planning"),
    _topic("budgets-reporting", "governance", (
        "Budgets and reporting", "Presupuestos e informes", "Budgets et rapports", "Budgets und Berichte",
        "Orçamentos e relatórios", "الميزانيات والتقارير", "बजट और रिपोर्टिंग"),
        "budget", "reporting", "finance"),
    _topic("burnout-wellbeing", "leadership", (
        "Burnout and wellbeing", "Agotamiento y bienestar", "Épuisement et bien-être",
        "Burnout und Wohlbefinden", "Esgotamento e bem-estar", "الاحتراق النفسي والرفاه",
        "बर्नआउट और मानसिक कल्याण"),
        "burnout", "wellbeing", "well-being", "stress", "self-care", "agotamiento"),
    _topic("mentoring", "leadership", (
        "Mentoring and coaching", "Mentoría y acompañamiento", "Mentorat et accompagnement",
        "Mentoring und Coaching", "Mentoria e acompanhamento", "الإرشاد والتوجيه", "मेंटरिंग और कोचिंग"),
        "mentoring", "mentorship", "coaching", "mentoría", "mentorat", "mentoria"),
    _topic("conflict-resolution", "leadership", (
        "Conflict resolution and mediation", "Resolución de conflictos y mediación",
        "Résolution de conflits et médiation", "Konfliktlösung und Mediation",
        "Resolução de conflitos e mediação", "حل النزاعات والوساطة", "विवाद समाधान और मध्यस्थता"),
        "mediation", "mediación", "médiation", "mediação", "conflict", "conflicts", "dispute resolution",
        "conflictos", "konflikte", "وساطة", "मध्यस्थता"),
    _topic("diversity-equity-inclusion", "leadership", (
        "Diversity, equity and inclusion", "Diversidad, equidad e inclusión",
        "Diversité, équité et inclusion", "Vielfalt, Chancengerechtigkeit und Inklusion",
        "Diversidade, equidade e inclusão", "التنوع والإنصاف والشمول", "विविधता, समता और समावेशन"),
        "dei", "edi", "inclusion", "diversity", "equity"),
    _topic("delegation", "leadership", (
        "Delegation", "Delegación", "Délégation", "Delegieren", "Delegação", "التفويض", "काम सौंपना"),
        "delegating", "sharing the load"),
    _topic("giving-feedback", "leadership", (
        "Giving and receiving feedback", "Dar y recibir retroalimentación",
        "Donner et recevoir des retours", "Feedback geben und annehmen", "Dar e receber feedback",
        "تقديم الملاحظات وتلقيها", "फ़ीडबैक देना और लेना"),
        "feedback", "giving feedback", "retroalimentación", "sbi"),
    _topic("public-speaking", "leadership", (
        "Public speaking", "Hablar en público", "Prise de parole en public", "Öffentlich sprechen",
        "Falar em público", "التحدث أمام الجمهور", "सार्वजनिक भाषण"),
        "presentations", "speaking", "talks", "oratoria"),
    _topic("grants-fundraising", "leadership", (
        "Grants and fundraising", "Subvenciones y recaudación de fondos",
        "Subventions et collecte de fonds", "Förderanträge und Fundraising",
        "Subsídios e captação de recursos", "المنح وجمع التبرعات", "अनुदान और धन जुटाना"),
        "grants", "fundraising", "grant writing", "rapid grants", "funding"),
    _topic("partnerships", "leadership", (
        "Building partnerships", "Construcción de alianzas", "Développement de partenariats",
        "Partnerschaften aufbauen", "Construção de parcerias", "بناء الشراكات", "साझेदारियाँ बनाना"),
        "partnership", "partners", "alianzas"),
    _topic("facilitation", "leadership", (
        "Facilitating meetings", "Facilitación de reuniones", "Animation de réunions",
        "Besprechungen moderieren", "Facilitação de reuniões", "تيسير الاجتماعات", "बैठकों का संचालन"),
        "facilitating", "meetings", "moderation"),
    _topic("handover", "leadership", (
        "Handing over a role", "Relevo y traspaso de funciones", "Passation de fonctions",
        "Aufgaben übergeben", "Passagem de funções", "تسليم المهام ونقل المعرفة", "भूमिका हस्तांतरण"),
        "succession", "succession planning", "knowledge transfer", "handing over"),
    _topic("project-management", "leadership", (
        "Project management", "Gestión de proyectos", "Gestion de projet", "Projektmanagement",
        "Gestão de projetos", "إدارة المشاريع", "परियोजना प्रबंधन"),
        "projects", "planning projects"),
    _topic("time-management", "leadership", (
        "Time management and priorities", "Gestión del tiempo y prioridades",
        "Gestion du temps et des priorités", "Zeitmanagement und Prioritäten",
        "Gestão do tempo e prioridades", "إدارة الوقت والأولويات", "समय प्रबंधन और प्राथमिकताएँ"),
        "time management", "priorities", "prioritising", "prioritizing"),
)
# fmt: on

TOPICS_BY_SLUG: Mapping[str, Topic] = MappingProxyType({topic.slug: topic for topic in SEED_TOPICS})


def topic_label(slug: str, locale: str) -> str | None:
    """A seed topic's label in a language (English when it has none there); None for other slugs."""
    topic = TOPICS_BY_SLUG.get(slug)
    if topic is None:
        return None
    return topic.translations.get(locale.split("_")[0]) or topic.label


def _is_word_char(char: str) -> bool:
    """Letters, digits and the vowel signs and other marks of non-Latin scripts."""
    return char.isalnum() or unicodedata.category(char).startswith("M")


def normalise_tag(text: str) -> str:
    """Lowercase, fold Latin accents and join the words of a tag with single hyphens."""
    kept: list[str] = []
    for char in unicodedata.normalize("NFKD", text.casefold()):
        # Only accents on Latin letters are dropped: Devanagari vowel signs are marks too.
        if unicodedata.combining(char) and kept and kept[-1].isascii():
            continue
        kept.append(char if _is_word_char(char) else " ")
    return "-".join(unicodedata.normalize("NFC", "".join(kept)).split())


@cache
def _index() -> Mapping[str, str]:
    """Every slug, label, translation and alias, normalised, mapped to its topic's slug."""
    index: dict[str, str] = {}
    for topic in SEED_TOPICS:
        for name in (topic.slug, topic.label, *topic.translations.values(), *topic.aliases):
            key = normalise_tag(name)
            if index.setdefault(key, topic.slug) != topic.slug:
                raise ValueError(f"{name!r} names both {index[key]!r} and {topic.slug!r}")
    return MappingProxyType(index)


def resolve_topic(text: str) -> str:
    """Map a label in any language, an alias or a slug to its topic's slug, else the normalised tag."""
    tag = normalise_tag(text)
    index = _index()
    for candidate in (tag, tag.removesuffix("s"), f"{tag}s"):
        if candidate in index:
            return index[candidate]
    return tag
