"""Sentence templates in Spanish."""

from mentorship.demo.templates._base import Templates

SPANISH = Templates(
    openers_new=(
        "Empecé a editar {project} en {year}, después de un taller en {city}.",
        "Vivo en {city}, {job} y edito {project} en mi tiempo libre.",
        "Hace poco que formo parte de la comunidad Wikimedia de {city}.",
        "Edito {project} desde {year}, casi siempre por mi cuenta.",
    ),
    openers_experienced=(
        "Edito {project} desde {year} y ahora coordino actividades en {city}.",
        "Coordino el grupo de voluntariado de {city}.",
        "Vivo en {city}, {job} y llevo {years} años como voluntari[o|a] en Wikimedia.",
        "Desde {year} participo en la comunidad de {city}, primero editando y ahora organizando.",
    ),
    want_one=(
        "Quiero mejorar en {a}.",
        "Lo que más necesito ahora es apoyo práctico con {a}.",
        "Me gustaría aprender de alguien con experiencia real en {a}.",
        "Busco a alguien con quien reflexionar sobre {a}.",
    ),
    want_two=(
        "Quiero mejorar en {a} y en {b}.",
        "Me gustaría recibir apoyo con {a} y, más adelante, con {b}.",
        "Este año quiero centrarme en {a} y en {b}.",
        "Busco orientación sobre {a} y sobre {b}.",
    ),
    want_also=(
        "También me gustaría aprender más sobre {a}.",
        "Además, quiero mejorar en {a}.",
    ),
    why=(
        "Nuestra comunidad está creciendo y quiero estar a la altura.",
        "Me gustaría que el grupo no dependa siempre de las mismas pocas personas.",
        "Quiero crecer como persona organizadora sin perder las ganas de editar.",
        "Creo que unas cuantas conversaciones honestas con alguien con más experiencia me ayudarían mucho.",
    ),
    kind_wish={
        "traditional": ("Me vendrían bien conversaciones individuales y regulares.",),
        "group": ("Me encantaría aprender en un grupo pequeño con personas que tienen las mismas dudas.",),
        "peer": ("También me interesa un intercambio entre pares para aprender mutuamente.",),
    },
    background_new=(
        "Todavía estoy aprendiendo cómo funciona {project}.",
        "Soy bastante nuev[o|a] en esto: hice mi primera edición en {year}.",
        "Edito {project} de forma intermitente desde {year}.",
        "Hasta ahora he editado sobre todo por mi cuenta, sin mucho contacto con otras personas voluntarias.",
    ),
    background_experienced=(
        "Participo en la comunidad de {city} desde hace mucho tiempo y he asumido distintos roles.",
        "Edito {project} desde {year}.",
        "Llevo {years} años como voluntari[o|a] de Wikimedia en {city}.",
        "Vivo en {city}, {job} y participo en el movimiento desde {year}.",
    ),
    done_one=(
        "Tengo bastante experiencia en {a}.",
        "Con frecuencia me piden ayuda con {a}.",
        "Dedico gran parte de mi tiempo en Wikimedia a temas como {a}.",
    ),
    done_two=(
        "Tengo experiencia en {a} y en {b}.",
        "Puedo ayudar con {a} y con {b}.",
        "He trabajado bastante en {a} y también en {b}.",
    ),
    mentor_style=(
        "Como [mentor|mentora] prefiero llamadas cortas y regulares, con notas compartidas.",
        "Me gusta hacer preguntas más que dar respuestas.",
        "Tengo paciencia con quienes empiezan y comparto con gusto mis propios errores.",
    ),
    jobs=(
        "trabajo en una biblioteca pública",
        "doy clases de historia en un instituto",
        "estudio ingeniería civil",
        "trabajo como periodista",
        "estudio medicina",
        "trabajo en desarrollo de software",
        "doy clases en la universidad",
    ),
)
