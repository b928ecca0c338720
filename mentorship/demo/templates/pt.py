"""Sentence templates in Portuguese; topic phrases come after "com" or "sobre"."""

from mentorship.demo.templates._base import Templates

PORTUGUESE = Templates(
    openers_new=(
        "Comecei a editar {project} em {year}, depois de uma oficina em {city}.",
        "Moro em {city}, {job} e edito {project} no meu tempo livre.",
        "Faço parte da comunidade Wikimedia de {city} há pouco tempo.",
        "Edito {project} desde {year}, quase sempre por conta própria.",
    ),
    openers_experienced=(
        "Edito {project} desde {year} e hoje coordeno atividades em {city}.",
        "Coordeno o grupo de voluntários de {city}.",
        "Moro em {city}, {job} e sou [voluntário|voluntária] da Wikimedia há {years} anos.",
    ),
    want_one=(
        "Preciso de apoio prático com {a}.",
        "Gostaria de aprender com alguém que tenha experiência real com {a}.",
        "Procuro alguém para refletir comigo sobre {a}.",
        "Quero aprender mais sobre {a}.",
    ),
    want_two=(
        "Gostaria de receber apoio com {a} e, mais adiante, com {b}.",
        "Este ano quero aprender mais sobre {a} e sobre {b}.",
        "Procuro orientação sobre {a} e sobre {b}.",
    ),
    want_also=(
        "Também gostaria de aprender mais sobre {a}.",
        "Além disso, preciso de ajuda com {a}.",
    ),
    why=(
        "Nossa comunidade está crescendo e quero estar [preparado|preparada].",
        "Gostaria que o grupo não dependesse sempre das mesmas poucas pessoas.",
        "Quero crescer como [organizador|organizadora] sem perder o prazer de editar.",
    ),
    kind_wish={
        "traditional": ("Conversas individuais e regulares seriam ideais para mim.",),
        "group": ("Adoraria aprender em um grupo pequeno com pessoas que têm as mesmas dúvidas.",),
        "peer": ("Também tenho interesse em uma troca entre pares, em que um aprende com o outro.",),
    },
    background_new=(
        "Ainda estou aprendendo como funciona {project}.",
        "Sou [novo|nova] por aqui: fiz minha primeira edição em {year}.",
        "Edito {project} de vez em quando desde {year}.",
        "Até agora editei quase sempre [sozinho|sozinha], sem muito contato com outros voluntários.",
    ),
    background_experienced=(
        "Participo há muito tempo da comunidade de {city} e já assumi vários papéis.",
        "Edito {project} desde {year}.",
        "Sou [voluntário|voluntária] da Wikimedia em {city} há {years} anos.",
        "Moro em {city}, {job} e participo do movimento desde {year}.",
    ),
    done_one=(
        "Tenho bastante experiência com {a}.",
        "Muitas vezes me pedem ajuda com {a}.",
        "Boa parte do meu tempo na Wikimedia vai para o trabalho com {a}.",
    ),
    done_two=(
        "Tenho experiência com {a} e com {b}.",
        "Posso ajudar com {a} e com {b}.",
        "Já trabalhei bastante com {a} e também com {b}.",
    ),
    mentor_style=(
        "Como [mentor|mentora], prefiro conversas curtas e regulares, com anotações compartilhadas.",
        "Gosto mais de fazer perguntas do que de dar respostas prontas.",
        "Tenho paciência com quem está começando e compartilho com prazer os meus próprios erros.",
    ),
    jobs=(
        "trabalho em uma biblioteca pública",
        "dou aulas de história",
        "estudo engenharia",
        "trabalho como jornalista",
        "estudo medicina",
        "trabalho com desenvolvimento de software",
    ),
)
