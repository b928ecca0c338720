"""Sentence templates in French."""

from mentorship.demo.templates._base import Templates

FRENCH = Templates(
    openers_new=(
        "J'ai commencé à contribuer à {project} en {year}, après un atelier à {city}.",
        "J'habite à {city}, {job} et je contribue à {project} pendant mon temps libre.",
        "Je fais partie de la communauté Wikimédia de {city} depuis peu.",
        "Je contribue à {project} depuis {year}, surtout en solitaire.",
    ),
    openers_experienced=(
        "Je contribue à {project} depuis {year} et je coordonne aujourd'hui des activités à {city}.",
        "Je coordonne notre groupe de bénévoles à {city}.",
        "J'habite à {city}, {job} et je suis bénévole chez Wikimédia depuis {years} ans.",
    ),
    want_one=(
        "Je voudrais progresser dans {a}.",
        "J'aurais surtout besoin d'un accompagnement concret pour {a}.",
        "J'aimerais échanger avec quelqu'un qui a une vraie expérience dans {a}.",
        "Je cherche quelqu'un pour réfléchir avec moi sur {a}.",
    ),
    want_two=(
        "Je voudrais progresser dans {a} et dans {b}.",
        "Cette année, je veux me concentrer sur {a} et sur {b}.",
        "J'aimerais être accompagné[|e] dans {a}, puis dans {b}.",
    ),
    want_also=(
        "J'aimerais aussi progresser dans {a}.",
        "Je voudrais également travailler sur {a}.",
    ),
    why=(
        "Notre communauté grandit et je veux être à la hauteur.",
        "J'aimerais que le groupe ne repose plus sur les mêmes trois personnes.",
        "Je veux progresser sans perdre le plaisir de contribuer.",
    ),
    kind_wish={
        "traditional": ("Des échanges individuels réguliers me conviendraient le mieux.",),
        "group": (
            "J'aimerais beaucoup apprendre en petit groupe avec des personnes qui se posent les mêmes "
            "questions.",
        ),
        "peer": ("Un échange entre pairs, où chacun apprend de l'autre, m'intéresse aussi.",),
    },
    background_new=(
        "Je découvre encore le fonctionnement de {project}.",
        "Je suis arrivé[|e] récemment dans le mouvement : ma première modification date de {year}.",
        "Je contribue à {project} de temps en temps depuis {year}.",
        "Jusqu'ici, j'ai surtout contribué seul[|e], sans beaucoup de contacts avec d'autres bénévoles.",
    ),
    background_experienced=(
        "Je participe depuis longtemps à la communauté de {city}, où j'ai occupé plusieurs rôles.",
        "Je contribue à {project} depuis {year}.",
        "Je suis bénévole chez Wikimédia à {city} depuis {years} ans.",
        "J'habite à {city}, {job} et je participe au mouvement depuis {year}.",
    ),
    done_one=(
        "J'ai une solide expérience dans {a}.",
        "On me demande souvent de l'aide pour {a}.",
        "Une grande partie de mon temps bénévole porte sur {a}.",
    ),
    done_two=(
        "J'ai de l'expérience dans {a} et dans {b}.",
        "Je peux aider pour {a} et pour {b}.",
        "J'ai déjà beaucoup travaillé sur {a} et sur {b}.",
    ),
    mentor_style=(
        "Comme [mentor|mentore], je préfère des appels courts et réguliers, avec des notes partagées.",
        "J'aime poser des questions plutôt que donner des réponses toutes faites.",
        "Je suis patient[|e] avec les débutants et je partage volontiers mes propres erreurs.",
    ),
    jobs=(
        "je travaille dans une bibliothèque",
        "j'enseigne l'histoire au lycée",
        "je fais des études de médecine",
        "je suis journaliste",
        "je travaille dans l'informatique",
        "j'enseigne à l'université",
    ),
)
