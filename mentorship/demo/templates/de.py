"""Sentence templates in German; topic phrases come in the dative, after "bei" or "mit"."""

from mentorship.demo.templates._base import Templates

GERMAN = Templates(
    openers_new=(
        "Ich habe {year} nach einem Workshop in {city} angefangen, für {project} zu schreiben.",
        "Ich lebe in {city}, {job} und bearbeite {project} in meiner Freizeit.",
        "Ich bin erst seit Kurzem in der Wikimedia-Community in {city} aktiv.",
        "Seit {year} schreibe ich für {project}, bisher meistens allein.",
    ),
    openers_experienced=(
        "Ich schreibe seit {year} für {project} und organisiere inzwischen Aktivitäten in {city}.",
        "Ich organisiere seit einigen Jahren den Wikipedia-Stammtisch in {city}.",
        "Ich lebe in {city}, {job} und engagiere mich seit {years} Jahren bei Wikimedia.",
    ),
    want_one=(
        "Ich wünsche mir Unterstützung bei {a}.",
        "Ich möchte bei {a} sicherer werden.",
        "Am meisten würde mir gerade praktischer Rat bei {a} helfen.",
        "Ich würde gern von jemandem lernen, der sich mit {a} gut auskennt.",
    ),
    want_two=(
        "Ich wünsche mir Unterstützung bei {a} und bei {b}.",
        "Dieses Jahr möchte ich mich vor allem mit {a} und mit {b} beschäftigen.",
        "Ich möchte bei {a} und später auch bei {b} sicherer werden.",
    ),
    want_also=(
        "Außerdem möchte ich mich mit {a} beschäftigen.",
        "Auch bei {a} würde ich gern dazulernen.",
    ),
    why=(
        "Unsere Community wächst, und ich möchte darauf vorbereitet sein.",
        "Ich möchte, dass unsere Gruppe nicht immer an denselben drei Leuten hängt.",
        "Ich möchte mich weiterentwickeln, ohne die Freude an der Mitarbeit zu verlieren.",
    ),
    kind_wish={
        "traditional": ("Regelmäßige Einzelgespräche wären für mich ideal.",),
        "group": (
            "Gern würde ich in einer kleinen Gruppe mit Leuten lernen, die vor ähnlichen Fragen stehen.",
        ),
        "peer": (
            "Ein Austausch auf Augenhöhe, bei dem wir voneinander lernen, würde mich auch interessieren.",
        ),
    },
    background_new=(
        "Ich lerne die Community gerade erst kennen.",
        "Ich bin noch recht neu dabei: Meine erste Bearbeitung war {year}.",
        "Ich schreibe seit {year} hin und wieder für {project}.",
        "Bisher habe ich meist allein bearbeitet, ohne viel Kontakt zu anderen Ehrenamtlichen.",
    ),
    background_experienced=(
        "Ich bin seit Langem in der Community in {city} aktiv und habe dort schon viele Rollen übernommen.",
        "Ich schreibe seit {year} für {project}.",
        "Ich engagiere mich seit {years} Jahren ehrenamtlich bei Wikimedia in {city}.",
        "Ich lebe in {city}, {job} und bin seit {year} in der Bewegung aktiv.",
    ),
    done_one=(
        "Ich habe viel Erfahrung mit {a}.",
        "Oft werde ich um Hilfe bei {a} gebeten.",
        "Ein Schwerpunkt meiner ehrenamtlichen Arbeit liegt bei {a}.",
    ),
    done_two=(
        "Ich habe Erfahrung mit {a} und mit {b}.",
        "Ich kann bei {a} und bei {b} helfen.",
        "Ich habe mich schon viel mit {a} und mit {b} beschäftigt.",
    ),
    mentor_style=(
        "Als [Mentor|Mentorin] mag ich kurze, regelmäßige Gespräche und gemeinsame Notizen.",
        "Ich stelle lieber Fragen, als fertige Antworten zu geben.",
        "Ich bin geduldig mit Neulingen und erzähle gern von meinen eigenen Fehlern.",
    ),
    jobs=(
        "arbeite in einer Stadtbibliothek",
        "unterrichte Geschichte an einem Gymnasium",
        "studiere Informatik",
        "arbeite in der Softwareentwicklung",
        "arbeite als [Journalist|Journalistin]",
        "bin im Ruhestand",
        "studiere Medizin",
    ),
)
