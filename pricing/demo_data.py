"""Demo price list of the library portal, taken from seed /work/shared/seeds/004_fee75ce6caaf5a55.txt: the official
price list of the Šilutė District Municipality Fridrichas Bajoraitis Public Library, approved by the Šilutė District
Municipal Council decisions No. T1-394 of 30 June 2016, No. T1-989 of 29 March 2018 and No. T1-1123 of
27 September 2018, with the seed's short-term room rental rates (per hour) and its interlibrary-loan (TBA/TTBA)
rules. Every translated text is a dict with the keys "lt", "en", "bg" and "fi"; amounts are strings in euros that
become Decimal; binding tiers are [up_to_sheets, amount] pairs.
"""

# Who pays what for a reader's card, in the seed's order.
PATRON_CATEGORIES = [
    {
        "code": "adult",
        "name": {
            "lt": "Asmenys nuo 16 metų ir suaugusieji",
            "en": "Persons aged 16 and over and adults",
            "bg": "Лица от 16-годишна възраст и възрастни",
            "fi": "16 vuotta täyttäneet ja aikuiset",
        },
        "order": 10,
        "needs_proof": False,
    },
    {
        "code": "reduced",
        "name": {
            "lt": (
                "Vaikai, bendrojo lavinimo mokyklų moksleiviai, neįgalūs asmenys, kuriems nustatytas mažesnis nei "
                "55 proc. darbingumo lygis, bedarbiai"
            ),
            "en": (
                "Children, pupils of general-education schools, disabled persons with a working capacity level "
                "below 55%, the unemployed"
            ),
            "bg": (
                "Деца, ученици от общообразователни училища, хора с увреждания с определена работоспособност под "
                "55 %, безработни"
            ),
            "fi": (
                "Lapset, yleissivistävien koulujen oppilaat, vammaiset henkilöt, joiden työkyvyksi on todettu alle "
                "55 %, työttömät"
            ),
        },
        "order": 20,
        "needs_proof": True,
    },
    {
        "code": "free",
        "name": {
            "lt": "Vaikų globos namų auklėtiniai ir našlaičiai iki 18 metų",
            "en": "Residents of children's care homes and orphans under 18",
            "bg": "Възпитаници на домове за деца и сираци до 18-годишна възраст",
            "fi": "Lastenkotien asukkaat ja alle 18-vuotiaat orvot",
        },
        "order": 30,
        "needs_proof": True,
    },
]

# Rooms rented out by the hour. `branch` is a branch slug from services.demo_data, or None for "any branch".
ROOMS = [
    {
        "code": "t12-hall",
        "name": {
            "lt": "Renginių/parodų salė (Tilžės g. 12, 1 a.)",
            "en": "Events/exhibition hall (Tilžės g. 12, 1st floor)",
            "bg": "Зала за събития/изложби (Tilžės g. 12, 1-ви етаж)",
            "fi": "Tapahtuma-/näyttelysali (Tilžės g. 12, 1. kerros)",
        },
        "branch": "centrine-biblioteka",
        "order": 10,
    },
    {
        "code": "t10-hall",
        "name": {
            "lt": "Renginių salė (Tilžės g. 10, IV a.)",
            "en": "Events hall (Tilžės g. 10, 4th floor)",
            "bg": "Зала за събития (Tilžės g. 10, 4-ти етаж)",
            "fi": "Tapahtumasali (Tilžės g. 10, 4. kerros)",
        },
        "branch": "tilzes-10",
        "order": 20,
    },
    {
        "code": "branch-room",
        "name": {
            "lt": "Patalpos visuose viešosios bibliotekos filialuose",
            "en": "Room in any branch of the public library",
            "bg": "Помещение във всеки клон на обществената библиотека",
            "fi": "Tila missä tahansa yleisen kirjaston sivukirjastossa",
        },
        "branch": None,
        "order": 30,
    },
]

PRICE_LIST = {
    "title": {
        "lt": "Šilutės rajono savivaldybės Fridricho Bajoraičio viešosios bibliotekos teikiamų paslaugų kainos",
        "en": "Prices of services of the Šilutė District Municipality Fridrichas Bajoraitis Public Library",
        "bg": "Цени на услугите, предоставяни от Обществена библиотека „Фридрихас Байорайтис“ на районна община Шилуте",
        "fi": "Šilutėn piirikunnan Fridrichas Bajoraitisin yleisen kirjaston palveluiden hinnat",
    },
    "decisions": {
        "lt": (
            "Patvirtinta Šilutės rajono savivaldybės tarybos 2016 m. birželio 30 d. sprendimu Nr. T1-394, "
            "2018 m. kovo 29 d. sprendimu Nr. T1-989 ir 2018 m. rugsėjo 27 d. sprendimu Nr. T1-1123"
        ),
        "en": (
            "Approved by the Šilutė District Municipal Council decisions No. T1-394 of 30 June 2016, "
            "No. T1-989 of 29 March 2018 and No. T1-1123 of 27 September 2018"
        ),
        "bg": (
            "Утвърдени с решения на Общинския съвет на районна община Шилуте № T1-394 от 30 юни 2016 г., "
            "№ T1-989 от 29 март 2018 г. и № T1-1123 от 27 септември 2018 г."
        ),
        "fi": (
            "Hyväksytty Šilutėn piirikunnan valtuuston päätöksillä nro T1-394 (30.6.2016), nro T1-989 (29.3.2018) "
            "ja nro T1-1123 (27.9.2018)"
        ),
    },
    "effective_from": "2018-09-27",
}

# The items of the price list, in the seed's order.
ITEMS = [
    # Reader cards
    {
        "code": "reader-card",
        "section": "reader_cards",
        "name": {
            "lt": "Skaitytojo pažymėjimo (bilieto) išdavimas",
            "en": "Reader's card (ticket) issue",
            "bg": "Издаване на читателска карта (билет)",
            "fi": "Lukijakortin (kirjastokortin) myöntäminen",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "item",
        "pricing": "by_category",
        "amount": None,
        "by_category": {"adult": "1.15", "reduced": "0.70", "free": "0.00"},
        "tiers": [],
        "room": None,
        "with_equipment": False,
    },
    # Copying
    {
        "code": "copy-bw-a4",
        "section": "copying",
        "name": {
            "lt": "Nespalvota kopija A-4 formato",
            "en": "Black-and-white copy, A4",
            "bg": "Черно-бяло копие, формат A4",
            "fi": "Mustavalkokopio, A4",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "copy",
        "pricing": "fixed",
        "amount": "0.06",
        "by_category": {},
        "tiers": [],
        "room": None,
        "with_equipment": False,
    },
    {
        "code": "copy-bw-a3",
        "section": "copying",
        "name": {
            "lt": "Nespalvota kopija A-3 formato",
            "en": "Black-and-white copy, A3",
            "bg": "Черно-бяло копие, формат A3",
            "fi": "Mustavalkokopio, A3",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "copy",
        "pricing": "fixed",
        "amount": "0.10",
        "by_category": {},
        "tiers": [],
        "room": None,
        "with_equipment": False,
    },
    {
        "code": "copy-colour-a4",
        "section": "copying",
        "name": {
            "lt": "Spalvota kopija A-4 formato",
            "en": "Colour copy, A4",
            "bg": "Цветно копие, формат A4",
            "fi": "Värikopio, A4",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "copy",
        "pricing": "fixed",
        "amount": "0.45",
        "by_category": {},
        "tiers": [],
        "room": None,
        "with_equipment": False,
    },
    {
        "code": "copy-colour-a3",
        "section": "copying",
        "name": {
            "lt": "Spalvota kopija A-3 formato",
            "en": "Colour copy, A3",
            "bg": "Цветно копие, формат A3",
            "fi": "Värikopio, A3",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "copy",
        "pricing": "fixed",
        "amount": "0.90",
        "by_category": {},
        "tiers": [],
        "room": None,
        "with_equipment": False,
    },
    # Printing
    {
        "code": "print-bw-a4",
        "section": "printing",
        "name": {
            "lt": "Spausdinimas nespalviniu spausdintuvu A-4 formato",
            "en": "Black-and-white printing, A4",
            "bg": "Черно-бял печат, формат A4",
            "fi": "Mustavalkotulostus, A4",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "page",
        "pricing": "fixed",
        "amount": "0.07",
        "by_category": {},
        "tiers": [],
        "room": None,
        "with_equipment": False,
    },
    {
        # The seed's line reads "nespalvota kopija A-3 formato" under printing: it is black-and-white printing.
        "code": "print-bw-a3",
        "section": "printing",
        "name": {
            "lt": "Spausdinimas nespalviniu spausdintuvu A-3 formato",
            "en": "Black-and-white printing, A3",
            "bg": "Черно-бял печат, формат A3",
            "fi": "Mustavalkotulostus, A3",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "page",
        "pricing": "fixed",
        "amount": "0.12",
        "by_category": {},
        "tiers": [],
        "room": None,
        "with_equipment": False,
    },
    {
        "code": "print-colour-a4",
        "section": "printing",
        "name": {
            "lt": "Spausdinimas spalviniu spausdintuvu A4 formato",
            "en": "Colour printing, A4",
            "bg": "Цветен печат, формат A4",
            "fi": "Väritulostus, A4",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "page",
        "pricing": "fixed",
        "amount": "0.50",
        "by_category": {},
        "tiers": [],
        "room": None,
        "with_equipment": False,
    },
    {
        "code": "print-colour-a3",
        "section": "printing",
        "name": {
            "lt": "Spausdinimas spalviniu spausdintuvu A3 formato",
            "en": "Colour printing, A3",
            "bg": "Цветен печат, формат A3",
            "fi": "Väritulostus, A3",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "page",
        "pricing": "fixed",
        "amount": "1.00",
        "by_category": {},
        "tiers": [],
        "room": None,
        "with_equipment": False,
    },
    # Scanning
    {
        "code": "scan-a4",
        "section": "scanning",
        "name": {
            "lt": "Skenavimas 1 vaizdas / 1 puslapis, A-4 formatas",
            "en": "Scanning, 1 image / 1 page, A4",
            "bg": "Сканиране, 1 изображение / 1 страница, формат A4",
            "fi": "Skannaus, 1 kuva / 1 sivu, A4",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "image",
        "pricing": "fixed",
        "amount": "0.15",
        "by_category": {},
        "tiers": [],
        "room": None,
        "with_equipment": False,
    },
    # Binding
    {
        "code": "bind-a4",
        "section": "binding",
        "name": {
            "lt": "Įrišimas A4 formato",
            "en": "Binding, A4",
            "bg": "Подвързване, формат A4",
            "fi": "Sidonta, A4",
        },
        "notes": {
            "lt": (
                "Kaina priklauso nuo lapų skaičiaus: iki 25, 45, 65 arba 95 lapų. Daugiau nei 95 lapų dokumento "
                "įrišimo kaina nustatoma individualiai."
            ),
            "en": (
                "The price depends on the number of sheets: up to 25, 45, 65 or 95 sheets. Binding a document of "
                "more than 95 sheets is priced individually."
            ),
            "bg": (
                "Цената зависи от броя на листовете: до 25, 45, 65 или 95 листа. Подвързването на документ с "
                "повече от 95 листа се остойностява индивидуално."
            ),
            "fi": (
                "Hinta riippuu arkkien määrästä: enintään 25, 45, 65 tai 95 arkkia. Yli 95 arkin asiakirjan "
                "sidonnan hinta määritetään tapauskohtaisesti."
            ),
        },
        "unit": "sheet_range",
        "pricing": "by_tier",
        "amount": None,
        "by_category": {},
        "tiers": [[25, "0.75"], [45, "1.00"], [65, "1.30"], [95, "1.60"]],
        "room": None,
        "with_equipment": False,
    },
    # Laminating
    {
        "code": "laminate-a4",
        "section": "laminating",
        "name": {
            "lt": "Laminavimas A4 formatas",
            "en": "Laminating, A4",
            "bg": "Ламиниране, формат A4",
            "fi": "Laminointi, A4",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "item",
        "pricing": "fixed",
        "amount": "1.00",
        "by_category": {},
        "tiers": [],
        "room": None,
        "with_equipment": False,
    },
    {
        "code": "laminate-a5",
        "section": "laminating",
        "name": {
            "lt": "Laminavimas A5 formatas",
            "en": "Laminating, A5",
            "bg": "Ламиниране, формат A5",
            "fi": "Laminointi, A5",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "item",
        "pricing": "fixed",
        "amount": "0.75",
        "by_category": {},
        "tiers": [],
        "room": None,
        "with_equipment": False,
    },
    # Bibliographic lists
    {
        "code": "bibliography-record",
        "section": "bibliography",
        "name": {
            "lt": (
                "Bibliografinių sąrašų ir rodyklių sudarymas iš Fridricho Bajoraičio viešosios bibliotekos fondų ir "
                "prenumeruojamų duomenų bazių bei redagavimas pagal individualų užsakymą, 1 bibliografinis įrašas"
            ),
            "en": (
                "Compiling and editing bibliographic lists and indexes from the collections of the Fridrichas "
                "Bajoraitis Public Library and subscribed databases on individual order, per 1 bibliographic record"
            ),
            "bg": (
                "Съставяне и редактиране на библиографски списъци и указатели по фондовете на Обществена библиотека "
                "„Фридрихас Байорайтис“ и абонираните бази данни по индивидуална поръчка, за 1 библиографски запис"
            ),
            "fi": (
                "Bibliografisten luetteloiden ja hakemistojen laatiminen ja toimittaminen Fridrichas Bajoraitisin "
                "yleisen kirjaston kokoelmista ja tilatuista tietokannoista yksilöllisen tilauksen mukaan, "
                "1 bibliografinen tietue"
            ),
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "record",
        "pricing": "fixed",
        "amount": "0.30",
        "by_category": {},
        "tiers": [],
        "room": None,
        "with_equipment": False,
    },
    # Interlibrary loan
    {
        "code": "ill-postage",
        "section": "interlibrary_loan",
        "name": {
            "lt": (
                "Dokumento parsiuntimas paštu iš kitų bibliotekų per tarpbibliotekinį ir tarptautinį "
                "tarpbibliotekinį abonementą"
            ),
            "en": (
                "Sending a document by post from other libraries through interlibrary and international "
                "interlibrary loan"
            ),
            "bg": (
                "Изпращане на документ по пощата от други библиотеки чрез междубиблиотечно и международно "
                "междубиблиотечно заемане"
            ),
            "fi": "Aineiston lähettäminen postitse muista kirjastoista kotimaisena tai kansainvälisenä kaukolainana",
        },
        "notes": {
            "lt": (
                "Spaudinio persiuntimo kaina apskaičiuojama individualiai pagal pašto paslaugų tarifus (priklauso "
                "nuo siunčiamų dokumentų svorio); ją apmoka užsakovas. Užsienio bibliotekoms atsiskaitoma pagal "
                "dokumentą atsiuntusios bibliotekos mokestinį reikalavimą, už kopijas – pagal jas pagaminusios "
                "bibliotekos kopijavimo įkainius."
            ),
            "en": (
                "The cost of sending is calculated individually from the postal tariffs (it depends on the weight "
                "of the items sent) and is paid by the person placing the order. Foreign libraries are paid "
                "according to the invoice of the library that sent the item, and copies according to the copying "
                "rates of the library that made them."
            ),
            "bg": (
                "Цената на пратката се изчислява индивидуално по пощенските тарифи (зависи от теглото на "
                "изпращаните документи) и се заплаща от поръчващия. На чуждестранните библиотеки се плаща според "
                "сметката на библиотеката, изпратила документа, а за копия – по тарифите за копиране на "
                "библиотеката, която ги е изготвила."
            ),
            "fi": (
                "Lähetyksen hinta lasketaan tapauskohtaisesti postitaksojen mukaan (se riippuu lähetettävien "
                "aineistojen painosta), ja sen maksaa tilaaja. Ulkomaisille kirjastoille maksetaan aineiston "
                "lähettäneen kirjaston laskun mukaan ja kopioista ne tehneen kirjaston kopiointihintojen mukaan."
            ),
        },
        "unit": "item",
        "pricing": "individual",
        "amount": None,
        "by_category": {},
        "tiers": [],
        "room": None,
        "with_equipment": False,
    },
    # Publishing services
    {
        "code": "publishing-typing",
        "section": "publishing",
        "name": {
            "lt": "1 puslapio teksto surinkimas (A4 formatas)",
            "en": "Typing 1 page of text (A4)",
            "bg": "Набиране на 1 страница текст (формат A4)",
            "fi": "1 tekstisivun kirjoittaminen (A4)",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "page",
        "pricing": "fixed",
        "amount": "0.55",
        "by_category": {},
        "tiers": [],
        "room": None,
        "with_equipment": False,
    },
    {
        "code": "publishing-layout",
        "section": "publishing",
        "name": {
            "lt": "1 puslapio teksto maketavimas (A4 formatas)",
            "en": "Layout of 1 page of text (A4)",
            "bg": "Предпечатна подготовка на 1 страница текст (формат A4)",
            "fi": "1 tekstisivun taitto (A4)",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "page",
        "pricing": "fixed",
        "amount": "0.90",
        "by_category": {},
        "tiers": [],
        "room": None,
        "with_equipment": False,
    },
    {
        "code": "publishing-design",
        "section": "publishing",
        "name": {
            "lt": (
                "Leidybos paslaugos (lankstinuko, kvietimo, programos, bukleto, afišos, padėkos, diplomo, vizinės "
                "kortelės ir kitų mažosios poligrafijos leidinių sukūrimas) (1 val.)"
            ),
            "en": (
                "Publishing services (design of leaflets, invitations, programmes, booklets, posters, certificates "
                "of thanks, diplomas, business cards and other small printed matter), per hour"
            ),
            "bg": (
                "Издателски услуги (изработване на дипляни, покани, програми, брошури, афиши, благодарствени "
                "грамоти, дипломи, визитни картички и други малки печатни издания), на час"
            ),
            "fi": (
                "Julkaisupalvelut (esitteiden, kutsujen, ohjelmien, vihkosten, julisteiden, kiitoskirjeiden, "
                "diplomien, käyntikorttien ja muiden pienpainotuotteiden suunnittelu), tunnilta"
            ),
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "hour",
        "pricing": "fixed",
        "amount": "2.30",
        "by_category": {},
        "tiers": [],
        "room": None,
        "with_equipment": False,
    },
    {
        "code": "publishing-distribution",
        "section": "publishing",
        "name": {
            "lt": "Leidybinės ar suvenyrinės produkcijos, susijusios su bibliotekų veikla, platinimas",
            "en": "Distribution of publishing or souvenir products related to library activities",
            "bg": "Разпространение на издателска или сувенирна продукция, свързана с дейността на библиотеките",
            "fi": "Kirjastojen toimintaan liittyvien julkaisu- tai matkamuistotuotteiden jakelu",
        },
        "notes": {
            "lt": "Kaina – faktinė savikaina.",
            "en": "Charged at actual cost.",
            "bg": "Цената е действителната себестойност.",
            "fi": "Hinta on todellinen omakustannushinta.",
        },
        "unit": "item",
        "pricing": "actual_cost",
        "amount": None,
        "by_category": {},
        "tiers": [],
        "room": None,
        "with_equipment": False,
    },
    # Fax
    {
        "code": "fax",
        "section": "fax",
        "name": {
            "lt": "Pranešimo išsiuntimas faksu",
            "en": "Sending a message by fax",
            "bg": "Изпращане на съобщение по факс",
            "fi": "Viestin lähettäminen faksilla",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "item",
        "pricing": "fixed",
        "amount": "0.60",
        "by_category": {},
        "tiers": [],
        "room": None,
        "with_equipment": False,
    },
    # Short-term room rental (per hour)
    {
        "code": "room-t12-hall",
        "section": "room_rental",
        "name": {
            "lt": "Renginių/parodų salės (Tilžės g. 12, 1 a.) nuoma be įrangos",
            "en": "Events/exhibition hall (Tilžės g. 12, 1st floor), without equipment",
            "bg": "Зала за събития/изложби (Tilžės g. 12, 1-ви етаж), без оборудване",
            "fi": "Tapahtuma-/näyttelysali (Tilžės g. 12, 1. kerros), ilman laitteita",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "hour",
        "pricing": "fixed",
        "amount": "15.00",
        "by_category": {},
        "tiers": [],
        "room": "t12-hall",
        "with_equipment": False,
    },
    {
        "code": "room-t12-hall-equipment",
        "section": "room_rental",
        "name": {
            "lt": "Renginių/parodų salės (Tilžės g. 12, 1 a.) nuoma su demonstracine įranga",
            "en": "Events/exhibition hall (Tilžės g. 12, 1st floor), with presentation equipment",
            "bg": "Зала за събития/изложби (Tilžės g. 12, 1-ви етаж), с презентационно оборудване",
            "fi": "Tapahtuma-/näyttelysali (Tilžės g. 12, 1. kerros), esityslaitteineen",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "hour",
        "pricing": "fixed",
        "amount": "20.00",
        "by_category": {},
        "tiers": [],
        "room": "t12-hall",
        "with_equipment": True,
    },
    {
        "code": "room-t10-hall",
        "section": "room_rental",
        "name": {
            "lt": "Renginių salės (Tilžės g. 10, IV a.) nuoma be įrangos",
            "en": "Events hall (Tilžės g. 10, 4th floor), without equipment",
            "bg": "Зала за събития (Tilžės g. 10, 4-ти етаж), без оборудване",
            "fi": "Tapahtumasali (Tilžės g. 10, 4. kerros), ilman laitteita",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "hour",
        "pricing": "fixed",
        "amount": "8.00",
        "by_category": {},
        "tiers": [],
        "room": "t10-hall",
        "with_equipment": False,
    },
    {
        "code": "room-t10-hall-equipment",
        "section": "room_rental",
        "name": {
            "lt": "Renginių salės (Tilžės g. 10, IV a.) nuoma su demonstracine įranga",
            "en": "Events hall (Tilžės g. 10, 4th floor), with presentation equipment",
            "bg": "Зала за събития (Tilžės g. 10, 4-ти етаж), с презентационно оборудване",
            "fi": "Tapahtumasali (Tilžės g. 10, 4. kerros), esityslaitteineen",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "hour",
        "pricing": "fixed",
        "amount": "10.00",
        "by_category": {},
        "tiers": [],
        "room": "t10-hall",
        "with_equipment": True,
    },
    {
        "code": "room-branch",
        "section": "room_rental",
        "name": {
            "lt": "Patalpų nuoma visuose viešosios bibliotekos filialuose be įrangos",
            "en": "Room in any branch of the public library, without equipment",
            "bg": "Помещение във всеки клон на обществената библиотека, без оборудване",
            "fi": "Tila missä tahansa yleisen kirjaston sivukirjastossa, ilman laitteita",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "hour",
        "pricing": "fixed",
        "amount": "5.00",
        "by_category": {},
        "tiers": [],
        "room": "branch-room",
        "with_equipment": False,
    },
    {
        "code": "room-branch-equipment",
        "section": "room_rental",
        "name": {
            "lt": "Patalpų nuoma visuose viešosios bibliotekos filialuose su demonstracine įranga",
            "en": "Room in any branch of the public library, with presentation equipment",
            "bg": "Помещение във всеки клон на обществената библиотека, с презентационно оборудване",
            "fi": "Tila missä tahansa yleisen kirjaston sivukirjastossa, esityslaitteineen",
        },
        "notes": {"lt": "", "en": "", "bg": "", "fi": ""},
        "unit": "hour",
        "pricing": "fixed",
        "amount": "7.00",
        "by_category": {},
        "tiers": [],
        "room": "branch-room",
        "with_equipment": True,
    },
]

# A short summary of the seed's interlibrary-loan (TBA) and international interlibrary-loan (TTBA) rules.
ILL_RULES = {
    "lt": (
        "Tarpbibliotekinio (TBA) ir tarptautinio tarpbibliotekinio abonemento (TTBA) paslauga yra mokama: visas "
        "pašto išlaidas apmoka užsakovas pagal Lietuvoje galiojančius pašto paslaugų tarifus (kaina priklauso nuo "
        "persiunčiamų dokumentų svorio). Užsakymas priimamas užpildžius nustatytos formos užsakymo lapelį, paštu, "
        "telefonu, faksu ir elektroniniu paštu; išsiųsti užsakymai neanuliuojami.\n\n"
        "Gauti leidiniai į namus neišduodami – jais galima naudotis bibliotekos skaityklose tiek laiko, kiek "
        "nustato juos paskolinusi biblioteka (dažniausiai 30 dienų, paklausiems spaudiniams – trumpiau). "
        "Vieninteliai egzemplioriai, reti ir vertingi spaudiniai bei periodiniai leidiniai neskolinami, o už "
        "prarastą ar sužalotą dokumentą atsiskaitoma „Naudojimosi biblioteka taisyklių“ nustatyta tvarka.\n\n"
        "Užsienio bibliotekoms atsiskaitome pagal dokumentą atsiuntusios bibliotekos mokestinį reikalavimą, už "
        "kopijas – pagal jas pagaminusios bibliotekos kopijavimo įkainius.\n\n"
        "Daugiau informacijos: Dalia Pupšytė, Skaitytojų aptarnavimo skyrius, Dalia.Pupsyte@silutevb.lt, "
        "tel. 8 441 78216."
    ),
    "en": (
        "Interlibrary loan (TBA) and international interlibrary loan (TTBA) are paid services: all postage is paid "
        "by the person placing the order, at the postal tariffs in force in Lithuania (the price depends on the "
        "weight of the items sent). Orders are accepted on the library's order form and by post, phone, fax and "
        "e-mail; orders that have been sent cannot be cancelled.\n\n"
        "Items received are not lent for home use: they may be used in the library's reading rooms for the period "
        "set by the lending library (usually 30 days, shorter for items in demand). Unique copies, rare and "
        "valuable items and periodicals are not lent, and a lost or damaged item is paid for as set out in the "
        "library's rules of use.\n\n"
        "We pay foreign libraries according to the invoice of the library that sent the item, and for copies "
        "according to the copying rates of the library that made them.\n\n"
        "More information: Dalia Pupšytė, Reader Services Department, Dalia.Pupsyte@silutevb.lt, "
        "tel. 8 441 78216."
    ),
    "bg": (
        "Междубиблиотечното заемане (TBA) и международното междубиблиотечно заемане (TTBA) са платени услуги: "
        "всички пощенски разходи се заплащат от поръчващия по действащите в Литва пощенски тарифи (цената зависи "
        "от теглото на изпращаните документи). Поръчки се приемат с попълнен формуляр на библиотеката, както и по "
        "пощата, по телефона, по факс и по електронна поща; изпратените поръчки не се анулират.\n\n"
        "Получените издания не се дават за вкъщи: ползват се в читалните на библиотеката за срока, определен от "
        "библиотеката, която ги е предоставила (обикновено 30 дни, за търсени издания – по-кратко). Единствени "
        "екземпляри, редки и ценни издания и периодика не се заемат, а изгубено или повредено издание се заплаща "
        "съгласно Правилата за ползване на библиотеката.\n\n"
        "На чуждестранните библиотеки плащаме според сметката на библиотеката, изпратила документа, а за копия – "
        "по тарифите за копиране на библиотеката, която ги е изготвила.\n\n"
        "Повече информация: Dalia Pupšytė (Даля Пупшите), отдел „Обслужване на читатели“, "
        "Dalia.Pupsyte@silutevb.lt, тел. 8 441 78216."
    ),
    "fi": (
        "Kaukolainat (TBA) ja kansainväliset kaukolainat (TTBA) ovat maksullisia: tilaaja maksaa kaikki postikulut "
        "Liettuassa voimassa olevien postitaksojen mukaan (hinta riippuu lähetettävien aineistojen painosta). "
        "Tilauksia otetaan vastaan kirjaston tilauslomakkeella sekä postitse, puhelimitse, faksilla ja "
        "sähköpostitse; lähetettyjä tilauksia ei voi peruuttaa.\n\n"
        "Saatuja teoksia ei lainata kotiin: niitä voi käyttää kirjaston lukusaleissa lainaavan kirjaston "
        "määräämän ajan (yleensä 30 päivää, kysytyille teoksille lyhyemmän ajan). Ainoita kappaleita, harvinaisia "
        "ja arvokkaita teoksia sekä aikakauslehtiä ei lainata, ja kadonnut tai vahingoittunut teos korvataan "
        "kirjaston käyttösääntöjen mukaisesti.\n\n"
        "Ulkomaisille kirjastoille maksamme aineiston lähettäneen kirjaston laskun mukaan ja kopioista ne tehneen "
        "kirjaston kopiointihintojen mukaan.\n\n"
        "Lisätietoja: Dalia Pupšytė, lukijapalveluosasto, Dalia.Pupsyte@silutevb.lt, puh. 8 441 78216."
    ),
}
