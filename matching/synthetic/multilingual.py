# ruff: noqa: E501  (the vocabulary: one hand-written sentence per line reads and diffs best)
"""A seeded multilingual community whose themes only the free text tells, for benchmarks and tests.

Eight languages in five scripts (Latin, Cyrillic, Arabic, Devanagari, Japanese), eight
themes of Wikimedia volunteering. Mentees write goals and mentors experience in their own
language: hand-written sentences (several per theme, role and language, in varied forms)
with openers, off-theme filler and closers around them, so the text carries function
words, inflected forms and noise. ``{masculine|feminine}`` in a sentence agrees with the
writer. No topic tags are set: the theme is in the words alone.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from matching.table import COLUMNS

THEMES = (
    "wikidata",
    "commons",
    "editathons",
    "patrolling",
    "templates",
    "translation",
    "outreach",
    "local_history",
)

Pools = dict[str, tuple[tuple[str, ...], tuple[str, ...]]]


@dataclass(frozen=True)
class Language:
    """How the people of one language write, what they are called and where they live."""

    code: str
    script: str
    joiner: str
    timezones: tuple[str, ...]
    given: tuple[tuple[str, ...], tuple[str, ...]]
    family: tuple[str, ...]
    openers: tuple[tuple[str, ...], tuple[str, ...]]
    fillers: tuple[str, ...]
    closers: tuple[tuple[str, ...], tuple[str, ...]]
    themes: Pools = field(repr=False)


ENGLISH = Language(
    code="en",
    script="Latin",
    joiner=" ",
    timezones=(
        "America/New_York",
        "America/Chicago",
        "America/Los_Angeles",
        "Europe/London",
        "Europe/Dublin",
        "Australia/Sydney",
        "Africa/Lagos",
        "Asia/Manila",
    ),
    given=(
        ("James", "Michael", "David", "Daniel", "Thomas", "Samuel"),
        ("Emily", "Sarah", "Olivia", "Grace", "Hannah", "Laura"),
    ),
    family=("Smith", "Johnson", "Brown", "Taylor", "Wilson", "Clarke", "Evans", "Walker"),
    openers=(
        (
            "Hello!",
            "Hi, I am new to Wikipedia.",
            "I started editing a few months ago.",
            "I have been reading Wikipedia for years and now I want to contribute.",
            "I am a student and I edit in my free time.",
        ),
        (
            "I have been editing Wikipedia since 2012.",
            "I am an experienced editor.",
            "I have been a volunteer for about ten years.",
            "Hi, I enjoy helping newcomers.",
        ),
    ),
    fillers=(
        "I usually edit in the evenings.",
        "I also like reading about music and football.",
        "During the week I work as an engineer.",
        "I have two children, so my time is limited.",
        "I prefer to talk by email or on talk pages.",
        "I live in a small town near the coast.",
    ),
    closers=(
        ("Thank you for your help!", "I can meet once a week.", "Any advice is welcome."),
        (
            "I am happy to answer questions.",
            "I can meet on weekends.",
            "Feel free to write to me on my talk page.",
        ),
    ),
    themes={
        "wikidata": (
            (
                "I want to learn how to write SPARQL queries for Wikidata.",
                "I would like to add missing statements and references to Wikidata items about my region.",
                "Understanding properties, qualifiers and identifiers on Wikidata is my main goal.",
                "I hope to build queries that list items without English labels.",
            ),
            (
                "I have written hundreds of SPARQL queries on the Wikidata Query Service.",
                "For years I have been adding statements, qualifiers and references to Wikidata items.",
                "I import datasets into Wikidata with QuickStatements and OpenRefine.",
                "I proposed several new properties and I maintain identifiers for libraries.",
            ),
        ),
        "commons": (
            (
                "I want to upload my photos of monuments to Wikimedia Commons.",
                "I would like to understand licences and how to categorise the images I upload.",
                "I take a lot of pictures of buildings and hope to share them on Commons.",
                "My goal is to learn the Upload Wizard and take better photographs for articles.",
            ),
            (
                "I have uploaded thousands of my own photographs to Commons.",
                "I organise photo walks and Wiki Loves Monuments in my country.",
                "I review licences and categorise images that others upload.",
                "I photograph buildings, churches and landscapes and add the pictures to articles.",
            ),
        ),
        "editathons": (
            (
                "I want to organise an edit-a-thon at my local library.",
                "I would like to learn how to plan events and invite new editors.",
                "I am planning our first editing workshop and need help with the event page.",
                "How do you keep participants editing after an event? I want to learn that.",
            ),
            (
                "I have organised more than twenty edit-a-thons with libraries and universities.",
                "I plan editing events, prepare the event pages and welcome the participants.",
                "I coordinated a monthly meetup and trained new volunteers during workshops.",
                "After each event I follow up with the newcomers and keep an eye on their edits.",
            ),
        ),
        "patrolling": (
            (
                "I want to learn how to patrol recent changes and revert vandalism.",
                "I would like to recognise vandalism faster and warn the users who do it.",
                "Fighting spam and protecting pages is something I want to get better at.",
                "I hope to become a patroller and to understand when to request a block.",
            ),
            (
                "I patrol recent changes every day and revert vandalism.",
                "I have reverted thousands of vandal edits and reported spam accounts.",
                "As an administrator I block vandals and protect pages when needed.",
                "I use counter-vandalism tools and teach new patrollers how to warn users.",
            ),
        ),
        "templates": (
            (
                "I want to write templates and understand how infoboxes work.",
                "I would like to learn Lua and write my first module.",
                "My goal is to fix broken templates and parser functions in our articles.",
                "I hope to understand how modules read data from Wikidata into infoboxes.",
            ),
            (
                "I write Lua modules and maintain the infobox templates of our wiki.",
                "I have fixed many broken templates and documented their parameters.",
                "I develop modules that read data from Wikidata and show it in infoboxes.",
                "I help other editors with template syntax, parser functions and Lua errors.",
            ),
        ),
        "translation": (
            (
                "I want to translate articles from Spanish and French into English.",
                "I would like to use the Content Translation tool without making mistakes.",
                "Translating good articles and adapting their sources is what I want to do.",
                "I hope to learn how to translate technical terms correctly.",
            ),
            (
                "I have translated more than a hundred articles from Spanish and German.",
                "I use the Content Translation tool every week and review machine translations.",
                "As a professional translator I check terminology and the quality of translated articles.",
                "I coordinate a translation project and help translators with difficult terms.",
            ),
        ),
        "outreach": (
            (
                "I want to run Wikipedia workshops for the students at my school.",
                "I would like to start a partnership with a local museum and its archive.",
                "My goal is to bring teachers and students into the Wikimedia projects.",
                "I hope to help a library or a museum share its collections on Wikipedia.",
            ),
            (
                "I teach Wikipedia in schools and train teachers to use it in class.",
                "I have coordinated GLAM partnerships with museums, libraries and archives.",
                "I run an education program in which students write articles as assignments.",
                "I helped a museum release its collections and organised workshops for its staff.",
            ),
        ),
        "local_history": (
            (
                "I want to write articles about the history of my town.",
                "I would like to find reliable sources about local history and old villages.",
                "My goal is to improve the articles about the churches, bridges and historical figures of my county.",
                "I hope to learn how to cite old newspapers and books about my village.",
            ),
            (
                "I have written many articles about the history of towns and villages in my region.",
                "I research local history in archives and old newspapers and cite them carefully.",
                "I write about historic buildings, local families and the history of our county.",
                "I help editors find sources on local history in libraries.",
            ),
        ),
    },
)

SPANISH = Language(
    code="es",
    script="Latin",
    joiner=" ",
    timezones=(
        "Europe/Madrid",
        "America/Mexico_City",
        "America/Bogota",
        "America/Argentina/Buenos_Aires",
        "America/Lima",
        "America/Santiago",
        "America/Caracas",
    ),
    given=(
        ("Carlos", "Javier", "Diego", "Miguel", "Alejandro", "Pablo"),
        ("María", "Lucía", "Carmen", "Sofía", "Elena", "Paula"),
    ),
    family=("García", "Fernández", "López", "Martínez", "Sánchez", "Romero", "Torres", "Ramírez"),
    openers=(
        (
            "¡Hola!",
            "Hola, soy {nuevo|nueva} en Wikipedia.",
            "Empecé a editar hace unos meses.",
            "Leo Wikipedia desde hace años y ahora quiero contribuir.",
            "Soy estudiante y edito en mi tiempo libre.",
        ),
        (
            "Edito Wikipedia desde 2012.",
            "Soy {un editor|una editora} con mucha experiencia.",
            "Llevo unos diez años como {voluntario|voluntaria}.",
            "Hola, me gusta ayudar a los recién llegados.",
        ),
    ),
    fillers=(
        "Normalmente edito por las noches.",
        "También me gusta leer sobre música y fútbol.",
        "Entre semana trabajo como {ingeniero|ingeniera}.",
        "Tengo dos hijos, así que tengo poco tiempo.",
        "Prefiero hablar por correo o en las páginas de discusión.",
        "Vivo en una ciudad pequeña cerca de la costa.",
    ),
    closers=(
        (
            "¡Gracias por vuestra ayuda!",
            "Puedo reunirme una vez por semana.",
            "Cualquier consejo es bienvenido.",
        ),
        (
            "Estaré {encantado|encantada} de responder preguntas.",
            "Puedo reunirme los fines de semana.",
            "Podéis escribirme en mi página de discusión.",
        ),
    ),
    themes={
        "wikidata": (
            (
                "Quiero aprender a escribir consultas SPARQL para Wikidata.",
                "Me gustaría añadir declaraciones y referencias a los elementos de Wikidata sobre mi región.",
                "Mi objetivo es entender las propiedades, los calificadores y los identificadores de Wikidata.",
                "Espero crear consultas que muestren elementos sin etiquetas en español.",
            ),
            (
                "He escrito cientos de consultas SPARQL en el servicio de consultas de Wikidata.",
                "Desde hace años añado declaraciones, calificadores y referencias a elementos de Wikidata.",
                "Importo conjuntos de datos a Wikidata con QuickStatements y OpenRefine.",
                "Propuse varias propiedades nuevas y mantengo identificadores de bibliotecas.",
            ),
        ),
        "commons": (
            (
                "Quiero subir mis fotos de monumentos a Wikimedia Commons.",
                "Me gustaría entender las licencias y cómo categorizar las imágenes que subo.",
                "Saco muchas fotografías de edificios y quiero compartirlas en Commons.",
                "Mi meta es aprender a usar el asistente de subida y hacer mejores fotos para los artículos.",
            ),
            (
                "He subido miles de fotografías propias a Commons.",
                "Organizo paseos fotográficos y el concurso Wiki Loves Monuments en mi país.",
                "Reviso licencias y categorizo las imágenes que suben otras personas.",
                "Fotografío edificios, iglesias y paisajes y añado las fotos a los artículos.",
            ),
        ),
        "editathons": (
            (
                "Quiero organizar un editatón en la biblioteca de mi ciudad.",
                "Me gustaría aprender a planificar eventos e invitar a nuevos editores.",
                "Estoy preparando nuestro primer taller de edición y necesito ayuda con la página del evento.",
                "¿Cómo se consigue que los participantes sigan editando después de un evento? Quiero aprenderlo.",
            ),
            (
                "He organizado más de veinte editatones con bibliotecas y universidades.",
                "Planifico eventos de edición, preparo las páginas de los eventos y recibo a los participantes.",
                "Coordiné un encuentro mensual y formé a nuevos voluntarios en talleres.",
                "Después de cada evento hago seguimiento de los recién llegados y de sus ediciones.",
            ),
        ),
        "patrolling": (
            (
                "Quiero aprender a patrullar los cambios recientes y revertir el vandalismo.",
                "Me gustaría reconocer el vandalismo más rápido y avisar a los usuarios que lo hacen.",
                "Quiero mejorar en la lucha contra el spam y en la protección de páginas.",
                "Espero ser {patrullero|patrullera} y entender cuándo hay que pedir un bloqueo.",
            ),
            (
                "Patrullo los cambios recientes todos los días y revierto vandalismos.",
                "He revertido miles de ediciones vandálicas y he denunciado cuentas de spam.",
                "Como {bibliotecario|bibliotecaria} bloqueo a vándalos y protejo páginas cuando hace falta.",
                "Uso herramientas contra el vandalismo y enseño a los nuevos patrulleros a avisar a los usuarios.",
            ),
        ),
        "templates": (
            (
                "Quiero crear plantillas y entender cómo funcionan las fichas.",
                "Me gustaría aprender Lua y escribir mi primer módulo.",
                "Mi objetivo es arreglar plantillas rotas y funciones del analizador en nuestros artículos.",
                "Espero entender cómo los módulos leen datos de Wikidata para las fichas.",
            ),
            (
                "Escribo módulos en Lua y mantengo las plantillas de fichas de nuestra wiki.",
                "He arreglado muchas plantillas rotas y he documentado sus parámetros.",
                "Desarrollo módulos que leen datos de Wikidata y los muestran en las fichas.",
                "Ayudo a otros editores con la sintaxis de las plantillas, las funciones del analizador"
                " y los errores de Lua.",
            ),
        ),
        "translation": (
            (
                "Quiero traducir artículos del inglés al español.",
                "Me gustaría usar la herramienta de traducción de contenidos sin cometer errores.",
                "Traducir buenos artículos y adaptar sus fuentes es lo que quiero hacer.",
                "Espero aprender a traducir correctamente los términos técnicos.",
            ),
            (
                "He traducido más de cien artículos del inglés y del francés.",
                "Uso la herramienta de traducción de contenidos cada semana y reviso traducciones automáticas.",
                "Como {traductor|traductora} profesional reviso la terminología y la calidad de los artículos"
                " traducidos.",
                "Coordino un proyecto de traducción y ayudo a los traductores con términos difíciles.",
            ),
        ),
        "outreach": (
            (
                "Quiero dar talleres de Wikipedia a los estudiantes de mi escuela.",
                "Me gustaría empezar una colaboración con un museo local y su archivo.",
                "Mi objetivo es acercar a profesores y alumnos a los proyectos Wikimedia.",
                "Espero ayudar a una biblioteca o a un museo a compartir sus colecciones en Wikipedia.",
            ),
            (
                "Enseño Wikipedia en escuelas y formo a docentes para usarla en clase.",
                "He coordinado colaboraciones GLAM con museos, bibliotecas y archivos.",
                "Dirijo un programa educativo en el que los estudiantes escriben artículos como tarea.",
                "Ayudé a un museo a liberar sus colecciones y organicé talleres para su personal.",
            ),
        ),
        "local_history": (
            (
                "Quiero escribir artículos sobre la historia de mi pueblo.",
                "Me gustaría encontrar fuentes fiables sobre historia local y pueblos antiguos.",
                "Mi meta es mejorar los artículos sobre las iglesias, los puentes y los personajes históricos"
                " de mi comarca.",
                "Espero aprender a citar periódicos antiguos y libros sobre mi pueblo.",
            ),
            (
                "He escrito muchos artículos sobre la historia de pueblos y ciudades de mi región.",
                "Investigo la historia local en archivos y periódicos antiguos y los cito con cuidado.",
                "Escribo sobre edificios históricos, familias locales y la historia de nuestra provincia.",
                "Ayudo a otros editores a encontrar fuentes de historia local en bibliotecas.",
            ),
        ),
    },
)

FRENCH = Language(
    code="fr",
    script="Latin",
    joiner=" ",
    timezones=(
        "Europe/Paris",
        "Europe/Brussels",
        "Europe/Zurich",
        "America/Toronto",
        "Africa/Dakar",
        "Africa/Abidjan",
        "Africa/Kinshasa",
    ),
    given=(
        ("Julien", "Nicolas", "Mathieu", "Antoine", "Pierre", "Olivier"),
        ("Camille", "Claire", "Sophie", "Élodie", "Manon", "Isabelle"),
    ),
    family=("Martin", "Bernard", "Dubois", "Lefebvre", "Moreau", "Laurent", "Girard", "Fontaine"),
    openers=(
        (
            "Bonjour !",
            "Bonjour, je suis {nouveau|nouvelle} sur Wikipédia.",
            "J'ai commencé à contribuer il y a quelques mois.",
            "Je lis Wikipédia depuis des années et je veux maintenant contribuer.",
            "Je suis {étudiant|étudiante} et je contribue pendant mon temps libre.",
        ),
        (
            "Je contribue à Wikipédia depuis 2012.",
            "Je suis {un contributeur expérimenté|une contributrice expérimentée}.",
            "Je suis bénévole depuis une dizaine d'années.",
            "Bonjour, j'aime aider les nouveaux.",
        ),
    ),
    fillers=(
        "Je contribue surtout le soir.",
        "J'aime aussi lire sur la musique et le football.",
        "En semaine, je travaille comme {ingénieur|ingénieure}.",
        "J'ai deux enfants, donc mon temps est limité.",
        "Je préfère discuter par courriel ou sur les pages de discussion.",
        "J'habite dans une petite ville près de la mer.",
    ),
    closers=(
        (
            "Merci pour votre aide !",
            "Je peux me libérer une fois par semaine.",
            "Tout conseil est le bienvenu.",
        ),
        (
            "Je réponds volontiers aux questions.",
            "Je suis disponible le week-end.",
            "N'hésitez pas à m'écrire sur ma page de discussion.",
        ),
    ),
    themes={
        "wikidata": (
            (
                "Je veux apprendre à écrire des requêtes SPARQL pour Wikidata.",
                "J'aimerais ajouter des déclarations et des références aux éléments Wikidata sur ma région.",
                "Mon objectif est de comprendre les propriétés, les qualificatifs et les identifiants de Wikidata.",
                "J'espère créer des requêtes qui listent les éléments sans libellé en français.",
            ),
            (
                "J'ai écrit des centaines de requêtes SPARQL sur le service de requêtes de Wikidata.",
                "Depuis des années, j'ajoute des déclarations, des qualificatifs et des références aux éléments"
                " Wikidata.",
                "J'importe des jeux de données dans Wikidata avec QuickStatements et OpenRefine.",
                "J'ai proposé plusieurs nouvelles propriétés et je maintiens des identifiants de bibliothèques.",
            ),
        ),
        "commons": (
            (
                "Je veux téléverser mes photos de monuments sur Wikimedia Commons.",
                "J'aimerais comprendre les licences et savoir catégoriser les images que je téléverse.",
                "Je prends beaucoup de photographies de bâtiments et j'aimerais les partager sur Commons.",
                "Mon but est d'apprendre l'assistant de téléversement et de faire de meilleures photos pour"
                " les articles.",
            ),
            (
                "J'ai téléversé des milliers de mes propres photographies sur Commons.",
                "J'organise des balades photographiques et le concours Wiki Loves Monuments dans mon pays.",
                "Je vérifie les licences et je catégorise les images que d'autres téléversent.",
                "Je photographie des bâtiments, des églises et des paysages et j'ajoute les photos aux articles.",
            ),
        ),
        "editathons": (
            (
                "Je veux organiser un éditathon à la médiathèque de ma ville.",
                "J'aimerais apprendre à planifier des événements et à inviter de nouveaux contributeurs.",
                "Je prépare notre premier atelier de contribution et j'ai besoin d'aide pour la page de"
                " l'événement.",
                "Comment garder les participants actifs après un événement ? C'est ce que je veux apprendre.",
            ),
            (
                "J'ai organisé plus de vingt éditathons avec des bibliothèques et des universités.",
                "Je planifie des ateliers de contribution, je prépare les pages des événements et j'accueille"
                " les participants.",
                "J'ai coordonné une rencontre mensuelle et formé de nouveaux bénévoles pendant des ateliers.",
                "Après chaque événement, je suis les nouveaux venus et leurs modifications.",
            ),
        ),
        "patrolling": (
            (
                "Je veux apprendre à patrouiller les modifications récentes et à révoquer le vandalisme.",
                "J'aimerais repérer le vandalisme plus vite et avertir les utilisateurs qui en font.",
                "Lutter contre le spam et protéger des pages, c'est ce que je veux mieux faire.",
                "J'espère devenir {patrouilleur|patrouilleuse} et comprendre quand demander un blocage.",
            ),
            (
                "Je patrouille les modifications récentes chaque jour et je révoque les vandalismes.",
                "J'ai révoqué des milliers de modifications vandales et signalé des comptes de spam.",
                "En tant {qu'administrateur|qu'administratrice}, je bloque les vandales et je protège les pages"
                " si nécessaire.",
                "J'utilise des outils de lutte contre le vandalisme et j'apprends aux nouveaux patrouilleurs à"
                " avertir les utilisateurs.",
            ),
        ),
        "templates": (
            (
                "Je veux écrire des modèles et comprendre comment fonctionnent les infobox.",
                "J'aimerais apprendre Lua et écrire mon premier module.",
                "Mon objectif est de réparer les modèles cassés et les fonctions d'analyse de nos articles.",
                "J'espère comprendre comment les modules lisent les données de Wikidata pour les infobox.",
            ),
            (
                "J'écris des modules en Lua et je maintiens les modèles d'infobox de notre wiki.",
                "J'ai réparé de nombreux modèles cassés et documenté leurs paramètres.",
                "Je développe des modules qui lisent les données de Wikidata et les affichent dans les infobox.",
                "J'aide les autres contributeurs avec la syntaxe des modèles, les fonctions d'analyse et les"
                " erreurs Lua.",
            ),
        ),
        "translation": (
            (
                "Je veux traduire des articles de l'anglais vers le français.",
                "J'aimerais utiliser l'outil de traduction de contenu sans faire d'erreurs.",
                "Traduire de bons articles et adapter leurs sources, voilà ce que je veux faire.",
                "J'espère apprendre à traduire correctement les termes techniques.",
            ),
            (
                "J'ai traduit plus de cent articles de l'anglais et de l'espagnol.",
                "J'utilise l'outil de traduction de contenu chaque semaine et je relis des traductions"
                " automatiques.",
                "{Traducteur|Traductrice} de métier, je vérifie la terminologie et la qualité des articles"
                " traduits.",
                "Je coordonne un projet de traduction et j'aide les traducteurs avec les termes difficiles.",
            ),
        ),
        "outreach": (
            (
                "Je veux animer des ateliers Wikipédia pour les élèves de mon école.",
                "J'aimerais lancer un partenariat avec un musée local et ses archives.",
                "Mon objectif est d'amener les enseignants et les élèves vers les projets Wikimedia.",
                "J'espère aider une bibliothèque ou un musée à partager ses collections sur Wikipédia.",
            ),
            (
                "J'enseigne Wikipédia dans les écoles et je forme les enseignants à l'utiliser en classe.",
                "J'ai coordonné des partenariats GLAM avec des musées, des bibliothèques et des archives.",
                "Je mène un programme éducatif où les étudiants écrivent des articles comme devoirs.",
                "J'ai aidé un musée à libérer ses collections et j'ai organisé des ateliers pour son personnel.",
            ),
        ),
        "local_history": (
            (
                "Je veux écrire des articles sur l'histoire de ma commune.",
                "J'aimerais trouver des sources fiables sur l'histoire locale et les anciens villages.",
                "Mon but est d'améliorer les articles sur les églises, les ponts et les personnages historiques"
                " de ma région.",
                "J'espère apprendre à citer de vieux journaux et des livres sur mon village.",
            ),
            (
                "J'ai écrit de nombreux articles sur l'histoire des villes et des villages de ma région.",
                "Je fais des recherches d'histoire locale dans les archives et les vieux journaux et je les cite"
                " avec soin.",
                "J'écris sur les bâtiments historiques, les familles locales et l'histoire de notre département.",
                "J'aide les contributeurs à trouver des sources d'histoire locale en bibliothèque.",
            ),
        ),
    },
)

GERMAN = Language(
    code="de",
    script="Latin",
    joiner=" ",
    timezones=("Europe/Berlin", "Europe/Vienna", "Europe/Zurich"),
    given=(
        ("Jonas", "Lukas", "Felix", "Stefan", "Matthias", "Tobias"),
        ("Anna", "Katharina", "Julia", "Sabine", "Lena", "Miriam"),
    ),
    family=("Müller", "Schmidt", "Schneider", "Fischer", "Weber", "Becker", "Hoffmann", "Wagner"),
    openers=(
        (
            "Hallo!",
            "Hallo, ich bin neu bei Wikipedia.",
            "Ich habe vor ein paar Monaten mit dem Bearbeiten angefangen.",
            "Ich lese seit Jahren Wikipedia und möchte jetzt mitmachen.",
            "Ich bin {Student|Studentin} und schreibe in meiner Freizeit.",
        ),
        (
            "Ich schreibe seit 2012 in der Wikipedia.",
            "Ich bin {ein erfahrener Autor|eine erfahrene Autorin}.",
            "Ich bin seit etwa zehn Jahren ehrenamtlich dabei.",
            "Hallo, ich helfe gern Neulingen.",
        ),
    ),
    fillers=(
        "Meistens bearbeite ich abends.",
        "Ich lese auch gern über Musik und Fußball.",
        "Unter der Woche arbeite ich als {Ingenieur|Ingenieurin}.",
        "Ich habe zwei Kinder, deshalb ist meine Zeit knapp.",
        "Ich schreibe lieber per E-Mail oder auf Diskussionsseiten.",
        "Ich wohne in einer kleinen Stadt an der Küste.",
    ),
    closers=(
        ("Danke für eure Hilfe!", "Ich habe einmal pro Woche Zeit.", "Jeder Tipp ist willkommen."),
        (
            "Ich beantworte gern Fragen.",
            "Am Wochenende habe ich Zeit.",
            "Schreibt mir gern auf meiner Diskussionsseite.",
        ),
    ),
    themes={
        "wikidata": (
            (
                "Ich möchte lernen, SPARQL-Abfragen für Wikidata zu schreiben.",
                "Ich würde gern Aussagen und Belege zu Wikidata-Objekten über meine Region ergänzen.",
                "Mein Ziel ist es, Eigenschaften, Qualifikatoren und Identifikatoren in Wikidata zu verstehen.",
                "Ich hoffe, Abfragen zu bauen, die Objekte ohne deutsche Bezeichnung auflisten.",
            ),
            (
                "Ich habe Hunderte von SPARQL-Abfragen im Wikidata Query Service geschrieben.",
                "Seit Jahren ergänze ich Aussagen, Qualifikatoren und Belege zu Wikidata-Objekten.",
                "Ich importiere Datensätze mit QuickStatements und OpenRefine in Wikidata.",
                "Ich habe mehrere neue Eigenschaften vorgeschlagen und pflege Identifikatoren von Bibliotheken.",
            ),
        ),
        "commons": (
            (
                "Ich möchte meine Fotos von Denkmälern auf Wikimedia Commons hochladen.",
                "Ich würde gern die Lizenzen verstehen und wissen, wie man hochgeladene Bilder kategorisiert.",
                "Ich fotografiere viele Gebäude und möchte die Bilder auf Commons teilen.",
                "Mein Ziel ist es, den Upload-Assistenten kennenzulernen und bessere Fotos für Artikel zu machen.",
            ),
            (
                "Ich habe Tausende eigener Fotografien auf Commons hochgeladen.",
                "Ich organisiere Fotowanderungen und Wiki Loves Monuments in meinem Land.",
                "Ich prüfe Lizenzen und kategorisiere Bilder, die andere hochladen.",
                "Ich fotografiere Gebäude, Kirchen und Landschaften und füge die Bilder in Artikel ein.",
            ),
        ),
        "editathons": (
            (
                "Ich möchte einen Edit-a-thon in der Stadtbibliothek organisieren.",
                "Ich würde gern lernen, Veranstaltungen zu planen und neue Autoren einzuladen.",
                "Ich bereite unseren ersten Schreibworkshop vor und brauche Hilfe mit der Veranstaltungsseite.",
                "Wie bleiben Teilnehmende nach einer Veranstaltung aktiv? Das möchte ich lernen.",
            ),
            (
                "Ich habe über zwanzig Edit-a-thons mit Bibliotheken und Universitäten organisiert.",
                "Ich plane Schreibwerkstätten, bereite die Veranstaltungsseiten vor und begrüße die"
                " Teilnehmenden.",
                "Ich habe einen monatlichen Stammtisch koordiniert und in Workshops neue Freiwillige geschult.",
                "Nach jeder Veranstaltung begleite ich die Neulinge und verfolge ihre Bearbeitungen.",
            ),
        ),
        "patrolling": (
            (
                "Ich möchte lernen, die letzten Änderungen zu sichten und Vandalismus zurückzusetzen.",
                "Ich würde Vandalismus gern schneller erkennen und die Benutzer verwarnen, die ihn verursachen.",
                "Beim Kampf gegen Spam und beim Schutz von Seiten möchte ich besser werden.",
                "Ich hoffe, {Sichter|Sichterin} zu werden und zu verstehen, wann man eine Sperre beantragt.",
            ),
            (
                "Ich sichte jeden Tag die letzten Änderungen und setze Vandalismus zurück.",
                "Ich habe Tausende vandalistische Bearbeitungen zurückgesetzt und Spam-Konten gemeldet.",
                "Als {Administrator|Administratorin} sperre ich Vandalen und schütze Seiten, wenn es nötig ist.",
                "Ich nutze Werkzeuge gegen Vandalismus und zeige neuen Sichtern, wie man Benutzer verwarnt.",
            ),
        ),
        "templates": (
            (
                "Ich möchte Vorlagen schreiben und verstehen, wie Infoboxen funktionieren.",
                "Ich würde gern Lua lernen und mein erstes Modul schreiben.",
                "Mein Ziel ist es, kaputte Vorlagen und Parserfunktionen in unseren Artikeln zu reparieren.",
                "Ich hoffe zu verstehen, wie Module Daten aus Wikidata in Infoboxen einlesen.",
            ),
            (
                "Ich schreibe Lua-Module und pflege die Infobox-Vorlagen unseres Wikis.",
                "Ich habe viele kaputte Vorlagen repariert und ihre Parameter dokumentiert.",
                "Ich entwickle Module, die Daten aus Wikidata lesen und in Infoboxen anzeigen.",
                "Ich helfe anderen Autoren bei der Syntax von Vorlagen, bei Parserfunktionen und bei Lua-Fehlern.",
            ),
        ),
        "translation": (
            (
                "Ich möchte Artikel aus dem Englischen ins Deutsche übersetzen.",
                "Ich würde gern das Werkzeug zur Inhaltsübersetzung ohne Fehler benutzen.",
                "Gute Artikel zu übersetzen und ihre Quellen anzupassen, das möchte ich machen.",
                "Ich hoffe, Fachbegriffe richtig übersetzen zu lernen.",
            ),
            (
                "Ich habe über hundert Artikel aus dem Englischen und Französischen übersetzt.",
                "Ich benutze jede Woche das Übersetzungswerkzeug und prüfe maschinelle Übersetzungen.",
                "Als {Übersetzer|Übersetzerin} von Beruf prüfe ich Fachbegriffe und die Qualität übersetzter"
                " Artikel.",
                "Ich koordiniere ein Übersetzungsprojekt und helfe Übersetzern bei schwierigen Begriffen.",
            ),
        ),
        "outreach": (
            (
                "Ich möchte Wikipedia-Workshops für die Schüler meiner Schule anbieten.",
                "Ich würde gern eine Kooperation mit einem Heimatmuseum und seinem Archiv beginnen.",
                "Mein Ziel ist es, Lehrkräfte und Schüler an die Wikimedia-Projekte heranzuführen.",
                "Ich hoffe, einem Museum zu helfen, seine Sammlungen auf Wikipedia zu zeigen.",
            ),
            (
                "Ich unterrichte Wikipedia an Schulen und bilde Lehrkräfte für den Unterricht fort.",
                "Ich habe GLAM-Kooperationen mit Museen, Bibliotheken und Archiven koordiniert.",
                "Ich leite ein Bildungsprogramm, in dem Studierende Artikel als Hausarbeit schreiben.",
                "Ich habe einem Museum geholfen, seine Sammlungen freizugeben, und Workshops für die"
                " Mitarbeitenden organisiert.",
            ),
        ),
        "local_history": (
            (
                "Ich möchte Artikel über die Geschichte meines Heimatortes schreiben.",
                "Ich würde gern verlässliche Quellen zur Ortsgeschichte und zu alten Dörfern finden.",
                "Mein Ziel ist es, die Artikel über Kirchen, Brücken und historische Persönlichkeiten meiner"
                " Region zu verbessern.",
                "Ich hoffe zu lernen, wie man alte Zeitungen und Bücher über mein Dorf zitiert.",
            ),
            (
                "Ich habe viele Artikel über die Geschichte von Städten und Dörfern meiner Region geschrieben.",
                "Ich recherchiere Ortsgeschichte in Archiven und alten Zeitungen und zitiere sie sorgfältig.",
                "Ich schreibe über historische Gebäude, örtliche Familien und die Geschichte unseres Landkreises.",
                "Ich helfe Autoren, Quellen zur Ortsgeschichte in Bibliotheken zu finden.",
            ),
        ),
    },
)

RUSSIAN = Language(
    code="ru",
    script="Cyrillic",
    joiner=" ",
    timezones=(
        "Europe/Moscow",
        "Europe/Samara",
        "Asia/Yekaterinburg",
        "Asia/Novosibirsk",
        "Europe/Minsk",
        "Asia/Almaty",
        "Asia/Vladivostok",
    ),
    given=(
        ("Алексей", "Дмитрий", "Сергей", "Иван", "Михаил", "Андрей"),
        ("Анна", "Мария", "Екатерина", "Ольга", "Наталья", "Елена"),
    ),
    family=(
        "{Иванов|Иванова}",
        "{Смирнов|Смирнова}",
        "{Кузнецов|Кузнецова}",
        "{Попов|Попова}",
        "{Соколов|Соколова}",
        "{Лебедев|Лебедева}",
        "{Морозов|Морозова}",
        "{Волков|Волкова}",
    ),
    openers=(
        (
            "Здравствуйте!",
            "Привет, я новичок в Википедии.",
            "Я {начал|начала} редактировать несколько месяцев назад.",
            "Я много лет читаю Википедию и теперь хочу помогать.",
            "Я {студент|студентка} и редактирую в свободное время.",
        ),
        (
            "Я редактирую Википедию с 2012 года.",
            "Я {опытный участник|опытная участница} Википедии.",
            "Я волонтёр уже около десяти лет.",
            "Привет, мне нравится помогать новичкам.",
        ),
    ),
    fillers=(
        "Обычно я редактирую по вечерам.",
        "Ещё я люблю читать о музыке и футболе.",
        "В будни я работаю инженером.",
        "У меня двое детей, поэтому времени немного.",
        "Мне удобнее общаться по почте или на страницах обсуждения.",
        "Я живу в небольшом городе у моря.",
    ),
    closers=(
        ("Спасибо за помощь!", "Я могу встречаться раз в неделю.", "Буду {рад|рада} любому совету."),
        (
            "С удовольствием отвечу на вопросы.",
            "По выходным я {свободен|свободна}.",
            "Пишите мне на мою страницу обсуждения.",
        ),
    ),
    themes={
        "wikidata": (
            (
                "Я хочу научиться писать SPARQL-запросы к Викиданным.",
                "Мне бы хотелось добавлять утверждения и источники к элементам Викиданных о моём регионе.",
                "Моя цель — разобраться в свойствах, квалификаторах и идентификаторах Викиданных.",
                "Надеюсь составить запросы, которые находят элементы без русских меток.",
            ),
            (
                "Я {написал|написала} сотни SPARQL-запросов в сервисе запросов Викиданных.",
                "Уже много лет я добавляю утверждения, квалификаторы и источники к элементам Викиданных.",
                "Я загружаю наборы данных в Викиданные с помощью QuickStatements и OpenRefine.",
                "Я {предложил|предложила} несколько новых свойств и слежу за идентификаторами библиотек.",
            ),
        ),
        "commons": (
            (
                "Я хочу загрузить свои фотографии памятников на Викисклад.",
                "Мне бы хотелось разобраться в лицензиях и научиться категоризировать загруженные изображения.",
                "Я часто фотографирую здания и хочу делиться снимками на Викискладе.",
                "Моя цель — освоить мастер загрузки и делать более качественные фотографии для статей.",
            ),
            (
                "Я {загрузил|загрузила} на Викисклад тысячи собственных фотографий.",
                "Я организую фотопрогулки и конкурс «Вики любит памятники» в своей стране.",
                "Я проверяю лицензии и категоризирую изображения, которые загружают другие участники.",
                "Я фотографирую здания, церкви и пейзажи и добавляю снимки в статьи.",
            ),
        ),
        "editathons": (
            (
                "Я хочу организовать викимарафон в городской библиотеке.",
                "Мне бы хотелось научиться планировать мероприятия и приглашать новых авторов.",
                "Я готовлю наш первый семинар по редактированию, и мне нужна помощь со страницей мероприятия.",
                "Как сделать так, чтобы участники продолжали редактировать после мероприятия? Этому я хочу"
                " научиться.",
            ),
            (
                "Я {организовал|организовала} больше двадцати викимарафонов вместе с библиотеками и"
                " университетами.",
                "Я планирую викивстречи, готовлю страницы мероприятий и встречаю участников.",
                "Я {координировал|координировала} ежемесячные встречи и {обучал|обучала} новых волонтёров на"
                " семинарах.",
                "После каждого мероприятия я поддерживаю новичков и слежу за их правками.",
            ),
        ),
        "patrolling": (
            (
                "Я хочу научиться патрулировать свежие правки и откатывать вандализм.",
                "Мне бы хотелось быстрее замечать вандализм и предупреждать участников, которые им занимаются.",
                "Я хочу лучше бороться со спамом и защищать страницы.",
                "Надеюсь стать {патрулирующим|патрулирующей} и понять, когда нужно просить о блокировке.",
            ),
            (
                "Я каждый день патрулирую свежие правки и откатываю вандализм.",
                "Я {откатил|откатила} тысячи вандальных правок и {сообщал|сообщала} о спам-аккаунтах.",
                "Как администратор я блокирую вандалов и защищаю страницы, когда это нужно.",
                "Я пользуюсь инструментами против вандализма и учу новых патрулирующих предупреждать участников.",
            ),
        ),
        "templates": (
            (
                "Я хочу писать шаблоны и понять, как устроены карточки.",
                "Мне бы хотелось выучить Lua и написать свой первый модуль.",
                "Моя цель — исправлять сломанные шаблоны и функции парсера в наших статьях.",
                "Надеюсь понять, как модули берут данные из Викиданных для карточек.",
            ),
            (
                "Я пишу модули на Lua и поддерживаю шаблоны-карточки нашей вики.",
                "Я {исправил|исправила} много сломанных шаблонов и {описал|описала} их параметры.",
                "Я разрабатываю модули, которые читают данные из Викиданных и показывают их в карточках.",
                "Я помогаю другим участникам с синтаксисом шаблонов, функциями парсера и ошибками Lua.",
            ),
        ),
        "translation": (
            (
                "Я хочу переводить статьи с английского на русский.",
                "Мне бы хотелось пользоваться инструментом перевода содержимого без ошибок.",
                "Переводить хорошие статьи и адаптировать их источники — вот чем я хочу заниматься.",
                "Надеюсь научиться правильно переводить технические термины.",
            ),
            (
                "Я {перевёл|перевела} больше сотни статей с английского и немецкого.",
                "Каждую неделю я пользуюсь инструментом перевода содержимого и вычитываю машинные переводы.",
                "Как {профессиональный переводчик|профессиональная переводчица} я проверяю терминологию и"
                " качество переведённых статей.",
                "Я координирую проект по переводу и помогаю переводчикам с трудными терминами.",
            ),
        ),
        "outreach": (
            (
                "Я хочу проводить уроки о Википедии для учеников своей школы.",
                "Мне бы хотелось начать сотрудничество с местным музеем и его архивом.",
                "Моя цель — привлечь учителей и школьников к проектам Викимедиа.",
                "Надеюсь помочь библиотеке или музею поделиться своими коллекциями в Википедии.",
            ),
            (
                "Я преподаю Википедию в школах и обучаю учителей использовать её на уроках.",
                "Я {координировал|координировала} GLAM-проекты с музеями, библиотеками и архивами.",
                "Я веду образовательную программу, в которой студенты пишут статьи как задания.",
                "Я {помог|помогла} музею открыть его коллекции и {провёл|провела} семинары для сотрудников.",
            ),
        ),
        "local_history": (
            (
                "Я хочу писать статьи об истории своего города.",
                "Мне бы хотелось найти надёжные источники по краеведению и старым сёлам.",
                "Моя цель — улучшить статьи о церквях, мостах и исторических личностях нашего края.",
                "Надеюсь научиться ссылаться на старые газеты и книги о своей деревне.",
            ),
            (
                "Я {написал|написала} много статей об истории городов и сёл нашей области.",
                "Я изучаю краеведение в архивах и старых газетах и аккуратно ссылаюсь на них.",
                "Я пишу об исторических зданиях, местных семьях и истории нашего района.",
                "Я помогаю участникам находить источники по местной истории в библиотеках.",
            ),
        ),
    },
)

ARABIC = Language(
    code="ar",
    script="Arabic",
    joiner=" ",
    timezones=(
        "Africa/Cairo",
        "Asia/Riyadh",
        "Asia/Baghdad",
        "Africa/Casablanca",
        "Asia/Amman",
        "Africa/Tunis",
        "Asia/Dubai",
        "Africa/Algiers",
    ),
    given=(("محمد", "أحمد", "علي", "يوسف", "عمر", "خالد"), ("فاطمة", "مريم", "ليلى", "نور", "سارة", "هدى")),
    family=("الحسيني", "العلي", "المصري", "الخطيب", "حداد", "منصور", "الشامي", "النجار"),
    openers=(
        (
            "مرحبًا!",
            "مرحبًا، أنا {جديد|جديدة} في ويكيبيديا.",
            "بدأت التحرير منذ بضعة أشهر.",
            "أقرأ ويكيبيديا منذ سنوات وأريد الآن أن أساهم.",
            "أنا {طالب|طالبة} وأحرر في وقت فراغي.",
        ),
        (
            "أحرر في ويكيبيديا منذ عام 2012.",
            "أنا {محرر ذو خبرة|محررة ذات خبرة}.",
            "أنا {متطوع|متطوعة} منذ نحو عشر سنوات.",
            "مرحبًا، أحب مساعدة المستخدمين الجدد.",
        ),
    ),
    fillers=(
        "عادةً أحرر في المساء.",
        "أحب أيضًا القراءة عن الموسيقى وكرة القدم.",
        "أعمل {مهندسًا|مهندسة} خلال الأسبوع.",
        "لدي طفلان، لذلك وقتي محدود.",
        "أفضّل التواصل عبر البريد الإلكتروني أو صفحات النقاش.",
        "أعيش في مدينة صغيرة قرب البحر.",
    ),
    closers=(
        ("شكرًا على مساعدتكم!", "يمكنني اللقاء مرة في الأسبوع.", "أرحب بأي نصيحة."),
        (
            "يسعدني الرد على الأسئلة.",
            "أنا {متاح|متاحة} في عطلة نهاية الأسبوع.",
            "لا تتردد في مراسلتي على صفحة نقاشي.",
        ),
    ),
    themes={
        "wikidata": (
            (
                "أريد أن أتعلم كتابة استعلامات SPARQL في ويكي بيانات.",
                "أود إضافة إفادات ومراجع إلى عناصر ويكي بيانات عن منطقتي.",
                "هدفي أن أفهم الخصائص والمؤهلات والمعرفات في ويكي بيانات.",
                "آمل أن أكتب استعلامات تعرض العناصر التي ليس لها تسميات بالعربية.",
            ),
            (
                "كتبت مئات الاستعلامات بلغة SPARQL في خدمة استعلامات ويكي بيانات.",
                "منذ سنوات أضيف الإفادات والمؤهلات والمراجع إلى عناصر ويكي بيانات.",
                "أستورد مجموعات البيانات إلى ويكي بيانات باستخدام QuickStatements و OpenRefine.",
                "اقترحت عدة خصائص جديدة وأعتني بمعرفات المكتبات.",
            ),
        ),
        "commons": (
            (
                "أريد أن أرفع صوري للمعالم الأثرية إلى ويكيميديا كومنز.",
                "أود أن أفهم التراخيص وكيف أصنف الصور التي أرفعها.",
                "ألتقط صورًا كثيرة للمباني وأرغب في مشاركتها على كومنز.",
                "هدفي أن أتعلم استخدام معالج الرفع وأن ألتقط صورًا أفضل للمقالات.",
            ),
            (
                "رفعت إلى كومنز آلاف الصور التي التقطتها بنفسي.",
                "أنظم جولات تصوير ومسابقة ويكي تهوى المعالم في بلدي.",
                "أراجع التراخيص وأصنف الصور التي يرفعها الآخرون.",
                "أصور المباني والمساجد والمناظر الطبيعية وأضيف الصور إلى المقالات.",
            ),
        ),
        "editathons": (
            (
                "أريد أن أنظم ماراثون تحرير في مكتبة مدينتي.",
                "أود أن أتعلم كيف أخطط للفعاليات وأدعو محررين جددًا.",
                "أحضّر أول ورشة تحرير لنا وأحتاج إلى مساعدة في صفحة الفعالية.",
                "كيف نجعل المشاركين يستمرون في التحرير بعد الفعالية؟ هذا ما أريد أن أتعلمه.",
            ),
            (
                "نظمت أكثر من عشرين ماراثون تحرير مع مكتبات وجامعات.",
                "أخطط لفعاليات التحرير وأجهز صفحات الفعاليات وأستقبل المشاركين.",
                "نسقت لقاءً شهريًا ودربت متطوعين جددًا في ورش العمل.",
                "بعد كل فعالية أتابع المستخدمين الجدد وتعديلاتهم.",
            ),
        ),
        "patrolling": (
            (
                "أريد أن أتعلم مراقبة أحدث التغييرات واسترجاع التخريب.",
                "أود أن أكتشف التخريب بسرعة أكبر وأن أنبه المستخدمين الذين يقومون به.",
                "أريد أن أتحسن في مكافحة الرسائل المزعجة وحماية الصفحات.",
                "آمل أن أصبح {مراجعًا|مراجِعة} وأن أفهم متى أطلب منع مستخدم.",
            ),
            (
                "أراقب أحدث التغييرات كل يوم وأسترجع التخريب.",
                "استرجعت آلاف التعديلات التخريبية وأبلغت عن حسابات الرسائل المزعجة.",
                "بصفتي {إداريًا|إدارية} أمنع المخربين وأحمي الصفحات عند الحاجة.",
                "أستخدم أدوات مكافحة التخريب وأعلّم المراجعين الجدد كيف ينبهون المستخدمين.",
            ),
        ),
        "templates": (
            (
                "أريد أن أكتب قوالب وأن أفهم كيف تعمل صناديق المعلومات.",
                "أود أن أتعلم لغة Lua وأن أكتب أول وحدة لي.",
                "هدفي إصلاح القوالب المعطلة ودوال المحلل في مقالاتنا.",
                "آمل أن أفهم كيف تقرأ الوحدات البيانات من ويكي بيانات لصناديق المعلومات.",
            ),
            (
                "أكتب وحدات بلغة Lua وأعتني بقوالب صناديق المعلومات في ويكيبيديا العربية.",
                "أصلحت كثيرًا من القوالب المعطلة ووثقت وسائطها.",
                "أطور وحدات تقرأ البيانات من ويكي بيانات وتعرضها في صناديق المعلومات.",
                "أساعد المحررين الآخرين في صياغة القوالب ودوال المحلل وأخطاء Lua.",
            ),
        ),
        "translation": (
            (
                "أريد أن أترجم مقالات من الإنجليزية إلى العربية.",
                "أود استخدام أداة ترجمة المحتوى دون أن أرتكب أخطاء.",
                "ترجمة المقالات الجيدة وتكييف مصادرها هو ما أريد فعله.",
                "آمل أن أتعلم ترجمة المصطلحات التقنية بشكل صحيح.",
            ),
            (
                "ترجمت أكثر من مئة مقالة من الإنجليزية والفرنسية.",
                "أستخدم أداة ترجمة المحتوى كل أسبوع وأراجع الترجمات الآلية.",
                "بصفتي {مترجمًا محترفًا|مترجمة محترفة} أراجع المصطلحات وجودة المقالات المترجمة.",
                "أنسق مشروعًا للترجمة وأساعد المترجمين في المصطلحات الصعبة.",
            ),
        ),
        "outreach": (
            (
                "أريد أن أقدم ورشات عن ويكيبيديا لطلاب مدرستي.",
                "أود أن أبدأ شراكة مع متحف محلي وأرشيفه.",
                "هدفي أن أقرّب المعلمين والطلاب من مشاريع ويكيميديا.",
                "آمل أن أساعد مكتبة أو متحفًا على مشاركة مجموعاته في ويكيبيديا.",
            ),
            (
                "أدرّس ويكيبيديا في المدارس وأدرب المعلمين على استخدامها في الصف.",
                "نسقت شراكات GLAM مع متاحف ومكتبات وأرشيفات.",
                "أدير برنامجًا تعليميًا يكتب فيه الطلاب مقالات كواجبات دراسية.",
                "ساعدت متحفًا على إتاحة مجموعاته ونظمت ورشات لموظفيه.",
            ),
        ),
        "local_history": (
            (
                "أريد أن أكتب مقالات عن تاريخ بلدتي.",
                "أود أن أجد مصادر موثوقة عن التاريخ المحلي والقرى القديمة.",
                "هدفي تحسين المقالات عن المساجد والجسور والشخصيات التاريخية في منطقتي.",
                "آمل أن أتعلم كيف أستشهد بالصحف القديمة والكتب عن قريتي.",
            ),
            (
                "كتبت مقالات كثيرة عن تاريخ المدن والقرى في منطقتي.",
                "أبحث في التاريخ المحلي في الأرشيفات والصحف القديمة وأستشهد بها بعناية.",
                "أكتب عن المباني التاريخية والعائلات المحلية وتاريخ محافظتنا.",
                "أساعد المحررين في العثور على مصادر التاريخ المحلي في المكتبات.",
            ),
        ),
    },
)

HINDI = Language(
    code="hi",
    script="Devanagari",
    joiner=" ",
    timezones=("Asia/Kolkata", "+05:30"),
    given=(
        ("राहुल", "अमित", "विकास", "अर्जुन", "संजय", "रोहित"),
        ("प्रिया", "अंजलि", "पूजा", "नेहा", "सुनीता", "कविता"),
    ),
    family=("शर्मा", "वर्मा", "गुप्ता", "सिंह", "यादव", "मिश्रा", "पटेल", "जोशी"),
    openers=(
        (
            "नमस्ते!",
            "नमस्ते, मैं विकिपीडिया पर {नया|नई} सदस्य हूँ।",
            "मैंने कुछ महीने पहले संपादन शुरू किया।",
            "मैं कई वर्षों से विकिपीडिया पढ़ {रहा|रही} हूँ और अब योगदान देना {चाहता|चाहती} हूँ।",
            "मैं {छात्र|छात्रा} हूँ और खाली समय में संपादन {करता|करती} हूँ।",
        ),
        (
            "मैं 2012 से विकिपीडिया पर संपादन कर {रहा|रही} हूँ।",
            "मैं {एक अनुभवी संपादक|एक अनुभवी संपादिका} हूँ।",
            "मैं लगभग दस वर्षों से स्वयंसेवक हूँ।",
            "नमस्ते, मुझे नए सदस्यों की मदद करना अच्छा लगता है।",
        ),
    ),
    fillers=(
        "मैं आम तौर पर शाम को संपादन {करता|करती} हूँ।",
        "मुझे संगीत और क्रिकेट के बारे में पढ़ना भी पसंद है।",
        "सप्ताह में मैं इंजीनियर के रूप में काम {करता|करती} हूँ।",
        "मेरे दो बच्चे हैं, इसलिए मेरे पास समय कम है।",
        "मुझे ईमेल या वार्ता पृष्ठों पर बात करना पसंद है।",
        "मैं समुद्र के पास एक छोटे शहर में {रहता|रहती} हूँ।",
    ),
    closers=(
        ("आपकी मदद के लिए धन्यवाद!", "मैं हफ़्ते में एक बार मिल {सकता|सकती} हूँ।", "हर सलाह का स्वागत है।"),
        (
            "मुझे सवालों के जवाब देकर ख़ुशी होगी।",
            "सप्ताहांत पर मेरे पास समय होता है।",
            "मेरे वार्ता पृष्ठ पर बेझिझक लिखिए।",
        ),
    ),
    themes={
        "wikidata": (
            (
                "मैं विकिडेटा के लिए SPARQL क्वेरी लिखना सीखना {चाहता|चाहती} हूँ।",
                "मैं अपने क्षेत्र के विकिडेटा आइटमों में कथन और संदर्भ जोड़ना {चाहता|चाहती} हूँ।",
                "मेरा लक्ष्य विकिडेटा के गुणों, क्वालीफ़ायरों और पहचानकर्ताओं को समझना है।",
                "मुझे उम्मीद है कि मैं ऐसी क्वेरी बना {पाऊँगा|पाऊँगी} जो बिना हिंदी लेबल वाले आइटम दिखाएँ।",
            ),
            (
                "मैंने विकिडेटा क्वेरी सेवा पर सैकड़ों SPARQL क्वेरी लिखी हैं।",
                "कई वर्षों से मैं विकिडेटा आइटमों में कथन, क्वालीफ़ायर और संदर्भ जोड़ {रहा|रही} हूँ।",
                "मैं QuickStatements और OpenRefine से डेटासेट विकिडेटा में आयात {करता|करती} हूँ।",
                "मैंने कई नए गुण प्रस्तावित किए हैं और पुस्तकालयों के पहचानकर्ताओं की देखभाल {करता|करती} हूँ।",
            ),
        ),
        "commons": (
            (
                "मैं स्मारकों की अपनी तस्वीरें विकिमीडिया कॉमन्स पर अपलोड करना {चाहता|चाहती} हूँ।",
                "मैं लाइसेंस समझना और अपलोड की गई छवियों को श्रेणियों में रखना सीखना {चाहता|चाहती} हूँ।",
                "मैं इमारतों की बहुत सारी तस्वीरें {खींचता|खींचती} हूँ और उन्हें कॉमन्स पर साझा करना {चाहता|चाहती} हूँ।",
                "मेरा लक्ष्य अपलोड विज़ार्ड सीखना और लेखों के लिए बेहतर तस्वीरें लेना है।",
            ),
            (
                "मैंने अपनी खींची हुई हज़ारों तस्वीरें कॉमन्स पर अपलोड की हैं।",
                "मैं अपने देश में फ़ोटो वॉक और विकि लव्स मॉन्यूमेंट्स प्रतियोगिता आयोजित {करता|करती} हूँ।",
                "मैं लाइसेंस {जाँचता|जाँचती} हूँ और दूसरों की अपलोड की गई छवियों को श्रेणियों में {रखता|रखती} हूँ।",
                "मैं इमारतों, मंदिरों और प्राकृतिक दृश्यों की तस्वीरें {लेता|लेती} हूँ और उन्हें लेखों में {जोड़ता|जोड़ती} हूँ।",
            ),
        ),
        "editathons": (
            (
                "मैं अपने शहर के पुस्तकालय में एक एडिट-अ-थॉन आयोजित करना {चाहता|चाहती} हूँ।",
                "मैं कार्यक्रमों की योजना बनाना और नए संपादकों को आमंत्रित करना सीखना {चाहता|चाहती} हूँ।",
                "मैं हमारी पहली संपादन कार्यशाला की तैयारी कर {रहा|रही} हूँ और मुझे कार्यक्रम पृष्ठ में मदद चाहिए।",
                "कार्यक्रम के बाद प्रतिभागी संपादन करते रहें, यह कैसे हो? मैं यही सीखना {चाहता|चाहती} हूँ।",
            ),
            (
                "मैंने पुस्तकालयों और विश्वविद्यालयों के साथ बीस से अधिक एडिट-अ-थॉन आयोजित किए हैं।",
                "मैं संपादन कार्यक्रमों की योजना {बनाता|बनाती} हूँ, कार्यक्रम पृष्ठ तैयार {करता|करती} हूँ और"
                " प्रतिभागियों का स्वागत {करता|करती} हूँ।",
                "मैंने मासिक मिलन का समन्वय किया और कार्यशालाओं में नए स्वयंसेवकों को प्रशिक्षित किया।",
                "हर कार्यक्रम के बाद मैं नए सदस्यों से संपर्क {रखता|रखती} हूँ और उनके संपादनों पर नज़र {रखता|रखती} हूँ।",
            ),
        ),
        "patrolling": (
            (
                "मैं हाल के बदलावों पर गश्त करना और बर्बरता को पूर्ववत करना सीखना {चाहता|चाहती} हूँ।",
                "मैं बर्बरता को जल्दी पहचानना और ऐसा करने वाले सदस्यों को चेतावनी देना {चाहता|चाहती} हूँ।",
                "मैं स्पैम से लड़ने और पृष्ठों को सुरक्षित करने में बेहतर होना {चाहता|चाहती} हूँ।",
                "मुझे उम्मीद है कि मैं गश्ती {बनूँगा|बनूँगी} और {समझूँगा|समझूँगी} कि अवरोध का अनुरोध कब करना चाहिए।",
            ),
            (
                "मैं हर दिन हाल के बदलावों पर गश्त {करता|करती} हूँ और बर्बरता पूर्ववत {करता|करती} हूँ।",
                "मैंने हज़ारों बर्बर संपादन पूर्ववत किए हैं और स्पैम खातों की रिपोर्ट की है।",
                "प्रबंधक के रूप में मैं बर्बरता करने वालों को अवरोधित {करता|करती} हूँ और ज़रूरत पड़ने पर पृष्ठ"
                " सुरक्षित {करता|करती} हूँ।",
                "मैं बर्बरता-रोधी उपकरणों का उपयोग {करता|करती} हूँ और नए गश्तियों को {सिखाता|सिखाती} हूँ कि"
                " सदस्यों को चेतावनी कैसे दें।",
            ),
        ),
        "templates": (
            (
                "मैं साँचे लिखना और यह समझना {चाहता|चाहती} हूँ कि ज्ञानसंदूक कैसे काम करते हैं।",
                "मैं Lua सीखना और अपना पहला मॉड्यूल लिखना {चाहता|चाहती} हूँ।",
                "मेरा लक्ष्य हमारे लेखों में टूटे हुए साँचों और पार्सर फ़ंक्शनों को ठीक करना है।",
                "मुझे उम्मीद है कि मैं समझ {पाऊँगा|पाऊँगी} कि मॉड्यूल ज्ञानसंदूकों के लिए विकिडेटा से डेटा कैसे पढ़ते हैं।",
            ),
            (
                "मैं Lua में मॉड्यूल {लिखता|लिखती} हूँ और हमारे विकि के ज्ञानसंदूक साँचों का रखरखाव {करता|करती} हूँ।",
                "मैंने कई टूटे हुए साँचे ठीक किए हैं और उनके प्राचलों का दस्तावेज़ बनाया है।",
                "मैं ऐसे मॉड्यूल विकसित {करता|करती} हूँ जो विकिडेटा से डेटा पढ़कर ज्ञानसंदूकों में दिखाते हैं।",
                "मैं दूसरे संपादकों की साँचों के सिंटैक्स, पार्सर फ़ंक्शनों और Lua त्रुटियों में मदद {करता|करती} हूँ।",
            ),
        ),
        "translation": (
            (
                "मैं अंग्रेज़ी से हिंदी में लेखों का अनुवाद करना {चाहता|चाहती} हूँ।",
                "मैं बिना गलतियों के सामग्री अनुवाद उपकरण का उपयोग करना {चाहता|चाहती} हूँ।",
                "अच्छे लेखों का अनुवाद करना और उनके स्रोतों को ढालना ही मैं करना {चाहता|चाहती} हूँ।",
                "मुझे उम्मीद है कि मैं तकनीकी शब्दों का सही अनुवाद करना {सीखूँगा|सीखूँगी}।",
            ),
            (
                "मैंने अंग्रेज़ी और उर्दू से सौ से अधिक लेखों का अनुवाद किया है।",
                "मैं हर हफ़्ते सामग्री अनुवाद उपकरण का उपयोग {करता|करती} हूँ और मशीनी अनुवादों की समीक्षा {करता|करती} हूँ।",
                "पेशेवर अनुवादक के रूप में मैं शब्दावली और अनूदित लेखों की गुणवत्ता {जाँचता|जाँचती} हूँ।",
                "मैं एक अनुवाद परियोजना का समन्वय {करता|करती} हूँ और अनुवादकों की कठिन शब्दों में मदद {करता|करती} हूँ।",
            ),
        ),
        "outreach": (
            (
                "मैं अपने विद्यालय के छात्रों के लिए विकिपीडिया कार्यशालाएँ चलाना {चाहता|चाहती} हूँ।",
                "मैं एक स्थानीय संग्रहालय और उसके अभिलेखागार के साथ साझेदारी शुरू करना {चाहता|चाहती} हूँ।",
                "मेरा लक्ष्य शिक्षकों और विद्यार्थियों को विकिमीडिया परियोजनाओं से जोड़ना है।",
                "मुझे उम्मीद है कि मैं किसी पुस्तकालय या संग्रहालय को अपने संग्रह विकिपीडिया पर साझा करने में"
                " मदद {करूँगा|करूँगी}।",
            ),
            (
                "मैं स्कूलों में विकिपीडिया {पढ़ाता|पढ़ाती} हूँ और शिक्षकों को कक्षा में इसका उपयोग करना {सिखाता|सिखाती} हूँ।",
                "मैंने संग्रहालयों, पुस्तकालयों और अभिलेखागारों के साथ GLAM साझेदारियों का समन्वय किया है।",
                "मैं एक शिक्षा कार्यक्रम {चलाता|चलाती} हूँ जिसमें छात्र गृहकार्य के रूप में लेख लिखते हैं।",
                "मैंने एक संग्रहालय को अपने संग्रह खोलने में मदद की और उसके कर्मचारियों के लिए कार्यशालाएँ आयोजित कीं।",
            ),
        ),
        "local_history": (
            (
                "मैं अपने कस्बे के इतिहास पर लेख लिखना {चाहता|चाहती} हूँ।",
                "मैं स्थानीय इतिहास और पुराने गाँवों के बारे में विश्वसनीय स्रोत खोजना {चाहता|चाहती} हूँ।",
                "मेरा लक्ष्य अपने क्षेत्र के मंदिरों, पुलों और ऐतिहासिक व्यक्तियों पर लेखों को बेहतर बनाना है।",
                "मुझे उम्मीद है कि मैं पुराने अख़बारों और अपने गाँव पर किताबों का हवाला देना {सीखूँगा|सीखूँगी}।",
            ),
            (
                "मैंने अपने क्षेत्र के शहरों और गाँवों के इतिहास पर कई लेख लिखे हैं।",
                "मैं अभिलेखागारों और पुराने अख़बारों में स्थानीय इतिहास पर शोध {करता|करती} हूँ और उनका"
                " सावधानी से हवाला {देता|देती} हूँ।",
                "मैं ऐतिहासिक इमारतों, स्थानीय परिवारों और अपने ज़िले के इतिहास के बारे में {लिखता|लिखती} हूँ।",
                "मैं संपादकों को पुस्तकालयों में स्थानीय इतिहास के स्रोत खोजने में मदद {करता|करती} हूँ।",
            ),
        ),
    },
)

JAPANESE = Language(
    code="ja",
    script="Japanese",
    joiner="",
    timezones=("Asia/Tokyo",),
    given=(("翔太", "大輔", "健太", "拓也", "直樹", "誠"), ("美咲", "陽子", "由美", "彩", "恵", "花子")),
    family=("佐藤", "鈴木", "高橋", "田中", "渡辺", "伊藤", "山本", "中村"),
    openers=(
        (
            "こんにちは。",
            "ウィキペディアを始めたばかりの初心者です。",
            "数か月前から編集を始めました。",
            "何年もウィキペディアを読んできて、今度は貢献したいと思いました。",
            "学生で、空いた時間に編集しています。",
        ),
        (
            "2012年からウィキペディアを編集しています。",
            "経験のある編集者です。",
            "十年ほどボランティアをしています。",
            "初心者の手助けをするのが好きです。",
        ),
    ),
    fillers=(
        "たいてい夜に編集しています。",
        "音楽やサッカーについて読むのも好きです。",
        "平日はエンジニアとして働いています。",
        "子どもが二人いるので、時間は限られています。",
        "メールやノートページでやり取りするのが好きです。",
        "海の近くの小さな町に住んでいます。",
    ),
    closers=(
        (
            "どうぞよろしくお願いします。",
            "週に一度なら時間が取れます。",
            "アドバイスをいただけるとうれしいです。",
        ),
        (
            "質問があれば喜んで答えます。",
            "週末なら時間があります。",
            "気軽に私のノートページに書いてください。",
        ),
    ),
    themes={
        "wikidata": (
            (
                "ウィキデータのSPARQLクエリを書けるようになりたいです。",
                "自分の地域に関するウィキデータの項目に、ステートメントや出典を追加したいと思っています。",
                "ウィキデータのプロパティ、修飾子、識別子を理解することが目標です。",
                "日本語のラベルがない項目を一覧にするクエリを作りたいです。",
            ),
            (
                "ウィキデータ・クエリサービスで何百ものSPARQLクエリを書いてきました。",
                "何年もウィキデータの項目にステートメントや修飾子、出典を追加しています。",
                "QuickStatementsとOpenRefineを使ってデータセットをウィキデータに取り込んでいます。",
                "新しいプロパティをいくつか提案し、図書館の識別子を管理しています。",
            ),
        ),
        "commons": (
            (
                "記念物の写真をウィキメディア・コモンズにアップロードしたいです。",
                "ライセンスを理解して、アップロードした画像をカテゴリに分類する方法を知りたいです。",
                "建物の写真をたくさん撮っているので、コモンズで共有したいと思っています。",
                "アップロードウィザードの使い方を覚えて、記事のためにもっと良い写真を撮ることが目標です。",
            ),
            (
                "自分で撮影した写真を何千枚もコモンズにアップロードしてきました。",
                "国内で撮影会やウィキ・ラブズ・モニュメンツを運営しています。",
                "ほかの人がアップロードした画像のライセンスを確認し、カテゴリを付けています。",
                "建物や神社、風景を撮影して、その写真を記事に追加しています。",
            ),
        ),
        "editathons": (
            (
                "地元の図書館でエディタソンを開催したいです。",
                "イベントの計画の立て方や、新しい編集者の招き方を学びたいです。",
                "初めての編集講習会を準備していて、イベントページについて助けが必要です。",
                "イベントの後も参加者が編集を続けるにはどうすればいいか、学びたいです。",
            ),
            (
                "図書館や大学と一緒に二十回以上エディタソンを開催しました。",
                "編集イベントを企画し、イベントページを用意して、参加者を迎えています。",
                "毎月のミートアップを取りまとめ、講習会で新しいボランティアを指導しました。",
                "イベントのたびに新しい参加者をフォローし、その編集を見守っています。",
            ),
        ),
        "patrolling": (
            (
                "最近の更新を巡回して、荒らしを差し戻す方法を学びたいです。",
                "荒らしをもっと早く見つけて、それをする利用者に警告できるようになりたいです。",
                "スパム対策やページの保護がもっと上手になりたいです。",
                "巡回者になって、いつブロックを依頼すべきか理解したいと思っています。",
            ),
            (
                "毎日最近の更新を巡回し、荒らしを差し戻しています。",
                "何千件もの荒らし編集を差し戻し、スパムアカウントを報告してきました。",
                "管理者として、必要なときに荒らしをブロックし、ページを保護しています。",
                "荒らし対策ツールを使い、新しい巡回者に利用者への警告の仕方を教えています。",
            ),
        ),
        "templates": (
            (
                "テンプレートを書けるようになり、基礎情報テンプレートの仕組みを理解したいです。",
                "Luaを勉強して、初めてのモジュールを書きたいです。",
                "記事の中の壊れたテンプレートやパーサー関数を直すことが目標です。",
                "モジュールがウィキデータからデータを読み込んで基礎情報に表示する仕組みを知りたいです。",
            ),
            (
                "Luaでモジュールを書き、ウィキの基礎情報テンプレートを保守しています。",
                "壊れたテンプレートをたくさん修正し、その引数を文書化しました。",
                "ウィキデータからデータを読み込んで基礎情報に表示するモジュールを開発しています。",
                "ほかの編集者にテンプレートの構文やパーサー関数、Luaのエラーについて助言しています。",
            ),
        ),
        "translation": (
            (
                "英語版の記事を日本語に翻訳したいです。",
                "コンテンツ翻訳ツールを間違えずに使えるようになりたいです。",
                "良い記事を翻訳して、その出典を調整するのが私のやりたいことです。",
                "専門用語を正しく翻訳する方法を学びたいと思っています。",
            ),
            (
                "英語版やドイツ語版から百本以上の記事を翻訳しました。",
                "毎週コンテンツ翻訳ツールを使い、機械翻訳を見直しています。",
                "プロの翻訳者として、訳語や翻訳記事の品質を確認しています。",
                "翻訳プロジェクトを取りまとめ、難しい用語について翻訳者を手伝っています。",
            ),
        ),
        "outreach": (
            (
                "自分の学校の生徒向けにウィキペディアの講座を開きたいです。",
                "地元の博物館やその資料館と協力を始めたいと思っています。",
                "先生や生徒をウィキメディアのプロジェクトに誘うことが目標です。",
                "図書館や博物館がコレクションをウィキペディアで共有するのを手伝いたいです。",
            ),
            (
                "学校でウィキペディアを教え、授業で使えるよう先生たちを研修しています。",
                "博物館、図書館、文書館とのGLAM連携を取りまとめてきました。",
                "学生が課題として記事を書く教育プログラムを運営しています。",
                "博物館がコレクションを公開するのを手伝い、職員向けの講座を開きました。",
            ),
        ),
        "local_history": (
            (
                "自分の町の歴史について記事を書きたいです。",
                "郷土史や昔の村について、信頼できる出典を見つけたいです。",
                "地域の寺社や橋、歴史上の人物に関する記事を充実させるのが目標です。",
                "古い新聞や村についての本を出典として引用する方法を学びたいです。",
            ),
            (
                "地域の町や村の歴史について多くの記事を書いてきました。",
                "文書館や古い新聞で郷土史を調べ、丁寧に出典を示しています。",
                "歴史的な建物や地元の旧家、郡の歴史について執筆しています。",
                "図書館で郷土史の資料を探す編集者を手伝っています。",
            ),
        ),
    },
)

LANGUAGES: dict[str, Language] = {
    lang.code: lang for lang in (ENGLISH, SPANISH, FRENCH, GERMAN, RUSSIAN, ARABIC, HINDI, JAPANESE)
}
#: Share of mentees (and of mentors) writing in each language.
SHARES = {"en": 0.20, "es": 0.13, "fr": 0.13, "de": 0.12, "ru": 0.11, "ar": 0.11, "hi": 0.10, "ja": 0.10}
#: Who also lists a second language: English for the others, Spanish, French or German for English.
SECOND_LANGUAGE = {"mentee": 0.10, "mentor": 0.35}
SECOND_THEME = {"mentee": 0.15, "mentor": 0.25}
_AGREE = re.compile(r"\{([^{}|]*)\|([^{}|]*)\}")


def agree(text: str, feminine: bool) -> str:
    """Resolve every ``{masculine|feminine}`` choice in ``text`` for the writer."""
    return _AGREE.sub(lambda m: m.group(2 if feminine else 1), text)


def _pick(rng: np.random.Generator, options: tuple[str, ...]) -> str:
    return options[int(rng.integers(len(options)))]


def _write(rng: np.random.Generator, lang: Language, themes: list[str], mentor: bool) -> str:
    """Two or three sentences of the main theme, maybe one of another, filler, opener and closer."""
    side = int(mentor)
    pool = lang.themes[themes[0]][side]
    body = [pool[k] for k in rng.choice(len(pool), size=int(rng.integers(2, 4)), replace=False)]
    body += [_pick(rng, lang.themes[extra][side]) for extra in themes[1:]]
    fillers = rng.choice(len(lang.fillers), size=int(rng.choice(3, p=[0.45, 0.4, 0.15])), replace=False)
    body += [lang.fillers[k] for k in fillers]
    parts = [body[k] for k in rng.permutation(len(body))]
    if rng.random() < 0.6:
        parts.insert(0, _pick(rng, lang.openers[side]))
    if rng.random() < 0.4:
        parts.append(_pick(rng, lang.closers[side]))
    return lang.joiner.join(parts)


def _languages(rng: np.random.Generator, code: str, role: str) -> str:
    if rng.random() >= SECOND_LANGUAGE[role]:
        return code
    second = "en" if code != "en" else ("es", "fr", "de")[int(rng.integers(3))]
    return f"{code};{second}"


def _themes(rng: np.random.Generator, role: str) -> list[str]:
    first = int(rng.integers(len(THEMES)))
    themes = [THEMES[first]]
    if rng.random() < SECOND_THEME[role]:
        themes.append(THEMES[(first + 1 + int(rng.integers(len(THEMES) - 1))) % len(THEMES)])
    return themes


def _person(rng: np.random.Generator, k: int, role: str, code: str) -> dict[str, str]:
    lang, mentor = LANGUAGES[code], role == "mentor"
    feminine = bool(rng.random() < 0.5)
    themes = _themes(rng, role)
    text = agree(_write(rng, lang, themes, mentor), feminine)
    given, family = _pick(rng, lang.given[int(feminine)]), agree(_pick(rng, lang.family), feminine)
    return {
        "id": f"{'r' if mentor else 'e'}{k:07d}",
        "name": f"{family}{given}" if code == "ja" else f"{given} {family}",
        "role": role,
        "kinds": "traditional",
        "goals": "" if mentor else text,
        "experience": text if mentor else "",
        "offers": "",
        "seeks": "",
        "languages": _languages(rng, code, role),
        "timezone": _pick(rng, lang.timezones) if rng.random() < 0.95 else "",
        "capacity": str(int(rng.integers(1, 6))) if mentor else "",
        # Mentees plant one theme (the first); a further one of theirs is a passing mention.
        "themes": ";".join(themes if mentor else themes[:1]),
        "language": code,
        "script": lang.script,
    }


def multilingual_community(n_mentees: int, *, ratio: int = 4, seed: int = 0) -> pd.DataFrame:
    """Generate a multilingual community in the participants-table contract, themes in the text only.

    Each person writes in one of eight languages (:data:`SHARES`), in its script; a third
    of the mentors and a tenth of the mentees also list a second language (English, or
    for English speakers Spanish, French or German), as on Wikimedia projects, where
    mentors of a local wiki often read English and newcomers often do not. Time zones
    are those where the language is spoken. Mentees have one theme (and sometimes
    mention another in passing), mentors one or two; mentor capacities are 1 to 5.

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
        The columns of :data:`matching.COLUMNS` (``offers`` and ``seeks`` empty) and three
        extra attributes: ``themes`` (planted, ``;``-separated; a mentee's one), ``language``
        (the one the person writes in) and ``script``. All strings.
    """
    rng = np.random.default_rng(seed)
    codes = list(SHARES)
    shares = np.array([SHARES[c] for c in codes])
    n_mentors = max(1, n_mentees // ratio)
    rows = []
    for k in range(n_mentees + n_mentors):
        role = "mentor" if k >= n_mentees else "mentee"
        rows.append(_person(rng, k, role, codes[int(rng.choice(len(codes), p=shares / shares.sum()))]))
    return pd.DataFrame(rows, columns=[*COLUMNS, "themes", "language", "script"])
