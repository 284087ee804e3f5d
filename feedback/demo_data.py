"""Demo data of the feedback app: a customer-satisfaction survey built on the seven customer-service
principles of seed 003, reply templates and sample feedback with published answers, in four languages."""

SURVEY = {
    "slug": "customer-satisfaction",
    "title": {
        "lt": "Vartotojų pasitenkinimo apklausa",
        "en": "Customer satisfaction survey",
        "bg": "Проучване на удовлетвореността на потребителите",
        "fi": "Asiakastyytyväisyyskysely",
    },
    "intro": {
        "lt": "Biblioteka reguliariai klausia savo lankytojų nuomonės. Apklausa anoniminė ir užtrunka apie 5 minutes.",
        "en": "The library asks its customers for their views regularly. The survey is anonymous and takes about "
        "5 minutes.",
        "bg": "Библиотеката редовно пита потребителите си за тяхното мнение. Проучването е анонимно и отнема около "
        "5 минути.",
        "fi": "Kirjasto kysyy asiakkaidensa mielipidettä säännöllisesti. Kysely on nimetön ja vie noin 5 minuuttia.",
    },
    "thanks": {
        "lt": "Ačiū! Apklausos apibendrinimą paskelbsime bibliotekos svetainėje.",
        "en": "Thank you! We will publish a summary of the survey on the library's website.",
        "bg": "Благодарим! Ще публикуваме обобщение на проучването на уебсайта на библиотеката.",
        "fi": "Kiitos! Julkaisemme yhteenvedon kyselystä kirjaston verkkosivuilla.",
    },
    "summary": {
        "lt": "Lankytojai labiausiai vertina darbuotojų profesionalumą ir patikimumą. Daugiausia pasiūlymų gavome dėl "
        "darbo laiko ir prieinamumo: nuo kitų metų pailginsime darbo laiką šeštadieniais.",
        "en": "Customers value the professionalism and reliability of our staff most. Most suggestions were about "
        "opening hours and accessibility: from next year we will open longer on Saturdays.",
        "bg": "Потребителите ценят най-много професионализма и надеждността на персонала. Повечето предложения бяха "
        "за работното време и достъпността: от следващата година ще работим по-дълго в събота.",
        "fi": "Asiakkaat arvostavat eniten henkilökunnan ammatillisuutta ja luotettavuutta. Eniten ehdotuksia tuli "
        "aukioloajoista ja esteettömyydestä: ensi vuodesta alkaen olemme auki pidempään lauantaisin.",
    },
}

PAGES = [
    {"lt": "Jūsų apsilankymai", "en": "Your visits", "bg": "Вашите посещения", "fi": "Käyntisi"},
    {
        "lt": "Mūsų aptarnavimo principai",
        "en": "Our customer-service principles",
        "bg": "Нашите принципи на обслужване",
        "fi": "Asiakaspalveluperiaatteemme",
    },
    {"lt": "Apskritai", "en": "Overall", "bg": "Като цяло", "fi": "Kokonaisuutena"},
]

# How each principle of seed 003 becomes a 1–5 question; {title} is the principle's title.
PRINCIPLE_QUESTION = {
    "lt": "Kaip biblioteka laikosi principo „{title}“?",
    "en": "How well does the library live up to “{title}”?",
    "bg": "Доколко библиотеката спазва принципа „{title}“?",
    "fi": "Miten hyvin kirjasto toteuttaa periaatetta ”{title}”?",
}
SCALE_HELP = {
    "lt": "1 – labai prastai, 5 – labai gerai",
    "en": "1 = very poorly, 5 = very well",
    "bg": "1 = много слабо, 5 = много добре",
    "fi": "1 = erittäin huonosti, 5 = erittäin hyvin",
}

# (page index, key, kind, required, texts, help, choices [(code, texts)], show_if (key, value))
QUESTIONS = [
    (
        0,
        "frequency",
        "single",
        True,
        {
            "lt": "Kaip dažnai lankotės bibliotekoje?",
            "en": "How often do you visit the library?",
            "bg": "Колко често посещавате библиотеката?",
            "fi": "Kuinka usein käyt kirjastossa?",
        },
        None,
        [
            ("weekly", {"lt": "Kas savaitę", "en": "Every week", "bg": "Всяка седмица", "fi": "Viikoittain"}),
            ("monthly", {"lt": "Kas mėnesį", "en": "Every month", "bg": "Всеки месец", "fi": "Kuukausittain"}),
            (
                "yearly",
                {
                    "lt": "Kelis kartus per metus",
                    "en": "A few times a year",
                    "bg": "Няколко пъти в годината",
                    "fi": "Muutaman kerran vuodessa",
                },
            ),
            ("rarely", {"lt": "Retiau", "en": "Less often", "bg": "По-рядко", "fi": "Harvemmin"}),
        ],
        None,
    ),
    (
        0,
        "services",
        "multiple",
        False,
        {
            "lt": "Kuriomis paslaugomis naudojatės?",
            "en": "Which services do you use?",
            "bg": "Кои услуги използвате?",
            "fi": "Mitä palveluja käytät?",
        },
        {
            "lt": "Galite pasirinkti kelis.",
            "en": "You can choose several.",
            "bg": "Можете да изберете няколко.",
            "fi": "Voit valita useita.",
        },
        [
            (
                "borrowing",
                {"lt": "Knygų skolinimas", "en": "Borrowing books", "bg": "Заемане на книги", "fi": "Kirjojen lainaus"},
            ),
            ("reading_room", {"lt": "Skaitykla", "en": "Reading room", "bg": "Читалня", "fi": "Lukusali"}),
            (
                "computers",
                {
                    "lt": "Kompiuteriai ir internetas",
                    "en": "Computers and internet",
                    "bg": "Компютри и интернет",
                    "fi": "Tietokoneet ja internet",
                },
            ),
            ("events", {"lt": "Renginiai", "en": "Events", "bg": "Събития", "fi": "Tapahtumat"}),
            (
                "ill",
                {
                    "lt": "Tarpbibliotekinis abonementas",
                    "en": "Interlibrary loan",
                    "bg": "Междубиблиотечно заемане",
                    "fi": "Kaukopalvelu",
                },
            ),
            (
                "eservices",
                {
                    "lt": "Elektroninės paslaugos",
                    "en": "E-services",
                    "bg": "Електронни услуги",
                    "fi": "Sähköiset palvelut",
                },
            ),
        ],
        None,
    ),
    (
        0,
        "asked_help",
        "single",
        True,
        {
            "lt": "Ar per paskutinį apsilankymą prašėte darbuotojų pagalbos?",
            "en": "Did you ask staff for help on your last visit?",
            "bg": "Поискахте ли помощ от персонала при последното си посещение?",
            "fi": "Pyysitkö henkilökunnalta apua viimeksi käydessäsi?",
        },
        None,
        [
            ("yes", {"lt": "Taip", "en": "Yes", "bg": "Да", "fi": "Kyllä"}),
            ("no", {"lt": "Ne", "en": "No", "bg": "Не", "fi": "Ei"}),
        ],
        None,
    ),
    (
        1,
        "help_satisfaction",
        "scale5",
        True,
        {
            "lt": "Kiek buvote patenkinti gauta pagalba?",
            "en": "How satisfied were you with the help you got?",
            "bg": "Доколко сте доволни от получената помощ?",
            "fi": "Kuinka tyytyväinen olit saamaasi apuun?",
        },
        {
            "lt": "1 – visiškai nepatenkintas, 5 – labai patenkintas",
            "en": "1 = very dissatisfied, 5 = very satisfied",
            "bg": "1 = много недоволен, 5 = много доволен",
            "fi": "1 = erittäin tyytymätön, 5 = erittäin tyytyväinen",
        },
        [],
        ("asked_help", "yes"),
    ),
    # The seven principles come here (page 1), built from services.demo_data.PRINCIPLES.
    (
        2,
        "recommend",
        "nps",
        True,
        {
            "lt": "Kaip tikėtina, kad rekomenduotumėte biblioteką draugui?",
            "en": "How likely are you to recommend the library to a friend?",
            "bg": "Колко вероятно е да препоръчате библиотеката на приятел?",
            "fi": "Kuinka todennäköisesti suosittelisit kirjastoa ystävällesi?",
        },
        {
            "lt": "0 – visai netikėtina, 10 – labai tikėtina",
            "en": "0 = not at all likely, 10 = extremely likely",
            "bg": "0 = никак не е вероятно, 10 = изключително вероятно",
            "fi": "0 = en lainkaan todennäköisesti, 10 = erittäin todennäköisesti",
        },
        [],
        None,
    ),
    (
        2,
        "grade",
        "grade",
        False,
        {
            "lt": "Kokį pažymį (nuo 4 iki 10) skirtumėte bibliotekai?",
            "en": "What grade from 4 to 10 would you give the library?",
            "bg": "Каква оценка от 4 до 10 бихте дали на библиотеката?",
            "fi": "Minkä kouluarvosanan (4–10) antaisit kirjastolle?",
        },
        None,
        [],
        None,
    ),
    (
        2,
        "improve",
        "long",
        False,
        {
            "lt": "Ką turėtume patobulinti?",
            "en": "What should we improve?",
            "bg": "Какво трябва да подобрим?",
            "fi": "Mitä meidän pitäisi parantaa?",
        },
        None,
        [],
        None,
    ),
]

IMPROVEMENTS = [
    {
        "lt": "Ilgesnis darbo laikas šeštadieniais.",
        "en": "Longer opening hours on Saturdays.",
        "bg": "По-дълго работно време в събота.",
        "fi": "Pidemmät aukioloajat lauantaisin.",
    },
    {
        "lt": "Daugiau naujų knygų vaikams.",
        "en": "More new books for children.",
        "bg": "Повече нови книги за деца.",
        "fi": "Lisää uusia lastenkirjoja.",
    },
    {
        "lt": "Patogesni baldai skaitykloje.",
        "en": "More comfortable furniture in the reading room.",
        "bg": "По-удобни мебели в читалнята.",
        "fi": "Mukavammat huonekalut lukusaliin.",
    },
    {
        "lt": "Greitesnis internetas.",
        "en": "Faster internet.",
        "bg": "По-бърз интернет.",
        "fi": "Nopeampi internet.",
    },
]

REPLY_TEMPLATES = [
    {
        "title": {
            "lt": "Padėka ir atsakymas",
            "en": "Thanks and answer",
            "bg": "Благодарност и отговор",
            "fi": "Kiitos ja vastaus",
        },
        "body": {
            "lt": "dėkojame už atsiliepimą. ",
            "en": "thank you for your feedback. ",
            "bg": "благодарим ви за обратната връзка. ",
            "fi": "kiitos palautteestasi. ",
        },
    },
    {
        "title": {
            "lt": "Perduota atsakingam skyriui",
            "en": "Passed on to the department",
            "bg": "Предадено на отдела",
            "fi": "Välitetty vastaavalle osastolle",
        },
        "body": {
            "lt": "jūsų atsiliepimą perdavėme atsakingam skyriui ir atsakysime per dvi savaites.",
            "en": "we have passed your feedback on to the department in charge and will answer within two weeks.",
            "bg": "предадохме обратната ви връзка на отговорния отдел и ще отговорим до две седмици.",
            "fi": "välitimme palautteesi vastaavalle osastolle ja vastaamme kahden viikon kuluessa.",
        },
    },
]

# Sample feedback: (days ago, days to answer or None, topic, branch slug, language, message, published texts)
FEEDBACK = [
    (
        75,
        3,
        "opening_hours",
        "centrine-biblioteka",
        "lt",
        "Norėčiau, kad šeštadieniais biblioteka dirbtų ilgiau – dirbdamas savaitę nespėju atvykti.",
        {
            "summary": {
                "lt": "Lankytojas pasiūlė šeštadieniais dirbti ilgiau.",
                "en": "A customer suggested longer opening hours on Saturdays.",
                "bg": "Потребител предложи по-дълго работно време в събота.",
                "fi": "Asiakas ehdotti pidempiä aukioloaikoja lauantaisin.",
            },
            "answer": {
                "lt": "Nuo kitų metų sausio centrinė biblioteka šeštadieniais dirbs iki 17 val.",
                "en": "From next January the central library will be open until 5 pm on Saturdays.",
                "bg": "От следващия януари централната библиотека ще работи до 17 ч. в събота.",
                "fi": "Ensi tammikuusta alkaen pääkirjasto on auki lauantaisin klo 17 asti.",
            },
        },
    ),
    (
        52,
        6,
        "premises",
        "centrine-biblioteka",
        "en",
        "The ramp at the side entrance is slippery in winter; it is hard to get in with a pram.",
        {
            "summary": {
                "lt": "Lankytoja pranešė, kad žiemą šoninio įėjimo pandusas slidus.",
                "en": "A customer told us the ramp at the side entrance is slippery in winter.",
                "bg": "Потребител ни съобщи, че рампата на страничния вход е хлъзгава през зимата.",
                "fi": "Asiakas kertoi, että sivuoven luiska on talvella liukas.",
            },
            "answer": {
                "lt": "Pandusą uždengėme neslystančia danga, o jį valome kiekvieną rytą.",
                "en": "We covered the ramp with a non-slip surface and clear it every morning.",
                "bg": "Покрихме рампата с неплъзгащо се покритие и я почистваме всяка сутрин.",
                "fi": "Päällystimme luiskan liukuesteellä ja puhdistamme sen joka aamu.",
            },
        },
    ),
    (
        34,
        2,
        "collection",
        "rusnes-filialas",
        "bg",
        "Бихте ли могли да набавите повече книги на български език?",
        {
            "summary": {
                "lt": "Lankytojas paprašė daugiau knygų bulgarų kalba.",
                "en": "A customer asked for more books in Bulgarian.",
                "bg": "Потребител поиска повече книги на български език.",
                "fi": "Asiakas toivoi lisää bulgarialaisia kirjoja.",
            },
            "answer": {
                "lt": "Bulgariškas knygas galite užsisakyti tarpbibliotekiniu abonementu; įsigijome ir 20 naujų knygų.",
                "en": "You can order Bulgarian books through interlibrary loan; we have also bought 20 new ones.",
                "bg": "Можете да поръчате книги на български чрез междубиблиотечно заемане; купихме и 20 нови.",
                "fi": "Bulgariankielisiä kirjoja voi tilata kaukopalvelun kautta; hankimme myös 20 uutta.",
            },
        },
    ),
    (
        20,
        1,
        "website",
        None,
        "fi",
        "Verkkosivujen aukioloajat näkyivät väärin puhelimessa.",
        {
            "summary": {
                "lt": "Lankytojas pranešė, kad telefone darbo laikas rodomas neteisingai.",
                "en": "A customer reported that opening hours looked wrong on a phone.",
                "bg": "Потребител съобщи, че работното време се показва грешно на телефон.",
                "fi": "Asiakas ilmoitti, että aukioloajat näkyivät puhelimessa väärin.",
            },
            "answer": {
                "lt": "Klaidą ištaisėme: darbo laikas dabar teisingai rodomas visuose įrenginiuose.",
                "en": "We fixed the error: opening hours now show correctly on every device.",
                "bg": "Поправихме грешката: работното време вече се показва правилно на всички устройства.",
                "fi": "Korjasimme virheen: aukioloajat näkyvät nyt oikein kaikilla laitteilla.",
            },
        },
    ),
    (
        5,
        None,
        "events",
        "kintu-filialas",
        "lt",
        "Ar galėtumėte organizuoti daugiau renginių vaikams vasarą?",
        None,
    ),
]

# The demo patron's own feedback (patron@example.org), so that My account shows it: (topic, branch slug, language,
# message).
PATRON_FEEDBACK = (
    "collection",
    "centrine-biblioteka",
    "lt",
    "Gal galėtumėte užsakyti daugiau naujų lietuvių autorių knygų? Populiariausių tenka laukti kelias savaites.",
)
