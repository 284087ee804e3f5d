"""Demo content of the library portal: the library, its branches, services, principles and pages.

Every translated text is a dict with the keys "lt", "en", "bg" and "fi". Bodies are plain text: a blank line
separates paragraphs and a line starting with "## " is a heading. The loader is `services.demo`.

Where the facts come from (/work/shared/seeds/):
- 000: the duties of a library service department (reader service, information services and advice, the open
  collection of reading rooms and lending, user surveys, education for children and youth, methodological help);
  written for another library's department, adapted here to the Šilutė library's services;
- 001: a news article on AB LESTO's self-service points (www.manoelektra.lt) in 20 Lithuanian public libraries;
- 002: the e-services of Bulgarian libraries ("Global Libraries - Bulgaria"): e-employment, e-health, e-culture
  and the "Get in time with taxes" campaign, offered here as the library's e-services;
- 003: a Finnish library's seven customer-service principles (city-specific names generalised);
- 004: the Šilutė F. Bajoraitis public library's price list (approved by the Šilutė District Municipal Council in
  2016-2018), its room-hire rates and its interlibrary-loan rules and contact.

Invented for the demo, where the seeds are silent: the three rural branches (`is_sample: True`), every opening
hour, the coordinates (approximate), the general e-mail address, the wording of the accessibility statement and
privacy notice (including the answer times and the 12-month retention of feedback contacts).
"""

# The portal's own library.
LIBRARY = {
    "name": {
        "lt": "Šilutės rajono savivaldybės Fridricho Bajoraičio viešoji biblioteka",
        "en": "Fridrichas Bajoraitis Public Library of Šilutė District Municipality",
        "bg": "Обществена библиотека „Фридрихас Байорайтис“ на районна община Шилуте",
        "fi": "Šilutėn piirikunnan Fridrichas Bajoraitisin yleinen kirjasto",
    },
    "short_name": {
        "lt": "Šilutės F. Bajoraičio viešoji biblioteka",
        "en": "Šilutė F. Bajoraitis Public Library",
        "bg": "Обществена библиотека „Ф. Байорайтис“ – Шилуте",
        "fi": "Šilutėn F. Bajoraitisin yleinen kirjasto",
    },
    "municipality": {
        "lt": "Šilutės rajono savivaldybė",
        "en": "Šilutė District Municipality",
        "bg": "Районна община Шилуте",
        "fi": "Šilutėn piirikunta",
    },
    "address": "Tilžės g. 12, Šilutė",
    "phone": "8 441 78216",
    "email": "info@silutevb.lt",
    "website": "https://www.silutevb.lt",
    "country": "LT",
    "time_zone": "Europe/Vilnius",
}

# Branches. `hours` holds (kind, weekday, opens, closes): kind is "staffed", "self_service" or "phone";
# weekday 0 is Monday and 6 Sunday. All hours are invented; a day without a row is closed. The Rusnė
# sample branch has a lunch break (two staffed intervals a day).
BRANCHES = [
    {
        "slug": "centrine-biblioteka",
        "name": {
            "lt": "Centrinė biblioteka (Tilžės g. 12)",
            "en": "Central Library (Tilžės g. 12)",
            "bg": "Централна библиотека (Tilžės g. 12)",
            "fi": "Keskuskirjasto (Tilžės g. 12)",
        },
        "address": "Tilžės g. 12, Šilutė",
        "municipality": {
            "lt": "Šilutės rajono savivaldybė",
            "en": "Šilutė District Municipality",
            "bg": "Районна община Шилуте",
            "fi": "Šilutėn piirikunta",
        },
        "phone": "8 441 78216",
        "email": "info@silutevb.lt",
        "accessibility_notes": {
            "lt": (
                "Renginių ir parodų salė yra 1 aukšte. Jei jums reikia pagalbos patekti į patalpas, paskambinkite "
                "tel. 8 441 78216 – darbuotojai padės."
            ),
            "en": (
                "The events and exhibition hall is on the 1st floor. If you need help getting into the building, "
                "call 8 441 78216 and staff will assist you."
            ),
            "bg": (
                "Залата за събития и изложби е на първия етаж. Ако имате нужда от помощ, за да влезете в сградата, "
                "обадете се на 8 441 78216 – служителите ще ви съдействат."
            ),
            "fi": (
                "Tapahtuma- ja näyttelysali on 1. kerroksessa. Jos tarvitset apua rakennukseen pääsemisessä, soita "
                "numeroon 8 441 78216, niin henkilökunta auttaa."
            ),
        },
        "latitude": "55.348300",
        "longitude": "21.482600",
        "is_sample": False,
        "hours": [
            ("staffed", 0, "09:00", "18:00"),
            ("staffed", 1, "09:00", "18:00"),
            ("staffed", 2, "09:00", "20:00"),
            ("staffed", 3, "09:00", "18:00"),
            ("staffed", 4, "09:00", "17:00"),
            ("staffed", 5, "10:00", "15:00"),
            ("self_service", 0, "07:00", "22:00"),
            ("self_service", 1, "07:00", "22:00"),
            ("self_service", 2, "07:00", "22:00"),
            ("self_service", 3, "07:00", "22:00"),
            ("self_service", 4, "07:00", "22:00"),
            ("self_service", 5, "07:00", "22:00"),
            ("self_service", 6, "07:00", "22:00"),
            ("phone", 0, "08:00", "17:00"),
            ("phone", 1, "08:00", "17:00"),
            ("phone", 2, "08:00", "17:00"),
            ("phone", 3, "08:00", "17:00"),
            ("phone", 4, "08:00", "15:45"),
        ],
    },
    {
        "slug": "tilzes-10",
        "name": {
            "lt": "Bibliotekos pastatas (Tilžės g. 10)",
            "en": "Library building (Tilžės g. 10)",
            "bg": "Сграда на библиотеката (Tilžės g. 10)",
            "fi": "Kirjaston rakennus (Tilžės g. 10)",
        },
        "address": "Tilžės g. 10, Šilutė",
        "municipality": {
            "lt": "Šilutės rajono savivaldybė",
            "en": "Šilutė District Municipality",
            "bg": "Районна община Шилуте",
            "fi": "Šilutėn piirikunta",
        },
        "phone": "8 441 78216",
        "email": "info@silutevb.lt",
        "accessibility_notes": {
            "lt": (
                "Renginių salė yra IV aukšte. Jei jums reikia pagalbos į ją patekti, praneškite iš anksto tel. 8 "
                "441 78216."
            ),
            "en": (
                "The events hall is on the 4th floor. If you need help getting there, let us know in advance on 8 "
                "441 78216."
            ),
            "bg": (
                "Залата за събития е на четвъртия етаж. Ако имате нужда от помощ, за да стигнете до нея, уведомете "
                "ни предварително на 8 441 78216."
            ),
            "fi": (
                "Tapahtumasali on 4. kerroksessa. Jos tarvitset apua sinne pääsemisessä, ilmoita etukäteen "
                "numeroon 8 441 78216."
            ),
        },
        "latitude": "55.348500",
        "longitude": "21.482900",
        "is_sample": False,
        "hours": [
            ("staffed", 0, "10:00", "18:00"),
            ("staffed", 1, "10:00", "19:00"),
            ("staffed", 2, "10:00", "18:00"),
            ("staffed", 3, "10:00", "18:00"),
            ("staffed", 4, "10:00", "17:00"),
            ("staffed", 5, "10:00", "14:00"),
        ],
    },
    {
        "slug": "rusnes-filialas",
        "name": {
            "lt": "Rusnės filialas (pavyzdys)",
            "en": "Rusnė Branch (sample)",
            "bg": "Клон Русне (примерен)",
            "fi": "Rusnėn sivukirjasto (esimerkki)",
        },
        "address": "Skirvytės g. 10, Rusnė",
        "municipality": {
            "lt": "Šilutės rajono savivaldybė",
            "en": "Šilutė District Municipality",
            "bg": "Районна община Шилуте",
            "fi": "Šilutėn piirikunta",
        },
        "phone": "",
        "email": "",
        "accessibility_notes": {
            "lt": "Pavyzdiniai duomenys: įėjimas be laiptų, tualetas pritaikytas žmonėms su negalia.",
            "en": "Sample data: step-free entrance; accessible toilet.",
            "bg": "Примерни данни: вход без стъпала; тоалетна, пригодена за хора с увреждания.",
            "fi": "Esimerkkitieto: porrasteton sisäänkäynti; esteetön WC.",
        },
        "latitude": "55.298000",
        "longitude": "21.372000",
        "is_sample": True,
        "hours": [
            ("staffed", 0, "09:00", "13:00"),
            ("staffed", 0, "14:00", "17:30"),
            ("staffed", 1, "09:00", "13:00"),
            ("staffed", 1, "14:00", "17:30"),
            ("staffed", 2, "09:00", "13:00"),
            ("staffed", 2, "14:00", "19:00"),
            ("staffed", 3, "09:00", "13:00"),
            ("staffed", 3, "14:00", "17:30"),
            ("staffed", 4, "09:00", "13:00"),
            ("staffed", 4, "14:00", "17:30"),
            ("staffed", 5, "10:00", "14:00"),
        ],
    },
    {
        "slug": "juknaiciu-filialas",
        "name": {
            "lt": "Juknaičių filialas (pavyzdys)",
            "en": "Juknaičiai Branch (sample)",
            "bg": "Клон Юкнайчяй (примерен)",
            "fi": "Juknaičiain sivukirjasto (esimerkki)",
        },
        "address": "Jaunimo g. 3, Juknaičiai",
        "municipality": {
            "lt": "Šilutės rajono savivaldybė",
            "en": "Šilutė District Municipality",
            "bg": "Районна община Шилуте",
            "fi": "Šilutėn piirikunta",
        },
        "phone": "",
        "email": "",
        "accessibility_notes": {
            "lt": (
                "Pavyzdiniai duomenys: prie įėjimo yra keli laipteliai ir pandusas; biblioteka įsikūrusi pirmame "
                "aukšte."
            ),
            "en": "Sample data: a few steps and a ramp at the entrance; the library is on the ground floor.",
            "bg": "Примерни данни: пред входа има няколко стъпала и рампа; библиотеката е на първия етаж.",
            "fi": "Esimerkkitieto: sisäänkäynnillä on muutama porras ja luiska; kirjasto on katutasossa.",
        },
        "latitude": None,
        "longitude": None,
        "is_sample": True,
        "hours": [
            ("staffed", 0, "10:00", "17:00"),
            ("staffed", 1, "10:00", "17:00"),
            ("staffed", 2, "10:00", "17:00"),
            ("staffed", 3, "10:00", "19:00"),
            ("staffed", 4, "10:00", "16:00"),
            ("staffed", 5, "10:00", "13:00"),
        ],
    },
    {
        "slug": "kintu-filialas",
        "name": {
            "lt": "Kintų filialas (pavyzdys)",
            "en": "Kintai Branch (sample)",
            "bg": "Клон Кинтай (примерен)",
            "fi": "Kintain sivukirjasto (esimerkki)",
        },
        "address": "Kuršių g. 5, Kintai",
        "municipality": {
            "lt": "Šilutės rajono savivaldybė",
            "en": "Šilutė District Municipality",
            "bg": "Районна община Шилуте",
            "fi": "Šilutėn piirikunta",
        },
        "phone": "",
        "email": "",
        "accessibility_notes": {
            "lt": (
                "Pavyzdiniai duomenys: įėjimas be laiptų; šalia yra automobilių stovėjimo vieta žmonėms su negalia."
            ),
            "en": "Sample data: step-free entrance; a disabled parking space next to the building.",
            "bg": "Примерни данни: вход без стъпала; до сградата има място за паркиране за хора с увреждания.",
            "fi": "Esimerkkitieto: porrasteton sisäänkäynti; rakennuksen vieressä on invapysäköintipaikka.",
        },
        "latitude": "55.419000",
        "longitude": "21.264000",
        "is_sample": True,
        "hours": [
            ("staffed", 0, "09:00", "17:00"),
            ("staffed", 1, "09:00", "19:00"),
            ("staffed", 2, "09:00", "17:00"),
            ("staffed", 3, "09:00", "17:00"),
            ("staffed", 4, "09:00", "16:00"),
            ("staffed", 5, "09:00", "13:00"),
        ],
    },
]

# Lithuanian public holidays (MM-DD) on which every branch is closed. Easter is movable and not listed.
HOLIDAYS = [
    ("01-01", {"lt": "Naujieji metai", "en": "New Year's Day", "bg": "Нова година", "fi": "Uudenvuodenpäivä"}),
    (
        "02-16",
        {
            "lt": "Lietuvos valstybės atkūrimo diena",
            "en": "Day of Restoration of the State of Lithuania",
            "bg": "Ден на възстановяването на литовската държава",
            "fi": "Liettuan valtion uudelleenperustamisen päivä",
        },
    ),
    (
        "03-11",
        {
            "lt": "Lietuvos nepriklausomybės atkūrimo diena",
            "en": "Day of Restoration of Lithuania's Independence",
            "bg": "Ден на възстановяването на независимостта на Литва",
            "fi": "Liettuan itsenäisyyden palauttamisen päivä",
        },
    ),
    (
        "05-01",
        {
            "lt": "Tarptautinė darbo diena",
            "en": "International Workers' Day",
            "bg": "Международен ден на труда",
            "fi": "Vappu",
        },
    ),
    (
        "06-24",
        {
            "lt": "Rasos ir Joninių diena",
            "en": "Midsummer Day (St John's Day)",
            "bg": "Ден на росата и Еньовден",
            "fi": "Juhannuspäivä",
        },
    ),
    (
        "07-06",
        {
            "lt": "Valstybės (Lietuvos karaliaus Mindaugo karūnavimo) diena",
            "en": "Statehood Day (Coronation of King Mindaugas)",
            "bg": "Ден на държавността (коронацията на крал Миндаугас)",
            "fi": "Valtiollisuuden päivä (kuningas Mindaugasin kruunajaiset)",
        },
    ),
    (
        "08-15",
        {
            "lt": "Žolinė (Švč. Mergelės Marijos ėmimo į dangų diena)",
            "en": "Assumption Day",
            "bg": "Успение на Пресвета Богородица",
            "fi": "Neitsyt Marian taivaaseenastumisen päivä",
        },
    ),
    ("11-01", {"lt": "Visų šventųjų diena", "en": "All Saints' Day", "bg": "Ден на Вси светии", "fi": "Pyhäinpäivä"}),
    (
        "11-02",
        {
            "lt": "Mirusiųjų atminimo (Vėlinių) diena",
            "en": "All Souls' Day",
            "bg": "Ден за възпоменание на починалите (Задушница)",
            "fi": "Vainajien muistopäivä",
        },
    ),
    ("12-24", {"lt": "Kūčios", "en": "Christmas Eve", "bg": "Бъдни вечер", "fi": "Jouluaatto"}),
    ("12-25", {"lt": "Kalėdos (pirmoji diena)", "en": "Christmas Day", "bg": "Коледа (първи ден)", "fi": "Joulupäivä"}),
    (
        "12-26",
        {
            "lt": "Kalėdos (antroji diena)",
            "en": "Second Day of Christmas",
            "bg": "Коледа (втори ден)",
            "fi": "Tapaninpäivä",
        },
    ),
]

# Service categories; `order` sorts them.
SERVICE_CATEGORIES = [
    {
        "slug": "reader-services",
        "title": {
            "lt": "Skaitytojų aptarnavimas ir išdavimas",
            "en": "Reader services and lending",
            "bg": "Обслужване на читатели и заемане",
            "fi": "Asiakaspalvelu ja lainaus",
        },
        "description": {
            "lt": "Skaitytojo pažymėjimai, skaityklos, abonementas ir vartotojų poreikių tyrimai.",
            "en": "Library cards, reading rooms, lending and research into users' needs.",
            "bg": "Читателски карти, читални, заемане на материали и проучване на потребителските нужди.",
            "fi": "Kirjastokortit, lukusalit, lainaus ja käyttäjien tarpeiden selvittäminen.",
        },
        "order": 10,
    },
    {
        "slug": "information",
        "title": {
            "lt": "Informacija ir konsultacijos",
            "en": "Information and advice",
            "bg": "Информация и консултации",
            "fi": "Tietopalvelu ja neuvonta",
        },
        "description": {
            "lt": "Pagalba ieškant informacijos, konsultacijos ir bibliografinių sąrašų sudarymas.",
            "en": "Help with finding information, advice and compiling bibliographies.",
            "bg": "Помощ при търсене на информация, консултации и съставяне на библиографски списъци.",
            "fi": "Apua tiedonhakuun, neuvontaa ja bibliografioiden laatimista.",
        },
        "order": 20,
    },
    {
        "slug": "paid-services",
        "title": {
            "lt": "Kopijavimas, spausdinimas ir kitos mokamos paslaugos",
            "en": "Copying, printing and other paid services",
            "bg": "Копиране, печат и други платени услуги",
            "fi": "Kopiointi, tulostus ja muut maksulliset palvelut",
        },
        "description": {
            "lt": (
                "Kopijavimas, spausdinimas, skenavimas, įrišimas, laminavimas, leidybos paslaugos ir patalpų nuoma "
                "pagal savivaldybės tarybos patvirtintą kainoraštį."
            ),
            "en": (
                "Copying, printing, scanning, binding, laminating, publishing services and room hire according to "
                "the price list approved by the municipal council."
            ),
            "bg": (
                "Копиране, печат, сканиране, подвързване, ламиниране, издателски услуги и наем на зали според "
                "ценоразписа, одобрен от общинския съвет."
            ),
            "fi": (
                "Kopiointi, tulostus, skannaus, sidonta, laminointi, julkaisupalvelut ja tilavuokraus valtuuston "
                "hyväksymän hinnaston mukaan."
            ),
        },
        "order": 30,
    },
    {
        "slug": "interlibrary-loan",
        "title": {
            "lt": "Tarpbibliotekinis abonementas",
            "en": "Interlibrary loan",
            "bg": "Междубиблиотечно заемане",
            "fi": "Kaukolainat",
        },
        "description": {
            "lt": "Leidinių ir straipsnių kopijų užsakymas iš kitų Lietuvos ir užsienio bibliotekų.",
            "en": "Ordering books and copies of articles from other libraries in Lithuania and abroad.",
            "bg": "Поръчване на издания и копия на статии от други библиотеки в Литва и в чужбина.",
            "fi": "Kirjojen ja artikkelikopioiden tilaaminen muista kirjastoista Liettuasta ja ulkomailta.",
        },
        "order": 40,
    },
    {
        "slug": "children-youth",
        "title": {
            "lt": "Renginiai ir edukacija vaikams ir jaunimui",
            "en": "Events and education for children and young people",
            "bg": "Събития и обучение за деца и младежи",
            "fi": "Tapahtumat ja kirjasto-opetus lapsille ja nuorille",
        },
        "description": {
            "lt": (
                "Skaitymo skatinimo projektai, edukaciniai užsiėmimai ir pagalba bibliotekoms, dirbančioms su "
                "vaikais ir jaunimu."
            ),
            "en": (
                "Reading promotion projects, educational activities and support for libraries working with "
                "children and young people."
            ),
            "bg": (
                "Проекти за насърчаване на четенето, образователни занимания и подкрепа за библиотеки, които "
                "работят с деца и младежи."
            ),
            "fi": (
                "Lukemisen edistämisen hankkeita, opetusta ja tukea kirjastoille, jotka palvelevat lapsia ja nuoria."
            ),
        },
        "order": 50,
    },
    {
        "slug": "e-services",
        "title": {
            "lt": "E. paslaugos ir partneriai",
            "en": "E-services and partners",
            "bg": "Е-услуги и партньори",
            "fi": "E-palvelut ja kumppanit",
        },
        "description": {
            "lt": (
                "Pagalba naudojantis elektroninėmis paslaugomis: partnerių savitarna, užimtumas, sveikata, kultūra "
                "ir mokesčiai."
            ),
            "en": "Help with online services: partners' self-service, employment, health, culture and taxes.",
            "bg": (
                "Помощ при използване на електронни услуги: самообслужване на партньори, заетост, здраве, култура "
                "и данъци."
            ),
            "fi": ("Apua verkkopalvelujen käytössä: kumppanien itsepalvelu, työllisyys, terveys, kulttuuri ja verot."),
        },
        "order": 60,
    },
]

# Services; `category` is a category slug, `branches` are branch slugs. Prices are quoted from the price list
# (seed 004).
SERVICES = [
    {
        "slug": "reader-card",
        "category": "reader-services",
        "title": {
            "lt": "Skaitytojo pažymėjimo išdavimas",
            "en": "Library card",
            "bg": "Издаване на читателска карта",
            "fi": "Kirjastokortti",
        },
        "summary": {
            "lt": (
                "Skaitytojo pažymėjimas (bilietas) leidžia naudotis bibliotekos fondais ir paslaugomis visuose "
                "padaliniuose."
            ),
            "en": (
                "A library card (reader's ticket) gives you access to the library's collections and services in "
                "every branch."
            ),
            "bg": "Читателската карта дава достъп до фондовете и услугите на библиотеката във всички клонове.",
            "fi": "Kirjastokortilla voit käyttää kirjaston kokoelmia ja palveluja kaikissa toimipisteissä.",
        },
        "body": {
            "lt": (
                "Skaitytojo pažymėjimą (bilietą) galite gauti Centrinėje bibliotekoje ir visuose filialuose.\n\n"
                "Kainos: asmenims nuo 16 metų ir suaugusiems – 1,15 Eur; vaikams, bendrojo lavinimo mokyklų "
                "moksleiviams, neįgaliems asmenims, kuriems nustatytas mažesnis nei 55 proc. darbingumo lygis, ir "
                "bedarbiams – 0,70 Eur; vaikų globos namų auklėtiniams ir našlaičiams iki 18 metų – nemokamai.\n\n"
                "Kainos patvirtintos Šilutės rajono savivaldybės tarybos sprendimais; galiojančias sumas rasite "
                "kainoraštyje."
            ),
            "en": (
                "You can get a library card (reader's ticket) at the Central Library and in every branch.\n\n"
                "Prices: persons aged 16 and over and adults – EUR 1.15; children, pupils of general education "
                "schools, persons with disabilities whose capacity for work is assessed at less than 55 %, and "
                "unemployed persons – EUR 0.70; residents of children's homes and orphans under 18 – free of "
                "charge.\n\n"
                "The prices were approved by decisions of the Šilutė District Municipal Council; the current "
                "amounts are in the price list."
            ),
            "bg": (
                "Читателска карта можете да получите в Централната библиотека и във всеки клон.\n\n"
                "Цени: за навършили 16 години и възрастни – 1,15 евро; за деца, ученици от общообразователни "
                "училища, хора с увреждания с определена работоспособност под 55 % и безработни – 0,70 евро; за "
                "възпитаници на домове за деца и сираци до 18 години – безплатно.\n\n"
                "Цените са одобрени с решения на Общинския съвет на районна община Шилуте; актуалните суми са в "
                "ценоразписа."
            ),
            "fi": (
                "Kirjastokortin saa keskuskirjastosta ja kaikista sivukirjastoista.\n\n"
                "Hinnat: 16 vuotta täyttäneet ja aikuiset 1,15 €; lapset, yleissivistävien koulujen oppilaat, "
                "vammaiset henkilöt, joiden työkyvyksi on arvioitu alle 55 %, sekä työttömät 0,70 €; lastenkotien "
                "kasvatit ja alle 18-vuotiaat orvot maksutta.\n\n"
                "Hinnat on vahvistettu Šilutėn piirikunnan valtuuston päätöksillä; voimassa olevat summat löytyvät "
                "hinnastosta."
            ),
        },
        "branches": ["centrine-biblioteka", "tilzes-10", "rusnes-filialas", "juknaiciu-filialas", "kintu-filialas"],
        "contact_name": "",
        "contact_email": "info@silutevb.lt",
        "contact_phone": "8 441 78216",
        "is_highlighted": True,
        "order": 10,
    },
    {
        "slug": "reading-rooms-and-lending",
        "category": "reader-services",
        "title": {
            "lt": "Skaityklos ir abonementas",
            "en": "Reading rooms and lending",
            "bg": "Читални и заемане на книги",
            "fi": "Lukusalit ja lainaus",
        },
        "summary": {
            "lt": (
                "Atvirame fonde knygas ir kitus leidinius išsirinksite patys: skaitykite juos skaityklose arba "
                "pasiskolinkite į namus."
            ),
            "en": (
                "Choose books and other items yourself from the open collection: read them in the reading rooms or "
                "borrow them for home."
            ),
            "bg": (
                "Изберете сами книги и други издания от откритите фондове: четете ги в читалните или ги заемете за "
                "вкъщи."
            ),
            "fi": ("Valitse kirjat ja muu aineisto itse avoimesta kokoelmasta: lue ne lukusalissa tai lainaa kotiin."),
        },
        "body": {
            "lt": (
                "Skaityklų ir abonementų fondą formuojame atsižvelgdami į vartotojų poreikius ir nuolat vertiname, "
                "ar jo turinys juos atitinka. Leidinių ieškoti ir juos išsirinkti galite patys, o bibliotekininkai "
                "padės, jei ko nerandate.\n\n"
                "Naujus leidinius pristatome parodose ir rekomendacijų sąrašuose, kad lengviau rastumėte tai, kas "
                "aktualu.\n\n"
                "Jei reikiamo leidinio bibliotekoje nėra, jį galima užsakyti iš kitos bibliotekos per "
                "tarpbibliotekinį abonementą."
            ),
            "en": (
                "We build the collections of the reading rooms and lending departments around our users' needs and "
                "regularly assess whether their content still meets them. You can search for and choose items "
                "yourself, and librarians will help if you cannot find something.\n\n"
                "We present new acquisitions in exhibitions and reading lists so that you can easily find what is "
                "current.\n\n"
                "If the library does not have the item you need, it can be ordered from another library through "
                "interlibrary loan."
            ),
            "bg": (
                "Фондовете на читалните и на заемната служба комплектуваме според нуждите на потребителите и "
                "редовно оценяваме дали съдържанието им отговаря на тях. Можете сами да търсите и избирате "
                "издания, а библиотекарите ще ви помогнат, ако не намирате нещо.\n\n"
                "Представяме новите постъпления в изложби и препоръчителни списъци, за да откривате лесно "
                "актуалното.\n\n"
                "Ако библиотеката няма нужното ви издание, то може да бъде поръчано от друга библиотека чрез "
                "междубиблиотечно заемане."
            ),
            "fi": (
                "Lukusalien ja lainausosastojen kokoelmia kartutetaan käyttäjien tarpeiden mukaan, ja niiden "
                "sisällön vastaavuutta tarpeisiin arvioidaan jatkuvasti. Voit etsiä ja valita aineiston itse, ja "
                "kirjastonhoitajat auttavat, jos jotain ei löydy.\n\n"
                "Esittelemme uutuuksia näyttelyissä ja lukulistoilla, jotta ajankohtainen aineisto löytyy "
                "helposti.\n\n"
                "Jos tarvitsemaasi teosta ei ole kirjastossa, sen voi tilata toisesta kirjastosta kaukolainaksi."
            ),
        },
        "branches": ["centrine-biblioteka", "tilzes-10", "rusnes-filialas", "juknaiciu-filialas", "kintu-filialas"],
        "contact_name": "",
        "contact_email": "info@silutevb.lt",
        "contact_phone": "8 441 78216",
        "is_highlighted": True,
        "order": 20,
    },
    {
        "slug": "user-surveys",
        "category": "reader-services",
        "title": {
            "lt": "Vartotojų apklausos ir poreikių tyrimai",
            "en": "User surveys and needs research",
            "bg": "Анкети и проучване на потребителските нужди",
            "fi": "Asiakaskyselyt ja tarvekartoitukset",
        },
        "summary": {
            "lt": "Reguliariai klausiame vartotojų nuomonės, kad paslaugos ir fondai atitiktų jų poreikius.",
            "en": "We regularly ask users for their views so that our services and collections meet their needs.",
            "bg": (
                "Редовно питаме потребителите за мнението им, за да отговарят услугите и фондовете ни на техните нужди."
            ),
            "fi": (
                "Kysymme säännöllisesti käyttäjien mielipiteitä, jotta palvelumme ja kokoelmamme vastaavat heidän "
                "tarpeitaan."
            ),
        },
        "body": {
            "lt": (
                "Tiriame vartotojų informacinius poreikius, rengiame apklausas ir stebime, kaip naudojamasi "
                "paslaugomis. Taip pat kaupiame ir analizuojame aptarnavimo statistiką.\n\n"
                "Apklausų ir atsiliepimų apibendrinimus skelbiame šiame portale, o jų rezultatus naudojame "
                "paslaugoms tobulinti. Kvietimai dalyvauti apklausoje siunčiami el. paštu ir ištrinami, kai "
                "apklausa baigiasi."
            ),
            "en": (
                "We research users' information needs, run surveys and monitor how services are used. We also "
                "collect and analyse service statistics.\n\n"
                "Summaries of surveys and feedback are published on this portal, and their results are used to "
                "improve our services. Invitations to take part in a survey are sent by e-mail and deleted when "
                "the survey closes."
            ),
            "bg": (
                "Проучваме информационните нужди на потребителите, провеждаме анкети и наблюдаваме как се "
                "използват услугите. Събираме и анализираме и статистиката на обслужването.\n\n"
                "Обобщенията на анкетите и на обратната връзка се публикуват в този портал, а резултатите се "
                "използват за подобряване на услугите. Поканите за участие в анкета се изпращат по електронна поща "
                "и се изтриват при приключване на анкетата."
            ),
            "fi": (
                "Selvitämme käyttäjien tiedontarpeita, teemme kyselyjä ja seuraamme palvelujen käyttöä. Keräämme "
                "ja analysoimme myös palvelutilastoja.\n\n"
                "Kyselyjen ja palautteen yhteenvedot julkaistaan tässä portaalissa, ja tuloksia käytetään "
                "palvelujen kehittämiseen. Kyselykutsut lähetetään sähköpostitse, ja ne poistetaan, kun kysely "
                "päättyy."
            ),
        },
        "branches": ["centrine-biblioteka", "tilzes-10", "rusnes-filialas", "juknaiciu-filialas", "kintu-filialas"],
        "contact_name": "",
        "contact_email": "info@silutevb.lt",
        "contact_phone": "8 441 78216",
        "is_highlighted": False,
        "order": 30,
    },
    {
        "slug": "information-and-advice",
        "category": "information",
        "title": {
            "lt": "Informacinės paslaugos ir konsultacijos",
            "en": "Information services and advice",
            "bg": "Информационни услуги и консултации",
            "fi": "Tiedonhaun apu ja neuvonta",
        },
        "summary": {
            "lt": "Bibliotekininkai padeda rasti informacijos ir naudotis katalogu, duomenų bazėmis bei internetu.",
            "en": "Librarians help you find information and use the catalogue, databases and the internet.",
            "bg": ("Библиотекарите помагат да намерите информация и да използвате каталога, базите данни и интернет."),
            "fi": (
                "Kirjastonhoitajat auttavat tiedonhaussa sekä kirjastoluettelon, tietokantojen ja internetin käytössä."
            ),
        },
        "body": {
            "lt": (
                "Atsakome į užklausas vietoje, telefonu ir el. paštu, konsultuojame, kaip ieškoti leidinių "
                "kataloge ir bibliotekos prenumeruojamose duomenų bazėse, kaip vertinti ir naudoti rastą "
                "informaciją.\n\n"
                "Konsultacijos nemokamos. Jei jums reikia parengto bibliografinio sąrašo, žr. paslaugą "
                "„Bibliografinių sąrašų sudarymas“."
            ),
            "en": (
                "We answer enquiries in person, by phone and by e-mail, and advise on searching the catalogue and "
                "the databases the library subscribes to, and on evaluating and using the information you find.\n\n"
                "Advice is free of charge. If you need a compiled bibliography, see the service “Bibliographic "
                "lists on request”."
            ),
            "bg": (
                "Отговаряме на запитвания на място, по телефона и по електронна поща и съветваме как да търсите в "
                "каталога и в абонираните от библиотеката бази данни, както и как да оценявате и използвате "
                "намерената информация.\n\n"
                "Консултациите са безплатни. Ако ви е нужен съставен библиографски списък, вижте услугата "
                "„Съставяне на библиографски списъци“."
            ),
            "fi": (
                "Vastaamme tiedusteluihin paikan päällä, puhelimitse ja sähköpostitse sekä neuvomme "
                "kirjastoluettelon ja kirjaston tilaamien tietokantojen käytössä ja löydetyn tiedon "
                "arvioinnissa.\n\n"
                "Neuvonta on maksutonta. Jos tarvitset valmiin kirjallisuusluettelon, katso palvelu "
                "”Bibliografioiden laatiminen”."
            ),
        },
        "branches": ["centrine-biblioteka", "tilzes-10", "rusnes-filialas", "juknaiciu-filialas", "kintu-filialas"],
        "contact_name": "",
        "contact_email": "info@silutevb.lt",
        "contact_phone": "8 441 78216",
        "is_highlighted": False,
        "order": 40,
    },
    {
        "slug": "bibliographic-lists",
        "category": "information",
        "title": {
            "lt": "Bibliografinių sąrašų sudarymas",
            "en": "Bibliographic lists on request",
            "bg": "Съставяне на библиографски списъци",
            "fi": "Bibliografioiden laatiminen",
        },
        "summary": {
            "lt": (
                "Pagal individualų užsakymą sudarome ir redaguojame bibliografinius sąrašus ir rodykles iš "
                "bibliotekos fondų ir prenumeruojamų duomenų bazių."
            ),
            "en": (
                "On individual request we compile and edit bibliographic lists and indexes from the library's "
                "collections and subscribed databases."
            ),
            "bg": (
                "По индивидуална поръчка съставяме и редактираме библиографски списъци и указатели от фондовете на "
                "библиотеката и абонираните бази данни."
            ),
            "fi": (
                "Laadimme ja toimitamme tilauksesta bibliografioita ja hakemistoja kirjaston kokoelmista ja "
                "tilatuista tietokannoista."
            ),
        },
        "body": {
            "lt": (
                "Sąrašą galime parengti baigiamajam darbui, referatui, projektui ar kraštotyros tyrimui. Užsakyme "
                "nurodykite temą, laikotarpį ir apytikslį įrašų skaičių.\n\n"
                "Kaina – 0,30 Eur už 1 bibliografinį įrašą (pagal patvirtintą kainoraštį)."
            ),
            "en": (
                "We can prepare a list for a thesis, an essay, a project or local history research. In your order, "
                "state the topic, the period and the approximate number of entries.\n\n"
                "The price is EUR 0.30 per bibliographic entry (according to the approved price list)."
            ),
            "bg": (
                "Можем да изготвим списък за дипломна работа, реферат, проект или краеведско изследване. В "
                "поръчката посочете темата, периода и приблизителния брой записи.\n\n"
                "Цената е 0,30 евро за един библиографски запис (съгласно одобрения ценоразпис)."
            ),
            "fi": (
                "Voimme laatia luettelon opinnäytetyötä, esitelmää, projektia tai kotiseutututkimusta varten. "
                "Kerro tilauksessa aihe, ajanjakso ja arvioitu viitteiden määrä.\n\n"
                "Hinta on 0,30 € bibliografiselta viitteeltä (vahvistetun hinnaston mukaan)."
            ),
        },
        "branches": ["centrine-biblioteka", "tilzes-10"],
        "contact_name": "",
        "contact_email": "info@silutevb.lt",
        "contact_phone": "8 441 78216",
        "is_highlighted": False,
        "order": 50,
    },
    {
        "slug": "copying-printing-scanning",
        "category": "paid-services",
        "title": {
            "lt": "Kopijavimas, spausdinimas, skenavimas ir faksas",
            "en": "Copying, printing, scanning and fax",
            "bg": "Копиране, печат, сканиране и факс",
            "fi": "Kopiointi, tulostus, skannaus ja faksi",
        },
        "summary": {
            "lt": (
                "Dokumentus bibliotekoje galite nukopijuoti, atsispausdinti, nuskenuoti ar išsiųsti faksu; kainos "
                "nurodytos kainoraštyje."
            ),
            "en": "You can copy, print, scan or fax documents at the library; the amounts are in the price list.",
            "bg": (
                "В библиотеката можете да копирате, отпечатвате, сканирате или изпращате документи по факс; сумите "
                "са в ценоразписа."
            ),
            "fi": (
                "Kirjastossa voit kopioida, tulostaa, skannata tai faksata asiakirjoja; hinnat löytyvät hinnastosta."
            ),
        },
        "body": {
            "lt": (
                "Kopijavimas: nespalvota kopija A4 – 0,06 Eur, A3 – 0,10 Eur; spalvota kopija A4 – 0,45 Eur, A3 – "
                "0,90 Eur.\n\n"
                "Spausdinimas: nespalviniu spausdintuvu A4 – 0,07 Eur, A3 – 0,12 Eur; spalviniu spausdintuvu A4 – "
                "0,50 Eur, A3 – 1,00 Eur.\n\n"
                "Skenavimas: 1 vaizdas (1 puslapis, A4) – 0,15 Eur. Pranešimo išsiuntimas faksu – 0,60 Eur.\n\n"
                "Kainos patvirtintos Šilutės rajono savivaldybės tarybos sprendimais; galioja naujausias "
                "kainoraštis."
            ),
            "en": (
                "Copying: black-and-white A4 copy EUR 0.06, A3 EUR 0.10; colour A4 copy EUR 0.45, A3 EUR 0.90.\n\n"
                "Printing: black-and-white printer A4 EUR 0.07, A3 EUR 0.12; colour printer A4 EUR 0.50, A3 EUR "
                "1.00.\n\n"
                "Scanning: one image (one A4 page) EUR 0.15. Sending a message by fax EUR 0.60.\n\n"
                "The prices were approved by decisions of the Šilutė District Municipal Council; the current price "
                "list applies."
            ),
            "bg": (
                "Копиране: черно-бяло копие A4 – 0,06 евро, A3 – 0,10 евро; цветно копие A4 – 0,45 евро, A3 – 0,90 "
                "евро.\n\n"
                "Печат: на черно-бял принтер A4 – 0,07 евро, A3 – 0,12 евро; на цветен принтер A4 – 0,50 евро, A3 "
                "– 1,00 евро.\n\n"
                "Сканиране: едно изображение (една страница A4) – 0,15 евро. Изпращане на съобщение по факс – 0,60 "
                "евро.\n\n"
                "Цените са одобрени с решения на Общинския съвет на районна община Шилуте; важи актуалният "
                "ценоразпис."
            ),
            "fi": (
                "Kopiointi: mustavalkoinen A4-kopio 0,06 €, A3 0,10 €; värikopio A4 0,45 €, A3 0,90 €.\n\n"
                "Tulostus: mustavalkotulostimella A4 0,07 €, A3 0,12 €; väritulostimella A4 0,50 €, A3 1,00 €.\n\n"
                "Skannaus: yksi kuva (yksi A4-sivu) 0,15 €. Viestin lähettäminen faksilla 0,60 €.\n\n"
                "Hinnat on vahvistettu Šilutėn piirikunnan valtuuston päätöksillä; voimassa on uusin hinnasto."
            ),
        },
        "branches": ["centrine-biblioteka", "tilzes-10", "rusnes-filialas", "juknaiciu-filialas", "kintu-filialas"],
        "contact_name": "",
        "contact_email": "info@silutevb.lt",
        "contact_phone": "8 441 78216",
        "is_highlighted": True,
        "order": 60,
    },
    {
        "slug": "binding-and-laminating",
        "category": "paid-services",
        "title": {
            "lt": "Įrišimas ir laminavimas",
            "en": "Binding and laminating",
            "bg": "Подвързване и ламиниране",
            "fi": "Sidonta ja laminointi",
        },
        "summary": {
            "lt": "Įrišame A4 formato dokumentus iki 95 lapų ir laminuojame A4 bei A5 formato lapus.",
            "en": "We bind A4 documents of up to 95 sheets and laminate A4 and A5 sheets.",
            "bg": "Подвързваме документи формат A4 до 95 листа и ламинираме листове формат A4 и A5.",
            "fi": "Sidomme enintään 95 arkin A4-asiakirjoja ja laminoimme A4- ja A5-arkkeja.",
        },
        "body": {
            "lt": (
                "A4 formato dokumentų įrišimas: iki 25 lapų – 0,75 Eur, iki 45 lapų – 1,00 Eur, iki 65 lapų – 1,30 "
                "Eur, iki 95 lapų – 1,60 Eur.\n\n"
                "Laminavimas: A4 formatas – 1,00 Eur, A5 formatas – 0,75 Eur."
            ),
            "en": (
                "Binding of A4 documents: up to 25 sheets EUR 0.75, up to 45 sheets EUR 1.00, up to 65 sheets EUR "
                "1.30, up to 95 sheets EUR 1.60.\n\n"
                "Laminating: A4 EUR 1.00, A5 EUR 0.75."
            ),
            "bg": (
                "Подвързване на документи A4: до 25 листа – 0,75 евро, до 45 листа – 1,00 евро, до 65 листа – 1,30 "
                "евро, до 95 листа – 1,60 евро.\n\n"
                "Ламиниране: A4 – 1,00 евро, A5 – 0,75 евро."
            ),
            "fi": (
                "A4-asiakirjojen sidonta: enintään 25 arkkia 0,75 €, enintään 45 arkkia 1,00 €, enintään 65 arkkia "
                "1,30 €, enintään 95 arkkia 1,60 €.\n\n"
                "Laminointi: A4 1,00 €, A5 0,75 €."
            ),
        },
        "branches": ["centrine-biblioteka", "tilzes-10"],
        "contact_name": "",
        "contact_email": "info@silutevb.lt",
        "contact_phone": "8 441 78216",
        "is_highlighted": False,
        "order": 70,
    },
    {
        "slug": "publishing-services",
        "category": "paid-services",
        "title": {
            "lt": "Leidybos paslaugos",
            "en": "Publishing services",
            "bg": "Издателски услуги",
            "fi": "Julkaisupalvelut",
        },
        "summary": {
            "lt": (
                "Surenkame ir maketuojame tekstus, kuriame lankstinukus, kvietimus, programas, afišas, diplomus ir "
                "kitus mažosios poligrafijos leidinius."
            ),
            "en": (
                "We type and lay out texts and design leaflets, invitations, programmes, posters, diplomas and "
                "other small print items."
            ),
            "bg": (
                "Набираме и странираме текстове и изработваме дипляни, покани, програми, афиши, дипломи и други "
                "малки печатни издания."
            ),
            "fi": (
                "Ladomme ja taitamme tekstejä sekä suunnittelemme esitteitä, kutsuja, ohjelmia, julisteita, "
                "diplomeja ja muita pienpainotuotteita."
            ),
        },
        "body": {
            "lt": (
                "1 puslapio (A4) teksto surinkimas – 0,55 Eur, 1 puslapio (A4) maketavimas – 0,90 Eur. "
                "Lankstinuko, kvietimo, programos, bukleto, afišos, padėkos, diplomo, vizitinės kortelės ar kito "
                "mažosios poligrafijos leidinio sukūrimas – 2,30 Eur už valandą.\n\n"
                "Su bibliotekų veikla susijusią leidybinę ir suvenyrinę produkciją platiname faktine savikaina."
            ),
            "en": (
                "Typing one page of text (A4) EUR 0.55, layout of one page (A4) EUR 0.90. Designing a leaflet, "
                "invitation, programme, booklet, poster, letter of thanks, diploma, business card or other small "
                "print item EUR 2.30 per hour.\n\n"
                "We also distribute publications and souvenirs related to the work of libraries at actual cost."
            ),
            "bg": (
                "Набор на една страница текст (A4) – 0,55 евро, страниране на една страница (A4) – 0,90 евро. "
                "Изработване на дипляна, покана, програма, брошура, афиш, благодарствено писмо, диплома, визитна "
                "картичка или друго малко печатно издание – 2,30 евро на час.\n\n"
                "Разпространяваме и издания и сувенири, свързани с дейността на библиотеките, на себестойност."
            ),
            "fi": (
                "Yhden tekstisivun (A4) latominen 0,55 €, yhden sivun (A4) taitto 0,90 €. Esitteen, kutsun, "
                "ohjelman, vihkosen, julisteen, kiitoskirjeen, diplomin, käyntikortin tai muun pienpainotuotteen "
                "suunnittelu 2,30 € tunnilta.\n\n"
                "Välitämme myös kirjastojen toimintaan liittyviä julkaisuja ja matkamuistoja omakustannushintaan."
            ),
        },
        "branches": ["centrine-biblioteka"],
        "contact_name": "",
        "contact_email": "info@silutevb.lt",
        "contact_phone": "8 441 78216",
        "is_highlighted": False,
        "order": 80,
    },
    {
        "slug": "room-hire",
        "category": "paid-services",
        "title": {
            "lt": "Patalpų nuoma renginiams",
            "en": "Room hire for events",
            "bg": "Наем на зали за събития",
            "fi": "Tilojen vuokraus tapahtumiin",
        },
        "summary": {
            "lt": (
                "Trumpam nuomojame renginių ir parodų sales Šilutėje bei patalpas filialuose; mokestis "
                "skaičiuojamas už valandą."
            ),
            "en": (
                "We hire out event and exhibition halls in Šilutė and rooms in the branches for short periods, "
                "charged by the hour."
            ),
            "bg": (
                "Отдаваме под наем за кратко зали за събития и изложби в Шилуте и помещения в клоновете срещу "
                "почасово заплащане."
            ),
            "fi": (
                "Vuokraamme lyhytaikaisesti tapahtuma- ja näyttelysaleja Šilutėssa sekä tiloja sivukirjastoissa "
                "tuntihintaan."
            ),
        },
        "body": {
            "lt": (
                "Renginių ir parodų salė (Tilžės g. 12, 1 aukštas): 15,00 Eur už valandą be įrangos, 20,00 Eur su "
                "demonstracine įranga.\n\n"
                "Renginių salė (Tilžės g. 10, IV aukštas): 8,00 Eur už valandą be įrangos, 10,00 Eur su "
                "demonstracine įranga.\n\n"
                "Patalpos visuose filialuose: 5,00 Eur už valandą be įrangos, 7,00 Eur su demonstracine įranga. "
                "Dėl laiko susitarkite iš anksto."
            ),
            "en": (
                "Events and exhibition hall (Tilžės g. 12, 1st floor): EUR 15.00 per hour without equipment, EUR "
                "20.00 with presentation equipment.\n\n"
                "Events hall (Tilžės g. 10, 4th floor): EUR 8.00 per hour without equipment, EUR 10.00 with "
                "presentation equipment.\n\n"
                "Rooms in all branches: EUR 5.00 per hour without equipment, EUR 7.00 with presentation equipment. "
                "Please agree on the time in advance."
            ),
            "bg": (
                "Зала за събития и изложби (Tilžės g. 12, първи етаж): 15,00 евро на час без оборудване, 20,00 "
                "евро с демонстрационно оборудване.\n\n"
                "Зала за събития (Tilžės g. 10, четвърти етаж): 8,00 евро на час без оборудване, 10,00 евро с "
                "демонстрационно оборудване.\n\n"
                "Помещения във всички клонове: 5,00 евро на час без оборудване, 7,00 евро с демонстрационно "
                "оборудване. Моля, договорете часа предварително."
            ),
            "fi": (
                "Tapahtuma- ja näyttelysali (Tilžės g. 12, 1. kerros): 15,00 € tunnilta ilman laitteita, 20,00 € "
                "esityslaitteineen.\n\n"
                "Tapahtumasali (Tilžės g. 10, 4. kerros): 8,00 € tunnilta ilman laitteita, 10,00 € "
                "esityslaitteineen.\n\n"
                "Tilat kaikissa sivukirjastoissa: 5,00 € tunnilta ilman laitteita, 7,00 € esityslaitteineen. Sovi "
                "ajankohdasta etukäteen."
            ),
        },
        "branches": ["centrine-biblioteka", "tilzes-10", "rusnes-filialas", "juknaiciu-filialas", "kintu-filialas"],
        "contact_name": "",
        "contact_email": "info@silutevb.lt",
        "contact_phone": "8 441 78216",
        "is_highlighted": False,
        "order": 90,
    },
    {
        "slug": "interlibrary-loan",
        "category": "interlibrary-loan",
        "title": {
            "lt": "Tarpbibliotekinis abonementas (TBA)",
            "en": "Interlibrary loan",
            "bg": "Междубиблиотечно заемане",
            "fi": "Kaukolainat",
        },
        "summary": {
            "lt": (
                "Jei leidinio nėra mūsų fonduose, galite užsisakyti jį ar straipsnio kopiją iš kitos Lietuvos "
                "bibliotekos; paslauga mokama."
            ),
            "en": (
                "If an item is not in our collections, you can order it or a copy of an article from another "
                "Lithuanian library; this is a paid service."
            ),
            "bg": (
                "Ако дадено издание липсва в нашите фондове, можете да го поръчате или да поръчате копие на статия "
                "от друга литовска библиотека; услугата е платена."
            ),
            "fi": (
                "Jos teosta ei ole kokoelmissamme, voit tilata sen tai artikkelikopion toisesta liettualaisesta "
                "kirjastosta; palvelu on maksullinen."
            ),
        },
        "body": {
            "lt": (
                "Užsakymą priimame užpildžius nustatytos formos užsakymo lapelį, taip pat paštu, telefonu, faksu "
                "ar elektroniniu paštu. Išsiųsti užsakymai neanuliuojami.\n\n"
                "Visas pašto išlaidas apmoka užsakovas; kaina apskaičiuojama pagal Lietuvoje galiojančius pašto "
                "paslaugų tarifus ir priklauso nuo siunčiamų dokumentų svorio.\n\n"
                "Gautais leidiniais galima naudotis tik bibliotekos skaityklose – į namus jie neišduodami. "
                "Naudojimosi terminą nustato leidinį paskolinusi biblioteka (dažniausiai 30 dienų, paklausiems "
                "leidiniams – trumpiau). Vieninteliai egzemplioriai, reti ir vertingi spaudiniai bei periodiniai "
                "leidiniai neskolinami.\n\n"
                "Jei gautas dokumentas prarandamas ar sugadinamas, asmuo ar institucija, kurių vardu jis "
                "užsakytas, už jį atsiskaito Naudojimosi biblioteka taisyklių nustatyta tvarka. Lietuvos "
                "bibliotekos su mumis sudaro TBA sutartį."
            ),
            "en": (
                "Orders are accepted on the library's order form and by post, phone, fax or e-mail. Orders that "
                "have been sent cannot be cancelled.\n\n"
                "All postage is paid by the person placing the order; the price is calculated from the postal "
                "tariffs in force in Lithuania and depends on the weight of the items sent.\n\n"
                "Items received may be used only in the library's reading rooms and are not lent for home use. The "
                "loan period is set by the lending library (usually 30 days, shorter for items in demand). Unique "
                "copies, rare and valuable items and periodicals are not lent.\n\n"
                "If an item received is lost or damaged, the person or institution in whose name it was ordered "
                "pays for it as set out in the library's rules of use. Lithuanian libraries conclude an "
                "interlibrary loan agreement with us."
            ),
            "bg": (
                "Поръчки се приемат с попълнен формуляр на библиотеката, както и по пощата, по телефона, по факс и "
                "по електронна поща. Изпратените поръчки не се анулират.\n\n"
                "Всички пощенски разходи се заплащат от поръчващия; цената се изчислява по действащите в Литва "
                "пощенски тарифи и зависи от теглото на изпращаните документи.\n\n"
                "Получените издания се ползват само в читалните на библиотеката и не се дават за вкъщи. Срокът на "
                "ползване се определя от библиотеката, предоставила изданието (обикновено 30 дни, за търсени "
                "издания може да е по-кратък). Единствени екземпляри, редки и ценни издания и периодика не се "
                "заемат.\n\n"
                "При загуба или повреда на получено издание лицето или институцията, на чието име е поръчано, го "
                "заплаща съгласно Правилата за ползване на библиотеката. Литовските библиотеки сключват с нас "
                "договор за междубиблиотечно заемане."
            ),
            "fi": (
                "Tilauksia otetaan vastaan kirjaston tilauslomakkeella sekä postitse, puhelimitse, faksilla ja "
                "sähköpostitse. Lähetettyjä tilauksia ei voi peruuttaa.\n\n"
                "Tilaaja maksaa kaikki postikulut; hinta lasketaan Liettuassa voimassa olevien postitaksojen "
                "mukaan ja riippuu lähetettävien aineistojen painosta.\n\n"
                "Saatuja teoksia voi käyttää vain kirjaston lukusaleissa, eikä niitä lainata kotiin. Laina-ajan "
                "määrää lainaava kirjasto (yleensä 30 päivää, kysytyille teoksille lyhyempi). Ainoita kappaleita, "
                "harvinaisia ja arvokkaita teoksia sekä aikakauslehtiä ei lainata.\n\n"
                "Jos saatu teos katoaa tai vahingoittuu, henkilö tai laitos, jonka nimissä se tilattiin, korvaa "
                "sen kirjaston käyttösääntöjen mukaisesti. Liettualaiset kirjastot tekevät kanssamme "
                "kaukolainasopimuksen."
            ),
        },
        "branches": ["centrine-biblioteka", "tilzes-10", "rusnes-filialas", "juknaiciu-filialas", "kintu-filialas"],
        "contact_name": "Dalia Pupšytė",
        "contact_email": "Dalia.Pupsyte@silutevb.lt",
        "contact_phone": "8 441 78216",
        "is_highlighted": True,
        "order": 100,
    },
    {
        "slug": "international-interlibrary-loan",
        "category": "interlibrary-loan",
        "title": {
            "lt": "Tarptautinis tarpbibliotekinis abonementas (TTBA)",
            "en": "International interlibrary loan",
            "bg": "Международно междубиблиотечно заемане",
            "fi": "Kansainväliset kaukolainat",
        },
        "summary": {
            "lt": (
                "Leidinius ar straipsnių kopijas galime užsakyti iš užsienio bibliotekų; mokestį nustato juos "
                "atsiunčianti biblioteka."
            ),
            "en": (
                "We can order items or copies of articles from libraries abroad; the charge is set by the library "
                "that supplies them."
            ),
            "bg": (
                "Можем да поръчаме издания или копия на статии от чуждестранни библиотеки; таксата се определя от "
                "библиотеката, която ги предоставя."
            ),
            "fi": (
                "Voimme tilata teoksia tai artikkelikopioita ulkomaisista kirjastoista; maksun määrää ne "
                "toimittava kirjasto."
            ),
        },
        "body": {
            "lt": (
                "Užsakymai priimami ir vykdomi taip pat kaip per TBA: užpildžius užsakymo lapelį, paštu, telefonu, "
                "faksu ar el. paštu. Išsiųsti užsakymai neanuliuojami, o gautais leidiniais galima naudotis tik "
                "skaityklose.\n\n"
                "Užsienio bibliotekoms atsiskaitome pagal dokumentą atsiuntusios bibliotekos mokestinį "
                "reikalavimą, už kopijas – pagal jas pagaminusios bibliotekos kopijavimo įkainius. Pašto išlaidas "
                "apmoka užsakovas."
            ),
            "en": (
                "Orders are placed and handled as for domestic interlibrary loan: on the order form or by post, "
                "phone, fax or e-mail. Orders that have been sent cannot be cancelled, and items received may be "
                "read only in the reading rooms.\n\n"
                "We pay foreign libraries according to the invoice of the library that sent the item, and for "
                "copies according to the copying rates of the library that made them. Postage is paid by the "
                "person placing the order."
            ),
            "bg": (
                "Поръчките се подават и обработват както при междубиблиотечното заемане в Литва: с формуляр или по "
                "пощата, по телефона, по факс и по електронна поща. Изпратените поръчки не се анулират, а "
                "получените издания се четат само в читалните.\n\n"
                "На чуждестранните библиотеки плащаме според сметката на библиотеката, изпратила изданието, а за "
                "копия – по тарифите за копиране на библиотеката, която ги е изготвила. Пощенските разходи се "
                "заплащат от поръчващия."
            ),
            "fi": (
                "Tilaukset tehdään ja käsitellään kuten kotimaiset kaukolainat: tilauslomakkeella tai postitse, "
                "puhelimitse, faksilla tai sähköpostitse. Lähetettyjä tilauksia ei voi peruuttaa, ja saatuja "
                "teoksia voi lukea vain lukusaleissa.\n\n"
                "Ulkomaisille kirjastoille maksamme teoksen lähettäneen kirjaston laskun mukaan ja kopioista ne "
                "tehneen kirjaston kopiointihintojen mukaan. Tilaaja maksaa postikulut."
            ),
        },
        "branches": ["centrine-biblioteka", "tilzes-10"],
        "contact_name": "Dalia Pupšytė",
        "contact_email": "Dalia.Pupsyte@silutevb.lt",
        "contact_phone": "8 441 78216",
        "is_highlighted": False,
        "order": 110,
    },
    {
        "slug": "children-and-youth-education",
        "category": "children-youth",
        "title": {
            "lt": "Edukacija vaikams ir jaunimui",
            "en": "Educational activities for children and young people",
            "bg": "Образователни занимания за деца и младежи",
            "fi": "Kirjasto-opetus ja tapahtumat lapsille ja nuorille",
        },
        "summary": {
            "lt": (
                "Dalyvaujame vaikų ir jaunimo edukacijos projektuose bei programose ir rengiame užsiėmimus "
                "mokykloms ir šeimoms."
            ),
            "en": (
                "We take part in educational projects and programmes for children and young people and organise "
                "activities for schools and families."
            ),
            "bg": (
                "Участваме в образователни проекти и програми за деца и младежи и организираме занимания за "
                "училища и семейства."
            ),
            "fi": (
                "Osallistumme lasten ja nuorten oppimishankkeisiin ja -ohjelmiin sekä järjestämme toimintaa "
                "kouluille ja perheille."
            ),
        },
        "body": {
            "lt": (
                "Bendradarbiaujame su mokyklomis, darželiais ir kitomis institucijomis, susijusiomis su vaikų ir "
                "jaunimo skaitymu ir informaciniu aptarnavimu. Grupėms rengiame bibliotekines pamokas, garsinius "
                "skaitymus ir kūrybines dirbtuves.\n\n"
                "Apie artėjančius renginius skelbiame šiame portale; į kai kuriuos reikia registruotis iš anksto."
            ),
            "en": (
                "We work with schools, kindergartens and other institutions concerned with children's and young "
                "people's reading and information services. For groups we offer library lessons, reading-aloud "
                "sessions and creative workshops.\n\n"
                "Upcoming events are announced on this portal; some require registration in advance."
            ),
            "bg": (
                "Сътрудничим с училища, детски градини и други институции, свързани с четенето и информационното "
                "обслужване на деца и младежи. За групи организираме библиотечни уроци, четения на глас и "
                "творчески работилници.\n\n"
                "Предстоящите събития се обявяват в този портал; за някои от тях е необходима предварителна "
                "регистрация."
            ),
            "fi": (
                "Teemme yhteistyötä koulujen, päiväkotien ja muiden lasten ja nuorten lukemiseen ja tietopalveluun "
                "liittyvien tahojen kanssa. Ryhmille järjestämme kirjastotunteja, ääneenlukuhetkiä ja luovia "
                "työpajoja.\n\n"
                "Tulevista tapahtumista kerrotaan tässä portaalissa; osaan niistä on ilmoittauduttava etukäteen."
            ),
        },
        "branches": ["centrine-biblioteka", "tilzes-10", "rusnes-filialas", "juknaiciu-filialas", "kintu-filialas"],
        "contact_name": "",
        "contact_email": "info@silutevb.lt",
        "contact_phone": "8 441 78216",
        "is_highlighted": False,
        "order": 120,
    },
    {
        "slug": "guidance-for-libraries",
        "category": "children-youth",
        "title": {
            "lt": "Metodinė pagalba bibliotekoms",
            "en": "Guidance for libraries",
            "bg": "Методическа помощ за библиотеки",
            "fi": "Neuvontaa ja ohjausta kirjastoille",
        },
        "summary": {
            "lt": (
                "Konsultuojame kitų bibliotekų darbuotojus vaikų ir jaunimo aptarnavimo klausimais ir dalijamės "
                "gerąja patirtimi."
            ),
            "en": (
                "We advise the staff of other libraries on services for children and young people and share good "
                "practice."
            ),
            "bg": (
                "Консултираме служители на други библиотеки по въпроси на обслужването на деца и младежи и "
                "споделяме добри практики."
            ),
            "fi": (
                "Neuvomme muiden kirjastojen henkilökuntaa lasten ja nuorten palveluissa ja jaamme hyviä käytäntöjä."
            ),
        },
        "body": {
            "lt": (
                "Teikiame konsultacinę ir metodinę pagalbą filialams ir kitoms bibliotekoms vaikų ir jaunimo "
                "aptarnavimo veiklos klausimais. Gerąją patirtį skleidžiame spaudoje, internete, seminaruose ir "
                "konferencijose.\n\n"
                "Dalyvaujame projektinėje veikloje ir bendradarbiaujame su institucijomis, susijusiomis su vaikų "
                "ir jaunimo skaitymu."
            ),
            "en": (
                "We provide advice and methodological support to our branches and other libraries on services for "
                "children and young people. We share good practice in the press, online, at seminars and at "
                "conferences.\n\n"
                "We take part in projects and cooperate with institutions concerned with children's and young "
                "people's reading."
            ),
            "bg": (
                "Оказваме консултантска и методическа помощ на нашите клонове и на други библиотеки по въпросите "
                "на обслужването на деца и младежи. Споделяме добри практики в печата, онлайн, на семинари и "
                "конференции.\n\n"
                "Участваме в проекти и си сътрудничим с институции, свързани с четенето на деца и младежи."
            ),
            "fi": (
                "Annamme neuvontaa ja menetelmätukea sivukirjastoillemme ja muille kirjastoille lasten ja nuorten "
                "palveluihin liittyvissä kysymyksissä. Jaamme hyviä käytäntöjä lehdistössä, verkossa, "
                "seminaareissa ja konferensseissa.\n\n"
                "Osallistumme hankkeisiin ja teemme yhteistyötä lasten ja nuorten lukemiseen liittyvien tahojen "
                "kanssa."
            ),
        },
        "branches": ["centrine-biblioteka"],
        "contact_name": "",
        "contact_email": "info@silutevb.lt",
        "contact_phone": "8 441 78216",
        "is_highlighted": False,
        "order": 130,
    },
    {
        "slug": "lesto-self-service",
        "category": "e-services",
        "title": {
            "lt": "LESTO paslaugų savitarnos vieta",
            "en": "LESTO self-service point",
            "bg": "Точка за самообслужване на LESTO",
            "fi": "LESTOn itsepalvelupiste",
        },
        "summary": {
            "lt": (
                "Specialiai įrengtoje vietoje galite naudotis AB LESTO paslaugomis per savitarnos svetainę "
                "www.manoelektra.lt, o apmokyti bibliotekininkai patars."
            ),
            "en": (
                "At a dedicated point you can use AB LESTO's services through the self-service website "
                "www.manoelektra.lt, with advice from trained librarians."
            ),
            "bg": (
                "В специално обособено място можете да ползвате услугите на AB LESTO чрез сайта за самообслужване "
                "www.manoelektra.lt със съдействието на обучени библиотекари."
            ),
            "fi": (
                "Erityisessä itsepalvelupisteessä voit käyttää AB LESTOn palveluja sen itsepalvelusivustolla "
                "www.manoelektra.lt koulutettujen kirjastonhoitajien opastuksella."
            ),
        },
        "body": {
            "lt": (
                "Elektros skirstymo bendrovė AB LESTO įrengė paslaugų savitarnos vietas 20 Lietuvos viešųjų "
                "bibliotekų, tarp jų ir Šilutės. Čia galite savarankiškai naudotis bendrovės paslaugomis per "
                "savitarnos svetainę www.manoelektra.lt.\n\n"
                "Specialiai apmokyti bibliotekos darbuotojai patars, kaip sėkmingai gauti reikiamą paslaugą, o "
                "kartu patobulinsite ir savo IT raštingumą.\n\n"
                "Bibliotekų, kuriose yra tokios savitarnos vietos, sąrašą rasite šiame portale."
            ),
            "en": (
                "The electricity distribution company AB LESTO has set up self-service points in 20 Lithuanian "
                "public libraries, including Šilutė. Here you can use the company's services yourself through its "
                "self-service website www.manoelektra.lt.\n\n"
                "Specially trained library staff advise you on how to get the service you need, and at the same "
                "time you can improve your IT skills.\n\n"
                "The list of libraries with such self-service points is available on this portal."
            ),
            "bg": (
                "Литовското електроразпределително дружество AB LESTO е изградило точки за самообслужване в 20 "
                "литовски обществени библиотеки, сред които и в Шилуте. Тук можете сами да използвате услугите на "
                "дружеството чрез неговия сайт за самообслужване www.manoelektra.lt.\n\n"
                "Специално обучени библиотекари ще ви посъветват как да получите нужната услуга, а същевременно ще "
                "подобрите и уменията си за работа с информационни технологии.\n\n"
                "Списъкът на библиотеките с такива точки е публикуван в този портал."
            ),
            "fi": (
                "Sähkönjakeluyhtiö AB LESTO on perustanut itsepalvelupisteitä 20 liettualaiseen yleiseen "
                "kirjastoon, myös Šilutėen. Täällä voit käyttää yhtiön palveluja itsenäisesti sen "
                "itsepalvelusivustolla www.manoelektra.lt.\n\n"
                "Erityisesti koulutettu kirjaston henkilökunta neuvoo, miten saat tarvitsemasi palvelun, ja "
                "samalla voit kehittää tietoteknisiä taitojasi.\n\n"
                "Luettelo kirjastoista, joissa on tällainen itsepalvelupiste, löytyy tästä portaalista."
            ),
        },
        "branches": ["centrine-biblioteka"],
        "contact_name": "",
        "contact_email": "info@silutevb.lt",
        "contact_phone": "8 441 78216",
        "is_highlighted": True,
        "order": 140,
    },
    {
        "slug": "e-employment",
        "category": "e-services",
        "title": {"lt": "E. užimtumas", "en": "E-employment", "bg": "Е-заетост", "fi": "E-työllisyys"},
        "summary": {
            "lt": (
                "Padedame rasti aktualią ir tikslią informaciją apie darbo rinką: laisvas darbo vietas, "
                "kvalifikacijos kėlimo ir perkvalifikavimo kursus, užimtumo projektų finansavimą."
            ),
            "en": (
                "We help you find up-to-date, accurate information on the labour market: vacancies, training and "
                "retraining courses, and funding for employment projects."
            ),
            "bg": (
                "Помагаме да намерите актуална и точна информация за пазара на труда: свободни работни места, "
                "курсове за квалификация и преквалификация и финансиране на проекти в сферата на заетостта."
            ),
            "fi": (
                "Autamme löytämään ajantasaista ja luotettavaa tietoa työmarkkinoista: avoimista työpaikoista, "
                "täydennys- ja uudelleenkoulutuksesta sekä työllisyyshankkeiden rahoituksesta."
            ),
        },
        "body": {
            "lt": (
                "Naudodamiesi internetiniais ištekliais padedame ieškoti darbo skelbimų, mokymosi ir finansavimo "
                "galimybių bei naudotis Užimtumo tarnybos elektroninėmis paslaugomis.\n\n"
                "Paslaugą sukūrė programos „Global Libraries – Bulgaria“ bibliotekos kartu su užimtumo "
                "institucijomis; jų gerąją patirtį taikome ir Šilutėje."
            ),
            "en": (
                "Using online resources, we help you search for job advertisements, training and funding "
                "opportunities and use the e-services of the Lithuanian Employment Service.\n\n"
                "The service was developed by the libraries of the “Global Libraries – Bulgaria” programme "
                "together with employment agencies; we apply their good practice in Šilutė too."
            ),
            "bg": (
                "С помощта на онлайн ресурси ви помагаме да търсите обяви за работа, възможности за обучение и "
                "финансиране и да използвате електронните услуги на литовската Служба по заетостта.\n\n"
                "Услугата е разработена от библиотеките по програма „Глоб@лни библиотеки – България“ в "
                "партньорство с Агенцията по заетостта; прилагаме техния добър опит и в Шилуте."
            ),
            "fi": (
                "Verkkolähteiden avulla autamme etsimään työpaikkailmoituksia, koulutus- ja "
                "rahoitusmahdollisuuksia sekä käyttämään Liettuan työvoimapalvelun verkkopalveluja.\n\n"
                "Palvelun kehittivät Global Libraries – Bulgaria -ohjelman kirjastot yhdessä työvoimaviranomaisten "
                "kanssa; sovellamme niiden hyviä käytäntöjä myös Šilutėssa."
            ),
        },
        "branches": ["centrine-biblioteka", "tilzes-10", "rusnes-filialas", "juknaiciu-filialas", "kintu-filialas"],
        "contact_name": "",
        "contact_email": "info@silutevb.lt",
        "contact_phone": "8 441 78216",
        "is_highlighted": False,
        "order": 150,
    },
    {
        "slug": "e-health",
        "category": "e-services",
        "title": {"lt": "E. sveikata", "en": "E-health", "bg": "Е-здраве", "fi": "E-terveys"},
        "summary": {
            "lt": (
                "Padedame rasti patikimos ir tikslios informacijos sveikatos temomis ir rengiame renginius su "
                "sveikatos specialistais."
            ),
            "en": "We help you find reliable, accurate health information and hold events with health experts.",
            "bg": (
                "Помагаме да намерите надеждна и точна информация по здравни теми и организираме събития с "
                "участието на здравни експерти."
            ),
            "fi": (
                "Autamme löytämään luotettavaa ja täsmällistä terveystietoa ja järjestämme tapahtumia terveysalan "
                "asiantuntijoiden kanssa."
            ),
        },
        "body": {
            "lt": (
                "Naudodamiesi informacinėmis technologijomis padedame rasti patikimų šaltinių sveikatos klausimais "
                "ir atskirti juos nuo abejotinų.\n\n"
                "Įvairioms tikslinėms grupėms rengiame renginius, į kuriuos kviečiame visuomenės sveikatos "
                "specialistus. Bibliotekininkai medicininių konsultacijų neteikia."
            ),
            "en": (
                "Using information technology, we help you find trustworthy sources on health questions and tell "
                "them apart from doubtful ones.\n\n"
                "We hold events for different target groups with public health specialists. Librarians do not give "
                "medical advice."
            ),
            "bg": (
                "С помощта на информационните технологии ви помагаме да намерите надеждни източници по здравни "
                "въпроси и да ги отличите от съмнителните.\n\n"
                "Организираме събития за различни целеви групи с участието на специалисти по обществено здраве. "
                "Библиотекарите не дават медицински консултации."
            ),
            "fi": (
                "Tietotekniikan avulla autamme löytämään luotettavia terveystiedon lähteitä ja erottamaan ne "
                "epäluotettavista.\n\n"
                "Järjestämme eri kohderyhmille tapahtumia yhdessä kansanterveyden asiantuntijoiden kanssa. "
                "Kirjastonhoitajat eivät anna lääketieteellisiä neuvoja."
            ),
        },
        "branches": ["centrine-biblioteka", "tilzes-10", "rusnes-filialas", "juknaiciu-filialas", "kintu-filialas"],
        "contact_name": "",
        "contact_email": "info@silutevb.lt",
        "contact_phone": "8 441 78216",
        "is_highlighted": False,
        "order": 160,
    },
    {
        "slug": "e-culture",
        "category": "e-services",
        "title": {"lt": "E. kultūra", "en": "E-culture", "bg": "Е-култура", "fi": "E-kulttuuri"},
        "summary": {
            "lt": ("Pristatome kultūros produktus ir rengiame kultūros renginius bei iniciatyvas vietos bendruomenei."),
            "en": ("We present cultural content and organise cultural events and initiatives for the local community."),
            "bg": ("Предоставяме културни продукти и организираме културни събития и инициативи за местната общност."),
            "fi": (
                "Tarjoamme kulttuurisisältöjä ja järjestämme kulttuuritapahtumia ja -hankkeita paikalliselle "
                "yhteisölle."
            ),
        },
        "body": {
            "lt": (
                "Padedame rasti skaitmenintą kultūros paveldą, virtualias parodas ir kitus kultūros išteklius "
                "internete.\n\n"
                "Kartu su bendruomene rengiame kultūros renginius ir iniciatyvas, kuriose naudojamos informacinės "
                "technologijos."
            ),
            "en": (
                "We help you find digitised cultural heritage, virtual exhibitions and other cultural resources "
                "online.\n\n"
                "Together with the community we organise cultural events and initiatives that make use of "
                "information technology."
            ),
            "bg": (
                "Помагаме да намерите дигитализирано културно наследство, виртуални изложби и други културни "
                "ресурси онлайн.\n\n"
                "Заедно с общността организираме културни събития и инициативи, в които се използват информационни "
                "технологии."
            ),
            "fi": (
                "Autamme löytämään digitoitua kulttuuriperintöä, virtuaalinäyttelyitä ja muita kulttuurisisältöjä "
                "verkosta.\n\n"
                "Järjestämme yhdessä yhteisön kanssa kulttuuritapahtumia ja -hankkeita, joissa hyödynnetään "
                "tietotekniikkaa."
            ),
        },
        "branches": ["centrine-biblioteka", "tilzes-10", "rusnes-filialas", "juknaiciu-filialas", "kintu-filialas"],
        "contact_name": "",
        "contact_email": "info@silutevb.lt",
        "contact_phone": "8 441 78216",
        "is_highlighted": False,
        "order": 170,
    },
    {
        "slug": "tax-help",
        "category": "e-services",
        "title": {
            "lt": "„Laiku su mokesčiais“: pagalba deklaruojant internetu",
            "en": "“Get in time with taxes”: help with online tax returns",
            "bg": "„Влез в час с данъците“: помощ при електронно деклариране",
            "fi": "”Ajoissa verojen kanssa”: apua sähköiseen veroilmoitukseen",
        },
        "summary": {
            "lt": (
                "Padedame naudotis Valstybinės mokesčių inspekcijos elektroninėmis paslaugomis, pavyzdžiui, "
                "pateikti pajamų deklaraciją internetu."
            ),
            "en": (
                "We help you use the online services of the State Tax Inspectorate, for example to file your "
                "income tax return online."
            ),
            "bg": (
                "Помагаме ви да използвате електронните услуги на литовската Държавна данъчна инспекция, например "
                "да подадете данъчната си декларация онлайн."
            ),
            "fi": (
                "Autamme käyttämään Liettuan verohallinnon verkkopalveluja, esimerkiksi tekemään "
                "tuloveroilmoituksen verkossa."
            ),
        },
        "body": {
            "lt": (
                "Idėja perimta iš Bulgarijos bibliotekų, kurios šią akciją vykdo kartu su Nacionaline pajamų "
                "agentūra ir Švietimo, jaunimo ir mokslo ministerija.\n\n"
                "Bibliotekoje padėsime prisijungti prie Elektroninio deklaravimo sistemos (EDS) ir rasti reikiamą "
                "informaciją. Už deklaracijos turinį atsakote patys – mokesčių konsultacijų bibliotekininkai "
                "neteikia."
            ),
            "en": (
                "The idea comes from Bulgarian libraries, which run this campaign together with the National "
                "Revenue Agency and the Ministry of Education, Youth and Science.\n\n"
                "At the library we help you log in to the Electronic Declaration System (EDS) and find the "
                "information you need. You remain responsible for the content of your return; librarians do not "
                "give tax advice."
            ),
            "bg": (
                "Идеята е заимствана от българските библиотеки, които провеждат тази кампания съвместно с "
                "Националната агенция за приходите и Министерството на образованието, младежта и науката.\n\n"
                "В библиотеката ще ви помогнем да влезете в системата за електронно деклариране (EDS) и да "
                "намерите нужната информация. Вие отговаряте за съдържанието на декларацията си; библиотекарите не "
                "дават данъчни консултации."
            ),
            "fi": (
                "Idea on peräisin Bulgarian kirjastoilta, jotka toteuttavat kampanjaa yhdessä kansallisen "
                "veroviraston sekä opetus-, nuoriso- ja tiedeministeriön kanssa.\n\n"
                "Kirjastossa autamme kirjautumaan sähköiseen ilmoitusjärjestelmään (EDS) ja löytämään tarvittavat "
                "tiedot. Vastaat itse ilmoituksesi sisällöstä; kirjastonhoitajat eivät anna veroneuvontaa."
            ),
        },
        "branches": ["centrine-biblioteka", "tilzes-10", "rusnes-filialas", "juknaiciu-filialas", "kintu-filialas"],
        "contact_name": "",
        "contact_email": "info@silutevb.lt",
        "contact_phone": "8 441 78216",
        "is_highlighted": False,
        "order": 180,
    },
]

# The seven customer-service principles (seed 003).
PRINCIPLES = [
    {
        "number": 1,
        "title": {"lt": "Profesionalumas", "en": "Professionalism", "bg": "Професионализъм", "fi": "Ammatillisuus"},
        "body": {
            "lt": (
                "Bibliotekos darbuotojai turi teisės aktų reikalaujamą išsilavinimą. Jų profesinė kompetencija "
                "palaikoma nuolatiniais ir planingais mokymais."
            ),
            "en": (
                "Library staff have the training required by library legislation. Their professional skills are "
                "maintained through continuous, planned training."
            ),
            "bg": (
                "Персоналът на библиотеката притежава образованието, изисквано от законодателството за "
                "библиотеките. Професионалната му квалификация се поддържа чрез постоянно и планирано обучение."
            ),
            "fi": (
                "Kirjaston henkilökunnalla on kirjastolainsäädännön edellyttämä koulutus. Henkilökunnan "
                "ammattitaitoa ylläpidetään jatkuvalla ja suunnitelmallisella koulutuksella."
            ),
        },
    },
    {
        "number": 2,
        "title": {
            "lt": "Orientacija į vartotoją",
            "en": "Customer focus",
            "bg": "Ориентираност към потребителите",
            "fi": "Asiakaslähtöisyys",
        },
        "body": {
            "lt": (
                "Tobulindama paslaugas biblioteka atsižvelgia į savivaldybės gyventojų poreikius. Žodžiu ir raštu "
                "pateikti vartotojų atsiliepimai reguliariai peržiūrimi, į juos atsakoma. Biblioteka reguliariai "
                "rengia vartotojų apklausas. Atsiliepimų ir apklausų apibendrinimai skelbiami bibliotekos "
                "svetainėje."
            ),
            "en": (
                "The needs of local residents are taken into account when library services are developed. Oral and "
                "written feedback from customers is reviewed regularly and answered. The library conducts customer "
                "surveys regularly. Summaries of both the feedback and the surveys are published on the library's "
                "website."
            ),
            "bg": (
                "При развитието на библиотечните услуги се отчитат нуждите на жителите на общината. Устната и "
                "писмената обратна връзка от потребителите се преглежда редовно и на нея се отговаря. Библиотеката "
                "редовно провежда анкети сред потребителите. Обобщения на обратната връзка и на анкетите се "
                "публикуват на уебсайта на библиотеката."
            ),
            "fi": (
                "Kuntalaisten tarpeet huomioidaan kirjaston palveluita kehitettäessä. Asiakkaiden antama suullinen "
                "ja kirjallinen palaute käydään läpi säännöllisesti ja palautteeseen vastataan. Kirjasto järjestää "
                "asiakaskyselyitä säännöllisesti. Yhteenveto sekä palautteista että kyselyistä on luettavissa "
                "kirjaston kotisivuilta."
            ),
        },
    },
    {
        "number": 3,
        "title": {"lt": "Atvirumas", "en": "Openness", "bg": "Откритост", "fi": "Avoimuus"},
        "body": {
            "lt": (
                "Bibliotekos veiklos principai (naudojimosi taisyklės ir dokumentų įsigijimo politika) yra vieši "
                "ir skelbiami bibliotekos svetainėje. Biblioteka reguliariai informuoja apie savo veiklą įvairiais "
                "kanalais."
            ),
            "en": (
                "The library's operating principles (rules of use and acquisitions policy) are public and "
                "available on the library's website. The library informs the public about its activities regularly "
                "through various channels."
            ),
            "bg": (
                "Принципите на работа на библиотеката (правилата за ползване и политиката за комплектуване) са "
                "публични и достъпни на уебсайта на библиотеката. Библиотеката редовно информира за дейността си "
                "по различни канали."
            ),
            "fi": (
                "Kirjaston toimintaperiaatteet (käyttösäännöt ja hankintapolitiikka) ovat julkisia ja luettavissa "
                "kirjaston kotisivuilta. Kirjasto tiedottaa toiminnastaan säännöllisesti eri kanavia käyttäen."
            ),
        },
    },
    {
        "number": 4,
        "title": {"lt": "Prieinamumas", "en": "Accessibility", "bg": "Достъпност", "fi": "Esteettömyys"},
        "body": {
            "lt": (
                "Biblioteka siekia teikti kuo išsamesnes bibliotekos paslaugas visiems savivaldybės gyventojams. "
                "Prieinamumas turi apimti viską – nuo lauko durų iki pakankamai erdvių praėjimų, lengvai "
                "suprantamų orientacinių ženklų ir skirtingų vartotojų grupių poreikių paisymo įsigyjant ir "
                "eksponuojant dokumentus. Išvažiuojamosios paslaugos, pavyzdžiui, bibliobusas ir knygų pristatymas "
                "į namus, priartina bibliotekos paslaugas prie vartotojų."
            ),
            "en": (
                "The library aims to offer the most comprehensive library services possible to all residents. "
                "Accessibility must extend from the front door to sufficiently spacious passageways, "
                "easy-to-understand signage and consideration of different customer groups in acquiring and "
                "displaying materials. Outreach services, such as the mobile library and the home delivery "
                "service, bring library services close to customers."
            ),
            "bg": (
                "Библиотеката се стреми да предлага възможно най-пълни библиотечни услуги на всички жители на "
                "общината. Достъпността трябва да обхваща всичко – от входната врата до достатъчно просторни "
                "проходи, лесно разбираеми указателни табели и отчитане на различните групи потребители при "
                "комплектуването и подреждането на материалите. Изнесените услуги, като библиобус и доставка на "
                "книги по домовете, доближават библиотеката до потребителите."
            ),
            "fi": (
                "Kirjasto pyrkii tarjoamaan mahdollisimman kattavat kirjastopalvelut kaikille kuntalaisille. "
                "Esteettömyyden on ulotuttava aina ulko-ovelta riittävän tilaviin kulkuväyliin, helposti "
                "hahmotettaviin opasteisiin ja eri asiakasryhmien huomiointiin aineiston hankinnassa ja "
                "esillepanossa. Kirjaston hakeutuvat palvelut, kuten kirjastoauto ja kotipalvelu, vievät "
                "kirjastopalvelut lähelle asiakkaita."
            ),
        },
    },
    {
        "number": 5,
        "title": {"lt": "Patikimumas", "en": "Reliability", "bg": "Надеждност", "fi": "Luotettavuus"},
        "body": {
            "lt": (
                "Bibliotekos darbuotojai privalo laikytis konfidencialumo. Vartotojų privatumas gerbiamas. "
                "Biblioteka užtikrina savo kompiuterių tinklo, darbo vietų ir informacinių sistemų saugumą.\n\n"
                "Bibliotekos fondas yra aktualus ir įvairus; pasenę dokumentai iš fondo nurašomi. Vartotojai "
                "informuojami apie autorių teises.\n\n"
                "Apie savo veiklos pokyčius biblioteka praneša iš anksto ir kuo plačiau."
            ),
            "en": (
                "Library staff are bound by confidentiality. Customers' privacy is respected. The library ensures "
                "the security of its network, workstations and information systems.\n\n"
                "The library's collection is up to date and varied; outdated material is removed from the "
                "collection. Customers are informed about copyright.\n\n"
                "The library announces changes in its services well in advance and as widely as possible."
            ),
            "bg": (
                "Служителите на библиотеката са задължени да пазят поверителност. Неприкосновеността на личния "
                "живот на потребителите се зачита. Библиотеката осигурява сигурността на своята мрежа, работни "
                "станции и информационни системи.\n\n"
                "Фондът на библиотеката е актуален и разнообразен; остарелите материали се отписват. Потребителите "
                "се информират за авторското право.\n\n"
                "Библиотеката съобщава за промените в дейността си навреме и възможно най-широко."
            ),
            "fi": (
                "Kirjaston henkilökuntaa sitoo vaitiolovelvollisuus. Asiakkaiden yksityisyyttä kunnioitetaan. "
                "Kirjasto huolehtii tietoverkkonsa, työasemiensa ja tietojärjestelmiensä tietoturvallisuudesta.\n\n"
                "Kirjaston aineisto on ajantasaista ja monipuolista. Vanhentunut aineisto poistetaan kirjaston "
                "kokoelmista. Asiakkaille tiedotetaan tekijänoikeuksista.\n\n"
                "Kirjasto tiedottaa toiminnassaan tapahtuvista muutoksista hyvissä ajoin ja mahdollisimman "
                "laajasti."
            ),
        },
    },
    {
        "number": 6,
        "title": {
            "lt": "Jautrumas pokyčiams",
            "en": "Responsiveness",
            "bg": "Отзивчивост към промените",
            "fi": "Reagointiherkkyys",
        },
        "body": {
            "lt": (
                "Biblioteka stengiasi atsižvelgti į visuomenės ir kultūros pokyčius formuodama fondą ir vykdydama "
                "kitą veiklą."
            ),
            "en": (
                "The library seeks to take changes in society and culture into account in the materials it offers "
                "and in its other activities."
            ),
            "bg": (
                "Библиотеката се стреми да отчита промените в обществото и културата в предлаганите материали и в "
                "останалата си дейност."
            ),
            "fi": (
                "Yhteiskunnan ja kulttuurin muutokset pyritään huomioimaan kirjaston aineistotarjonnassa ja muussa "
                "toiminnassa."
            ),
        },
    },
    {
        "number": 7,
        "title": {
            "lt": "Lygybė ir nešališkumas",
            "en": "Equality and impartiality",
            "bg": "Равенство и безпристрастност",
            "fi": "Tasa-arvoisuus ja tasapuolisuus",
        },
        "body": {
            "lt": "Biblioteka vienodai aptarnauja visus savo vartotojus ir jų grupes.",
            "en": "The library serves all its customers and customer groups equally.",
            "bg": "Библиотеката обслужва еднакво всички свои потребители и групи потребители.",
            "fi": "Kirjasto palvelee kaikkia asiakkaitaan ja asiakasryhmiään tasapuolisesti.",
        },
    },
]

# Content pages keyed by Page.Slug.
PAGES = {
    "principles": {
        "title": {
            "lt": "Vartotojų aptarnavimo principai",
            "en": "Customer service principles",
            "bg": "Принципи на обслужване на потребителите",
            "fi": "Asiakaspalveluperiaatteet",
        },
        "body": {
            "lt": (
                "Šie septyni principai apibrėžia, kaip Šilutės F. Bajoraičio viešoji biblioteka aptarnauja savo "
                "vartotojus visuose padaliniuose. Juos parengėme remdamiesi Suomijos viešųjų bibliotekų gerąja "
                "patirtimi, o jūsų atsiliepimai padeda mums jų laikytis."
            ),
            "en": (
                "These seven principles describe how the Šilutė F. Bajoraitis Public Library serves its users in "
                "all its branches. They are based on the good practice of Finnish public libraries, and your "
                "feedback helps us live up to them."
            ),
            "bg": (
                "Тези седем принципа описват как Обществена библиотека „Ф. Байорайтис“ – Шилуте обслужва своите "
                "потребители във всички свои клонове. Те се основават на добрите практики на финландските "
                "обществени библиотеки, а вашата обратна връзка ни помага да ги спазваме."
            ),
            "fi": (
                "Nämä seitsemän periaatetta kuvaavat, miten Šilutėn F. Bajoraitisin yleinen kirjasto palvelee "
                "asiakkaitaan kaikissa toimipisteissään. Ne perustuvat suomalaisten yleisten kirjastojen hyviin "
                "käytäntöihin, ja palautteesi auttaa meitä noudattamaan niitä."
            ),
        },
    },
    "accessibility": {
        "title": {
            "lt": "Prieinamumo pareiškimas",
            "en": "Accessibility statement",
            "bg": "Декларация за достъпност",
            "fi": "Saavutettavuusseloste",
        },
        "body": {
            "lt": (
                "Šilutės rajono savivaldybės Fridricho Bajoraičio viešoji biblioteka įsipareigoja užtikrinti šio "
                "paslaugų portalo prieinamumą pagal Europos Parlamento ir Tarybos direktyvą (ES) 2016/2102 dėl "
                "viešojo sektoriaus institucijų interneto svetainių ir mobiliųjų programų prieinamumo. Pareiškimas "
                "parengtas pagal Komisijos įgyvendinimo sprendime (ES) 2018/1523 pateiktą pavyzdį.\n\n"
                "## Atitikties būklė\n\n"
                "Portalas iš dalies atitinka WCAG 2.1 AA lygio ir standarto EN 301 549 reikalavimus. Dauguma "
                "puslapių juos atitinka, tačiau dalis toliau nurodyto turinio dar nėra visiškai prieinama.\n\n"
                "## Neprieinamas turinys\n\n"
                "Kai kurie seniau paskelbti PDF dokumentai (pvz., ankstesni kainoraščiai ir ataskaitos) neturi "
                "tinkamos struktūros ir tekstinių alternatyvų, todėl ekrano skaitytuvų naudotojams gali būti "
                "sunkiai suprantami. Naujus dokumentus rengiame prieinamus, o senus pagal prašymą pateikiame kitu "
                "formatu.\n\n"
                "Nuorodos veda ir į partnerių svetaines (pvz., www.manoelektra.lt ir valstybės institucijų e. "
                "paslaugas), kurių prieinamumo biblioteka negali užtikrinti. Kai kurioms senesnėms nuotraukoms dar "
                "trūksta tekstinių aprašymų.\n\n"
                "## Pareiškimo parengimas\n\n"
                "Pareiškimas parengtas 2026 m. lapkričio 21 d. Atitiktis įvertinta atliekant įsivertinimą, "
                "papildomai naudojant automatinius axe-core patikrinimus. Pareiškimas peržiūrimas bent kartą per "
                "metus.\n\n"
                "## Atsiliepimai ir kontaktai\n\n"
                "Jei pastebėjote prieinamumo problemą arba negalite pasiekti jums reikalingo turinio, praneškite "
                "el. paštu info@silutevb.lt, telefonu 8 441 78216 arba per portalo atsiliepimų formą. Nurodykite "
                "puslapio adresą ir problemos aprašymą. Atsakysime per 5 darbo dienas, o jei prireiks daugiau "
                "laiko – ne vėliau kaip per 20 darbo dienų.\n\n"
                "## Vykdymo užtikrinimo procedūra\n\n"
                "Jei mūsų atsakymas jūsų netenkina, galite kreiptis į Informacinės visuomenės plėtros komitetą, "
                "kuris prižiūri, kaip Lietuvoje laikomasi viešojo sektoriaus interneto svetainių prieinamumo "
                "reikalavimų."
            ),
            "en": (
                "The Fridrichas Bajoraitis Public Library of Šilutė District Municipality is committed to making "
                "this service portal accessible in accordance with Directive (EU) 2016/2102 of the European "
                "Parliament and of the Council on the accessibility of the websites and mobile applications of "
                "public sector bodies. This statement follows the model in Commission Implementing Decision (EU) "
                "2018/1523.\n\n"
                "## Compliance status\n\n"
                "This portal is partially compliant with WCAG 2.1 level AA and the standard EN 301 549. Most pages "
                "meet the requirements, but some content, listed below, is not yet fully accessible.\n\n"
                "## Non-accessible content\n\n"
                "Some older PDF documents (such as earlier price lists and reports) lack a proper structure and "
                "text alternatives, so they may be hard to use with a screen reader. New documents are prepared to "
                "be accessible, and older ones are provided in another format on request.\n\n"
                "Links also lead to partners' websites (such as www.manoelektra.lt and public authorities' "
                "e-services), whose accessibility the library cannot guarantee. Some older photographs still lack "
                "text descriptions.\n\n"
                "## Preparation of this statement\n\n"
                "This statement was prepared on 21 November 2026. Compliance was assessed by self-assessment, "
                "supported by automated axe-core checks. The statement is reviewed at least once a year.\n\n"
                "## Feedback and contact details\n\n"
                "If you notice an accessibility problem or cannot reach content you need, let us know by e-mail at "
                "info@silutevb.lt, by phone on 8 441 78216 or through the portal's feedback form. Please include "
                "the page address and a description of the problem. We will reply within 5 working days or, if we "
                "need more time, within 20 working days at the latest.\n\n"
                "## Enforcement procedure\n\n"
                "If you are not satisfied with our reply, you may complain to the Information Society Development "
                "Committee (Informacinės visuomenės plėtros komitetas), which monitors compliance with the "
                "accessibility requirements for public sector websites in Lithuania."
            ),
            "bg": (
                "Обществена библиотека „Фридрихас Байорайтис“ на районна община Шилуте се ангажира да осигури "
                "достъпността на този портал за услуги в съответствие с Директива (ЕС) 2016/2102 на Европейския "
                "парламент и на Съвета относно достъпността на уебсайтовете и мобилните приложения на "
                "организациите от обществения сектор. Декларацията следва образеца от Решение за изпълнение (ЕС) "
                "2018/1523 на Комисията.\n\n"
                "## Състояние на съответствието\n\n"
                "Порталът е частично съвместим с изискванията на WCAG 2.1, ниво AA, и на стандарта EN 301 549. "
                "Повечето страници отговарят на изискванията, но част от съдържанието, посочено по-долу, все още "
                "не е напълно достъпна.\n\n"
                "## Недостъпно съдържание\n\n"
                "Някои по-стари PDF документи (например предишни ценоразписи и отчети) нямат подходяща структура и "
                "текстови алтернативи и може да са трудни за ползване с екранен четец. Новите документи се "
                "изготвят достъпни, а по-старите предоставяме в друг формат при поискване.\n\n"
                "Връзките водят и към уебсайтове на партньори (например www.manoelektra.lt и електронните услуги "
                "на държавни институции), за чиято достъпност библиотеката не може да гарантира. На някои по-стари "
                "снимки все още липсват текстови описания.\n\n"
                "## Изготвяне на декларацията\n\n"
                "Декларацията е изготвена на 21 ноември 2026 г. Съответствието е оценено чрез самооценка, "
                "допълнена с автоматизирани проверки с axe-core. Декларацията се преразглежда поне веднъж "
                "годишно.\n\n"
                "## Обратна връзка и данни за контакт\n\n"
                "Ако забележите проблем с достъпността или не можете да достигнете до нужното ви съдържание, "
                "уведомете ни по електронна поща на info@silutevb.lt, по телефона на 8 441 78216 или чрез "
                "формуляра за обратна връзка на портала. Посочете адреса на страницата и описание на проблема. Ще "
                "отговорим в рамките на 5 работни дни, а ако е необходимо повече време – не по-късно от 20 работни "
                "дни.\n\n"
                "## Процедура по прилагане\n\n"
                "Ако не сте доволни от нашия отговор, можете да подадете жалба до Комитета за развитие на "
                "информационното общество (Informacinės visuomenės plėtros komitetas), който следи за спазването "
                "на изискванията за достъпност на уебсайтовете на обществения сектор в Литва."
            ),
            "fi": (
                "Šilutėn piirikunnan Fridrichas Bajoraitisin yleinen kirjasto on sitoutunut huolehtimaan tämän "
                "palveluportaalin saavutettavuudesta julkisen sektorin elinten verkkosivustojen ja "
                "mobiilisovellusten saavutettavuudesta annetun Euroopan parlamentin ja neuvoston direktiivin (EU) "
                "2016/2102 mukaisesti. Seloste noudattaa komission täytäntöönpanopäätöksen (EU) 2018/1523 "
                "mallia.\n\n"
                "## Saavutettavuuden tila\n\n"
                "Portaali täyttää osittain WCAG 2.1 -ohjeiston AA-tason ja EN 301 549 -standardin vaatimukset. "
                "Useimmat sivut täyttävät vaatimukset, mutta osa jäljempänä luetellusta sisällöstä ei ole vielä "
                "täysin saavutettavaa.\n\n"
                "## Ei-saavutettava sisältö\n\n"
                "Osasta vanhempia PDF-asiakirjoja (esimerkiksi aiemmista hinnastoista ja raporteista) puuttuvat "
                "asianmukainen rakenne ja tekstivastineet, joten niitä voi olla vaikea käyttää "
                "ruudunlukuohjelmalla. Uudet asiakirjat laaditaan saavutettaviksi, ja vanhemmat toimitamme "
                "pyynnöstä toisessa muodossa.\n\n"
                "Linkit johtavat myös kumppanien verkkosivustoille (esimerkiksi www.manoelektra.lt ja "
                "viranomaisten verkkopalvelut), joiden saavutettavuutta kirjasto ei voi taata. Osasta vanhempia "
                "valokuvia puuttuu vielä tekstikuvaus.\n\n"
                "## Selosteen laatiminen\n\n"
                "Seloste on laadittu 21.11.2026. Saavutettavuus on arvioitu itsearviointina, jota on täydennetty "
                "automaattisilla axe-core-tarkistuksilla. Seloste tarkistetaan vähintään kerran vuodessa.\n\n"
                "## Palaute ja yhteystiedot\n\n"
                "Jos huomaat saavutettavuusongelman tai et pääse tarvitsemaasi sisältöön, kerro siitä "
                "sähköpostitse osoitteeseen info@silutevb.lt, puhelimitse numeroon 8 441 78216 tai portaalin "
                "palautelomakkeella. Kerro sivun osoite ja kuvaus ongelmasta. Vastaamme 5 työpäivän kuluessa tai, "
                "jos tarvitsemme enemmän aikaa, viimeistään 20 työpäivän kuluessa.\n\n"
                "## Valvontamenettely\n\n"
                "Jos et ole tyytyväinen vastaukseemme, voit tehdä kantelun Liettuan tietoyhteiskunnan "
                "kehittämiskomitealle (Informacinės visuomenės plėtros komitetas), joka valvoo julkisen sektorin "
                "verkkosivustojen saavutettavuusvaatimusten noudattamista Liettuassa."
            ),
        },
    },
    "privacy": {
        "title": {
            "lt": "Privatumo pranešimas",
            "en": "Privacy notice",
            "bg": "Уведомление за поверителност",
            "fi": "Tietosuojaseloste",
        },
        "body": {
            "lt": (
                "## Duomenų valdytojas\n\n"
                "Jūsų asmens duomenų valdytoja yra Šilutės rajono savivaldybės Fridricho Bajoraičio viešoji "
                "biblioteka, Tilžės g. 12, Šilutė, el. paštas info@silutevb.lt, tel. 8 441 78216. Asmens duomenis "
                "tvarkome pagal Bendrąjį duomenų apsaugos reglamentą (BDAR).\n\n"
                "## Kokius duomenis tvarkome\n\n"
                "Paskyros: vardas, pavardė, el. pašto adresas, skaitytojo pažymėjimo numeris ir vartotojo "
                "kategorija. Tarpbibliotekinio abonemento užsakymai: užsakyti leidiniai, užsakymo būsena ir "
                "mokėjimų duomenys. Registracijos į renginius: vardas ir kontaktai. Atsiliepimai: pranešimo "
                "tekstas ir, jei juos nurodote, kontaktai atsakymui. Apklausos: el. pašto adresas kvietimui ir "
                "atsakymai.\n\n"
                "## Tikslai ir teisiniai pagrindai\n\n"
                "Paskyras, TBA užsakymus ir registracijas į renginius tvarkome vykdydami Bibliotekų įstatyme "
                "nustatytas viešosios bibliotekos funkcijas (BDAR 6 straipsnio 1 dalies e punktas), o mokamų "
                "paslaugų atveju – vykdydami sutartį (b punktas). Apskaitos duomenis saugome vykdydami teisinę "
                "prievolę (c punktas). Atsiliepimų kontaktus ir apklausų duomenis tvarkome jūsų sutikimu (a "
                "punktas), kurį galite bet kada atšaukti.\n\n"
                "## Saugojimo terminai\n\n"
                "Paskyros duomenis saugome, kol naudojatės paskyra. TBA užsakymus ir mokėjimų duomenis saugome "
                "tiek, kiek reikalauja apskaitos ir dokumentų saugojimo teisės aktai. Atsiliepimų kontaktai "
                "ištrinami praėjus 12 mėnesių nuo atsiliepimo išnagrinėjimo. Kvietimai į apklausą ištrinami, kai "
                "apklausa baigiasi; atsakymai toliau saugomi tik nuasmeninti.\n\n"
                "## Duomenų gavėjai\n\n"
                "Tarpbibliotekinio abonemento užsakymui įvykdyti būtinus duomenis perduodame bibliotekai partnerei "
                "Lietuvoje ar užsienyje (dažniausiai tik leidinio duomenis ir užsakymo numerį). Portalą "
                "prižiūrintys paslaugų teikėjai duomenis tvarko tik pagal mūsų nurodymus. Duomenų neparduodame ir "
                "rinkodarai neperduodame.\n\n"
                "## Jūsų teisės\n\n"
                "Turite teisę susipažinti su savo duomenimis, reikalauti juos ištaisyti ar ištrinti, apriboti jų "
                "tvarkymą ir nesutikti, kad jie būtų tvarkomi. Kreipkitės el. paštu info@silutevb.lt. Jei manote, "
                "kad jūsų duomenys tvarkomi neteisėtai, galite pateikti skundą Valstybinei duomenų apsaugos "
                "inspekcijai.\n\n"
                "## Slapukai\n\n"
                "Portalas naudoja tik būtinuosius slapukus: sesijos (prisijungimui), CSRF (formų apsaugai) ir "
                "kalbos pasirinkimo. Analitinių ir reklaminių slapukų nenaudojame.\n\n"
                "## Konfidencialumas\n\n"
                "Bibliotekos darbuotojai privalo laikytis konfidencialumo, o vartotojų privatumas gerbiamas: "
                "informacija apie tai, kokius leidinius skaitote ar užsakote, niekam neatskleidžiama, išskyrus "
                "įstatymų numatytus atvejus."
            ),
            "en": (
                "## Controller\n\n"
                "The controller of your personal data is the Fridrichas Bajoraitis Public Library of Šilutė "
                "District Municipality, Tilžės g. 12, Šilutė, e-mail info@silutevb.lt, phone 8 441 78216. We "
                "process personal data in accordance with the General Data Protection Regulation (GDPR).\n\n"
                "## What data we process\n\n"
                "Accounts: name, e-mail address, library card number and patron category. Interlibrary loan "
                "orders: the items ordered, the order status and payment details. Event registrations: name and "
                "contact details. Feedback: the message and, if you give them, contact details for a reply. "
                "Surveys: the e-mail address for the invitation and your answers.\n\n"
                "## Purposes and legal bases\n\n"
                "We process accounts, interlibrary loan orders and event registrations to carry out the tasks of a "
                "public library laid down in the Law on Libraries (Article 6(1)(e) GDPR) and, for paid services, "
                "to perform a contract (Article 6(1)(b)). Accounting records are kept to meet a legal obligation "
                "(Article 6(1)(c)). Feedback contact details and survey data are processed with your consent "
                "(Article 6(1)(a)), which you may withdraw at any time.\n\n"
                "## How long we keep data\n\n"
                "Account data are kept while you use your account. Interlibrary loan orders and payment details "
                "are kept for as long as accounting and records-retention legislation requires. Feedback contact "
                "details are deleted 12 months after the feedback has been dealt with. Survey invitations are "
                "deleted when the survey closes; answers are kept only in anonymised form.\n\n"
                "## Recipients\n\n"
                "To fulfil an interlibrary loan order, we pass the necessary data to the partner library in "
                "Lithuania or abroad (usually only the item details and the order number). Service providers who "
                "maintain the portal process data only on our instructions. We do not sell data or pass it on for "
                "marketing.\n\n"
                "## Your rights\n\n"
                "You have the right to access your data, to have it rectified or erased, to restrict its "
                "processing and to object to processing. Contact us at info@silutevb.lt. If you believe your data "
                "are processed unlawfully, you may lodge a complaint with the State Data Protection Inspectorate "
                "(Valstybinė duomenų apsaugos inspekcija).\n\n"
                "## Cookies\n\n"
                "The portal uses only strictly necessary cookies: the session cookie (for signing in), the CSRF "
                "cookie (to protect forms) and the language cookie. We use no analytics or advertising cookies.\n\n"
                "## Confidentiality\n\n"
                "Library staff are bound by confidentiality and customers' privacy is respected: information on "
                "what you read or order is not disclosed to anyone, except where the law requires it."
            ),
            "bg": (
                "## Администратор на данните\n\n"
                "Администратор на личните ви данни е Обществена библиотека „Фридрихас Байорайтис“ на районна "
                "община Шилуте, Tilžės g. 12, Шилуте, електронна поща info@silutevb.lt, телефон 8 441 78216. "
                "Обработваме личните данни в съответствие с Общия регламент относно защитата на данните (ОРЗД).\n\n"
                "## Какви данни обработваме\n\n"
                "Профили: име, адрес на електронна поща, номер на читателска карта и категория на читателя. "
                "Поръчки за междубиблиотечно заемане: поръчаните издания, състоянието на поръчката и данните за "
                "плащане. Регистрации за събития: име и данни за контакт. Обратна връзка: текстът на съобщението "
                "и, ако ги посочите, данни за контакт за отговор. Анкети: адресът на електронна поща за поканата и "
                "вашите отговори.\n\n"
                "## Цели и правни основания\n\n"
                "Обработваме профилите, поръчките за междубиблиотечно заемане и регистрациите за събития, за да "
                "изпълняваме задачите на обществена библиотека, определени в литовския Закон за библиотеките (член "
                "6, параграф 1, буква „д“ от ОРЗД), а при платените услуги – за изпълнение на договор (буква „б“). "
                "Счетоводните данни съхраняваме, за да изпълним законово задължение (буква „в“). Данните за "
                "контакт от обратната връзка и данните от анкетите обработваме с ваше съгласие (буква „а“), което "
                "можете да оттеглите по всяко време.\n\n"
                "## Срокове на съхранение\n\n"
                "Данните от профила се съхраняват, докато използвате профила си. Поръчките за междубиблиотечно "
                "заемане и данните за плащане се съхраняват толкова, колкото изисква законодателството за "
                "счетоводството и архивите. Данните за контакт от обратната връзка се изтриват 12 месеца след "
                "разглеждането ѝ. Поканите за анкети се изтриват при приключване на анкетата; отговорите се "
                "съхраняват само в анонимизиран вид.\n\n"
                "## Получатели\n\n"
                "За изпълнение на поръчка за междубиблиотечно заемане предаваме необходимите данни на библиотеката "
                "партньор в Литва или в чужбина (обикновено само данните за изданието и номера на поръчката). "
                "Доставчиците, които поддържат портала, обработват данни само по наши указания. Не продаваме данни "
                "и не ги предоставяме за маркетинг.\n\n"
                "## Вашите права\n\n"
                "Имате право на достъп до данните си, на коригирането или изтриването им, на ограничаване на "
                "обработването и на възражение срещу него. Свържете се с нас на info@silutevb.lt. Ако смятате, че "
                "данните ви се обработват незаконосъобразно, можете да подадете жалба до Държавната инспекция за "
                "защита на данните на Литва (Valstybinė duomenų apsaugos inspekcija).\n\n"
                "## Бисквитки\n\n"
                "Порталът използва само строго необходими бисквитки: сесийна бисквитка (за вход), бисквитка CSRF "
                "(за защита на формулярите) и бисквитка за избрания език. Не използваме аналитични или рекламни "
                "бисквитки.\n\n"
                "## Поверителност\n\n"
                "Служителите на библиотеката са задължени да пазят поверителност, а неприкосновеността на личния "
                "живот на потребителите се зачита: информация за това какво четете или поръчвате не се разкрива на "
                "никого, освен когато законът го изисква."
            ),
            "fi": (
                "## Rekisterinpitäjä\n\n"
                "Henkilötietojesi rekisterinpitäjä on Šilutėn piirikunnan Fridrichas Bajoraitisin yleinen "
                "kirjasto, Tilžės g. 12, Šilutė, sähköposti info@silutevb.lt, puhelin 8 441 78216. Käsittelemme "
                "henkilötietoja EU:n yleisen tietosuoja-asetuksen (GDPR) mukaisesti.\n\n"
                "## Mitä tietoja käsittelemme\n\n"
                "Käyttäjätilit: nimi, sähköpostiosoite, kirjastokortin numero ja asiakasryhmä. "
                "Kaukolainatilaukset: tilatut teokset, tilauksen tila ja maksutiedot. Tapahtumailmoittautumiset: "
                "nimi ja yhteystiedot. Palaute: viestin sisältö ja, jos annat ne, yhteystiedot vastausta varten. "
                "Kyselyt: sähköpostiosoite kutsua varten ja vastauksesi.\n\n"
                "## Käsittelyn tarkoitukset ja oikeusperusteet\n\n"
                "Käsittelemme käyttäjätilejä, kaukolainatilauksia ja tapahtumailmoittautumisia hoitaaksemme "
                "Liettuan kirjastolaissa säädettyjä yleisen kirjaston tehtäviä (tietosuoja-asetuksen 6 artiklan 1 "
                "kohdan e alakohta) ja maksullisissa palveluissa sopimuksen täytäntöön panemiseksi (b alakohta). "
                "Kirjanpitotiedot säilytämme lakisääteisen velvoitteen vuoksi (c alakohta). Palautteen "
                "yhteystietoja ja kyselytietoja käsittelemme suostumuksesi perusteella (a alakohta), jonka voit "
                "perua milloin tahansa.\n\n"
                "## Säilytysajat\n\n"
                "Käyttäjätilin tiedot säilytetään niin kauan kuin käytät tiliä. Kaukolainatilaukset ja maksutiedot "
                "säilytetään kirjanpito- ja arkistolainsäädännön edellyttämän ajan. Palautteen yhteystiedot "
                "poistetaan 12 kuukauden kuluttua palautteen käsittelystä. Kyselykutsut poistetaan, kun kysely "
                "päättyy; vastaukset säilytetään vain anonymisoituina.\n\n"
                "## Tietojen vastaanottajat\n\n"
                "Kaukolainatilauksen toimittamiseksi luovutamme tarvittavat tiedot kumppanikirjastolle Liettuassa "
                "tai ulkomailla (yleensä vain teoksen tiedot ja tilausnumeron). Portaalia ylläpitävät "
                "palveluntarjoajat käsittelevät tietoja vain ohjeidemme mukaan. Emme myy tietoja emmekä luovuta "
                "niitä markkinointiin.\n\n"
                "## Oikeutesi\n\n"
                "Sinulla on oikeus saada pääsy tietoihisi, vaatia niiden oikaisemista tai poistamista, rajoittaa "
                "niiden käsittelyä ja vastustaa käsittelyä. Ota yhteyttä osoitteeseen info@silutevb.lt. Jos "
                "katsot, että tietojasi käsitellään lainvastaisesti, voit tehdä valituksen Liettuan "
                "tietosuojavirastolle (Valstybinė duomenų apsaugos inspekcija).\n\n"
                "## Evästeet\n\n"
                "Portaali käyttää vain välttämättömiä evästeitä: istuntoevästettä (kirjautumista varten), "
                "CSRF-evästettä (lomakkeiden suojaamiseen) ja kielievästettä. Emme käytä analytiikka- tai "
                "mainosevästeitä.\n\n"
                "## Luottamuksellisuus\n\n"
                "Kirjaston henkilökuntaa sitoo vaitiolovelvollisuus, ja asiakkaiden yksityisyyttä kunnioitetaan: "
                "tietoja siitä, mitä luet tai tilaat, ei luovuteta kenellekään, ellei laki sitä edellytä."
            ),
        },
    },
}

# The 20 public libraries with LESTO self-service points (seed 001); Šilutė is the portal's own library.
OTHER_LIBRARIES = [
    {
        "short_name": "Lazdijai",
        "name": {
            "lt": "Lazdijų rajono savivaldybės viešoji biblioteka",
            "en": "Lazdijai District Municipality Public Library",
            "bg": "Обществена библиотека на районна община Лаздияй",
            "fi": "Lazdijain piirikunnan yleinen kirjasto",
        },
        "municipality": {
            "lt": "Lazdijų rajono savivaldybė",
            "en": "Lazdijai District Municipality",
            "bg": "Районна община Лаздияй",
            "fi": "Lazdijain piirikunta",
        },
        "is_portal_library": False,
    },
    {
        "short_name": "Šakiai",
        "name": {
            "lt": "Šakių rajono savivaldybės viešoji biblioteka",
            "en": "Šakiai District Municipality Public Library",
            "bg": "Обществена библиотека на районна община Шакяй",
            "fi": "Šakiain piirikunnan yleinen kirjasto",
        },
        "municipality": {
            "lt": "Šakių rajono savivaldybė",
            "en": "Šakiai District Municipality",
            "bg": "Районна община Шакяй",
            "fi": "Šakiain piirikunta",
        },
        "is_portal_library": False,
    },
    {
        "short_name": "Pasvalys",
        "name": {
            "lt": "Pasvalio Mariaus Katiliškio viešoji biblioteka",
            "en": "Marius Katiliškis Public Library of Pasvalys",
            "bg": "Обществена библиотека „Мариус Катилишкис“ – Пасвалис",
            "fi": "Pasvalysin Marius Katiliškisin yleinen kirjasto",
        },
        "municipality": {
            "lt": "Pasvalio rajono savivaldybė",
            "en": "Pasvalys District Municipality",
            "bg": "Районна община Пасвалис",
            "fi": "Pasvalysin piirikunta",
        },
        "is_portal_library": False,
    },
    {
        "short_name": "Telšiai",
        "name": {
            "lt": "Telšių Karolinos Praniauskaitės viešoji biblioteka",
            "en": "Karolina Praniauskaitė Public Library of Telšiai",
            "bg": "Обществена библиотека „Каролина Праняускайте“ – Телшяй",
            "fi": "Telšiain Karolina Praniauskaitėn yleinen kirjasto",
        },
        "municipality": {
            "lt": "Telšių rajono savivaldybė",
            "en": "Telšiai District Municipality",
            "bg": "Районна община Телшяй",
            "fi": "Telšiain piirikunta",
        },
        "is_portal_library": False,
    },
    {
        "short_name": "Šilutė",
        "name": {
            "lt": "Šilutės rajono savivaldybės Fridricho Bajoraičio viešoji biblioteka",
            "en": "Fridrichas Bajoraitis Public Library of Šilutė District Municipality",
            "bg": "Обществена библиотека „Фридрихас Байорайтис“ на районна община Шилуте",
            "fi": "Šilutėn piirikunnan Fridrichas Bajoraitisin yleinen kirjasto",
        },
        "municipality": {
            "lt": "Šilutės rajono savivaldybė",
            "en": "Šilutė District Municipality",
            "bg": "Районна община Шилуте",
            "fi": "Šilutėn piirikunta",
        },
        "is_portal_library": True,
    },
    {
        "short_name": "Skuodas",
        "name": {
            "lt": "Skuodo rajono savivaldybės viešoji biblioteka",
            "en": "Skuodas District Municipality Public Library",
            "bg": "Обществена библиотека на районна община Скуодас",
            "fi": "Skuodasin piirikunnan yleinen kirjasto",
        },
        "municipality": {
            "lt": "Skuodo rajono savivaldybė",
            "en": "Skuodas District Municipality",
            "bg": "Районна община Скуодас",
            "fi": "Skuodasin piirikunta",
        },
        "is_portal_library": False,
    },
    {
        "short_name": "Kretinga",
        "name": {
            "lt": "Kretingos rajono savivaldybės Motiejaus Valančiaus viešoji biblioteka",
            "en": "Motiejus Valančius Public Library of Kretinga District Municipality",
            "bg": "Обществена библиотека „Мотеюс Валанчюс“ на районна община Кретинга",
            "fi": "Kretingan piirikunnan Motiejus Valančiusin yleinen kirjasto",
        },
        "municipality": {
            "lt": "Kretingos rajono savivaldybė",
            "en": "Kretinga District Municipality",
            "bg": "Районна община Кретинга",
            "fi": "Kretingan piirikunta",
        },
        "is_portal_library": False,
    },
    {
        "short_name": "Varėna",
        "name": {
            "lt": "Varėnos rajono savivaldybės viešoji biblioteka",
            "en": "Varėna District Municipality Public Library",
            "bg": "Обществена библиотека на районна община Варена",
            "fi": "Varėnan piirikunnan yleinen kirjasto",
        },
        "municipality": {
            "lt": "Varėnos rajono savivaldybė",
            "en": "Varėna District Municipality",
            "bg": "Районна община Варена",
            "fi": "Varėnan piirikunta",
        },
        "is_portal_library": False,
    },
    {
        "short_name": "Kelmė",
        "name": {
            "lt": "Kelmės rajono savivaldybės viešoji biblioteka",
            "en": "Kelmė District Municipality Public Library",
            "bg": "Обществена библиотека на районна община Келме",
            "fi": "Kelmėn piirikunnan yleinen kirjasto",
        },
        "municipality": {
            "lt": "Kelmės rajono savivaldybė",
            "en": "Kelmė District Municipality",
            "bg": "Районна община Келме",
            "fi": "Kelmėn piirikunta",
        },
        "is_portal_library": False,
    },
    {
        "short_name": "Ignalina",
        "name": {
            "lt": "Ignalinos rajono savivaldybės viešoji biblioteka",
            "en": "Ignalina District Municipality Public Library",
            "bg": "Обществена библиотека на районна община Игналина",
            "fi": "Ignalinan piirikunnan yleinen kirjasto",
        },
        "municipality": {
            "lt": "Ignalinos rajono savivaldybė",
            "en": "Ignalina District Municipality",
            "bg": "Районна община Игналина",
            "fi": "Ignalinan piirikunta",
        },
        "is_portal_library": False,
    },
    {
        "short_name": "Rokiškis",
        "name": {
            "lt": "Rokiškio rajono savivaldybės Juozo Keliuočio viešoji biblioteka",
            "en": "Juozas Keliuotis Public Library of Rokiškis District Municipality",
            "bg": "Обществена библиотека „Юозас Келюотис“ на районна община Рокишкис",
            "fi": "Rokiškisin piirikunnan Juozas Keliuotisin yleinen kirjasto",
        },
        "municipality": {
            "lt": "Rokiškio rajono savivaldybė",
            "en": "Rokiškis District Municipality",
            "bg": "Районна община Рокишкис",
            "fi": "Rokiškisin piirikunta",
        },
        "is_portal_library": False,
    },
    {
        "short_name": "Kupiškis",
        "name": {
            "lt": "Kupiškio rajono savivaldybės viešoji biblioteka",
            "en": "Kupiškis District Municipality Public Library",
            "bg": "Обществена библиотека на районна община Купишкис",
            "fi": "Kupiškisin piirikunnan yleinen kirjasto",
        },
        "municipality": {
            "lt": "Kupiškio rajono savivaldybė",
            "en": "Kupiškis District Municipality",
            "bg": "Районна община Купишкис",
            "fi": "Kupiškisin piirikunta",
        },
        "is_portal_library": False,
    },
    {
        "short_name": "Kaišiadorys",
        "name": {
            "lt": "Kaišiadorių rajono savivaldybės viešoji biblioteka",
            "en": "Kaišiadorys District Municipality Public Library",
            "bg": "Обществена библиотека на районна община Кайшядорис",
            "fi": "Kaišiadorysin piirikunnan yleinen kirjasto",
        },
        "municipality": {
            "lt": "Kaišiadorių rajono savivaldybė",
            "en": "Kaišiadorys District Municipality",
            "bg": "Районна община Кайшядорис",
            "fi": "Kaišiadorysin piirikunta",
        },
        "is_portal_library": False,
    },
    {
        "short_name": "Joniškis",
        "name": {
            "lt": "Joniškio rajono savivaldybės viešoji biblioteka",
            "en": "Joniškis District Municipality Public Library",
            "bg": "Обществена библиотека на районна община Йонишкис",
            "fi": "Joniškisin piirikunnan yleinen kirjasto",
        },
        "municipality": {
            "lt": "Joniškio rajono savivaldybė",
            "en": "Joniškis District Municipality",
            "bg": "Районна община Йонишкис",
            "fi": "Joniškisin piirikunta",
        },
        "is_portal_library": False,
    },
    {
        "short_name": "Šalčininkai",
        "name": {
            "lt": "Šalčininkų rajono savivaldybės viešoji biblioteka",
            "en": "Šalčininkai District Municipality Public Library",
            "bg": "Обществена библиотека на районна община Шалчининкай",
            "fi": "Šalčininkain piirikunnan yleinen kirjasto",
        },
        "municipality": {
            "lt": "Šalčininkų rajono savivaldybė",
            "en": "Šalčininkai District Municipality",
            "bg": "Районна община Шалчининкай",
            "fi": "Šalčininkain piirikunta",
        },
        "is_portal_library": False,
    },
    {
        "short_name": "Visaginas",
        "name": {
            "lt": "Visagino savivaldybės viešoji biblioteka",
            "en": "Visaginas Municipality Public Library",
            "bg": "Обществена библиотека на община Висагинас",
            "fi": "Visaginasin kunnan yleinen kirjasto",
        },
        "municipality": {
            "lt": "Visagino savivaldybė",
            "en": "Visaginas Municipality",
            "bg": "Община Висагинас",
            "fi": "Visaginasin kunta",
        },
        "is_portal_library": False,
    },
    {
        "short_name": "Švenčionys",
        "name": {
            "lt": "Švenčionių rajono savivaldybės viešoji biblioteka",
            "en": "Švenčionys District Municipality Public Library",
            "bg": "Обществена библиотека на районна община Швенчонис",
            "fi": "Švenčionysin piirikunnan yleinen kirjasto",
        },
        "municipality": {
            "lt": "Švenčionių rajono savivaldybė",
            "en": "Švenčionys District Municipality",
            "bg": "Районна община Швенчонис",
            "fi": "Švenčionysin piirikunta",
        },
        "is_portal_library": False,
    },
    {
        "short_name": "Jonava",
        "name": {
            "lt": "Jonavos rajono savivaldybės viešoji biblioteka",
            "en": "Jonava District Municipality Public Library",
            "bg": "Обществена библиотека на районна община Йонава",
            "fi": "Jonavan piirikunnan yleinen kirjasto",
        },
        "municipality": {
            "lt": "Jonavos rajono savivaldybė",
            "en": "Jonava District Municipality",
            "bg": "Районна община Йонава",
            "fi": "Jonavan piirikunta",
        },
        "is_portal_library": False,
    },
    {
        "short_name": "Ukmergė",
        "name": {
            "lt": "Ukmergės rajono savivaldybės viešoji biblioteka",
            "en": "Ukmergė District Municipality Public Library",
            "bg": "Обществена библиотека на районна община Укмерге",
            "fi": "Ukmergėn piirikunnan yleinen kirjasto",
        },
        "municipality": {
            "lt": "Ukmergės rajono savivaldybė",
            "en": "Ukmergė District Municipality",
            "bg": "Районна община Укмерге",
            "fi": "Ukmergėn piirikunta",
        },
        "is_portal_library": False,
    },
    {
        "short_name": "Anykščiai",
        "name": {
            "lt": "Anykščių Liudvikos ir Stanislovo Didžiulių viešoji biblioteka",
            "en": "Liudvika and Stanislovas Didžiulis Public Library of Anykščiai",
            "bg": "Обществена библиотека „Людвика и Станисловас Диджюлис“ – Аникщяй",
            "fi": "Anykščiain Liudvika ja Stanislovas Didžiulisin yleinen kirjasto",
        },
        "municipality": {
            "lt": "Anykščių rajono savivaldybė",
            "en": "Anykščiai District Municipality",
            "bg": "Районна община Аникщяй",
            "fi": "Anykščiain piirikunta",
        },
        "is_portal_library": False,
    },
]
