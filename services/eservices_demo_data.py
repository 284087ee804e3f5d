"""Demo content of the partner e-services (seeds 001 and 002). Every translated text is a dict with
"lt", "en", "bg" and "fi"; bodies are plain text like the rest of the demo (see services/demo_data.py).

From the seeds: AB LESTO's self-service points in 20 public libraries with the self-service website
www.manoelektra.lt, trained librarians, trainings and events (seed 001); the Bulgarian libraries'
e-employment, e-health and e-culture services built on national agreements with the Employment Agency and
the Ministry of Health and regional partnerships (regional employment directorates, regional health
inspectorates), and the "Get in time with taxes" campaign with the National Revenue Agency (seed 002).
Invented for the demo: the consultation hours, the events and their dates, the curated resources' wording
and the consultations counted for the statistics.
"""

PARTNERS = [
    {
        "slug": "lesto",
        "name": {"lt": "AB LESTO", "en": "AB LESTO", "bg": "AB LESTO", "fi": "AB LESTO"},
        "kind": "company",
        "agreement_level": "national",
        "agreement_subject": {
            "lt": "Paslaugų savitarnos vietos 20 viešųjų bibliotekų ir mokymai, kaip naudotis savitarnos svetaine "
            "www.manoelektra.lt.",
            "en": "Self-service points in 20 public libraries and trainings on the self-service website "
            "www.manoelektra.lt.",
            "bg": "Точки за самообслужване в 20 обществени библиотеки и обучения за сайта за самообслужване "
            "www.manoelektra.lt.",
            "fi": "Itsepalvelupisteet 20 yleisessä kirjastossa ja koulutukset itsepalvelusivuston "
            "www.manoelektra.lt käytöstä.",
        },
        "website": "https://www.manoelektra.lt",
    },
    {
        "slug": "employment-agency",
        "name": {
            "lt": "Užimtumo agentūra (Bulgarija)",
            "en": "Employment Agency (Bulgaria)",
            "bg": "Агенция по заетостта",
            "fi": "Työvoimavirasto (Bulgaria)",
        },
        "kind": "national_agency",
        "agreement_level": "national",
        "agreement_subject": {
            "lt": "Bendradarbiavimo susitarimas dėl e. užimtumo paslaugos bibliotekose.",
            "en": "Cooperation agreement on the e-employment service in libraries.",
            "bg": "Споразумение за сътрудничество за услугата „Е-заетост“ в библиотеките.",
            "fi": "Yhteistyösopimus kirjastojen e-työllisyyspalvelusta.",
        },
        "website": "https://www.az.government.bg",
    },
    {
        "slug": "regional-employment-services",
        "name": {
            "lt": "Regioninės užimtumo tarnybų direkcijos ir darbo biurai",
            "en": "Regional employment service directorates and labour offices",
            "bg": "Дирекции „Регионални служби по заетостта“ и дирекции „Бюро по труда“",
            "fi": "Alueelliset työvoimapalvelujen johtokunnat ja työvoimatoimistot",
        },
        "kind": "regional_office",
        "agreement_level": "regional",
        "agreement_subject": {
            "lt": "Partnerystė su bibliotekomis regioniniu ir vietos lygiu.",
            "en": "Partnerships with libraries at regional and local level.",
            "bg": "Партньорства с библиотеките на регионално и местно ниво.",
            "fi": "Kumppanuudet kirjastojen kanssa alueellisella ja paikallisella tasolla.",
        },
        "website": "",
    },
    {
        "slug": "ministry-of-health",
        "name": {
            "lt": "Sveikatos apsaugos ministerija (Bulgarija)",
            "en": "Ministry of Health (Bulgaria)",
            "bg": "Министерство на здравеопазването",
            "fi": "Terveysministeriö (Bulgaria)",
        },
        "kind": "national_agency",
        "agreement_level": "national",
        "agreement_subject": {
            "lt": "Bendradarbiavimo susitarimas dėl e. sveikatos paslaugos bibliotekose.",
            "en": "Cooperation agreement on the e-health service in libraries.",
            "bg": "Споразумение за сътрудничество за услугата „Е-здраве“ в библиотеките.",
            "fi": "Yhteistyösopimus kirjastojen e-terveyspalvelusta.",
        },
        "website": "https://www.mh.government.bg",
    },
    {
        "slug": "regional-health-inspectorates",
        "name": {
            "lt": "Regioninės sveikatos inspekcijos",
            "en": "Regional health inspectorates",
            "bg": "Регионални здравни инспекции",
            "fi": "Alueelliset terveystarkastusvirastot",
        },
        "kind": "regional_office",
        "agreement_level": "regional",
        "agreement_subject": {
            "lt": "Ekspertai bibliotekų sveikatos renginiuose.",
            "en": "Experts at the libraries' health events.",
            "bg": "Експерти в здравните събития на библиотеките.",
            "fi": "Asiantuntijat kirjastojen terveystapahtumissa.",
        },
        "website": "",
    },
    {
        "slug": "revenue-agency",
        "name": {
            "lt": "Nacionalinė pajamų agentūra (Bulgarija)",
            "en": "National Revenue Agency (Bulgaria)",
            "bg": "Национална агенция за приходите",
            "fi": "Kansallinen verovirasto (Bulgaria)",
        },
        "kind": "national_agency",
        "agreement_level": "national",
        "agreement_subject": {
            "lt": "Akcija „Laiku su mokesčiais“ kartu su bibliotekomis ir švietimo ministerija.",
            "en": "The “Get in time with taxes” campaign with the libraries and the education ministry.",
            "bg": "Кампанията „Влез в час с данъците“ съвместно с библиотеките и министерството на образованието.",
            "fi": "”Ajoissa verojen kanssa” -kampanja yhdessä kirjastojen ja opetusministeriön kanssa.",
        },
        "website": "https://nap.bg",
    },
]

ESERVICES = [
    {
        "slug": "utility-self-service",
        "area": "utility",
        "partners": ["lesto"],
        "title": {
            "lt": "Elektros paslaugų savitarna (LESTO)",
            "en": "Electricity self-service (LESTO)",
            "bg": "Самообслужване за електроенергия (LESTO)",
            "fi": "Sähköpalvelujen itsepalvelu (LESTO)",
        },
        "summary": {
            "lt": "LESTO paslaugų savitarnos vieta bibliotekoje: apmokyti bibliotekininkai padeda naudotis "
            "www.manoelektra.lt.",
            "en": "A LESTO self-service point in the library: trained librarians help you use www.manoelektra.lt.",
            "bg": "Точка за самообслужване на LESTO в библиотеката: обучени библиотекари помагат с www.manoelektra.lt.",
            "fi": "LESTOn itsepalvelupiste kirjastossa: koulutetut kirjastonhoitajat auttavat käyttämään "
            "sivustoa www.manoelektra.lt.",
        },
        "description": {
            "lt": "Elektros skirstymo bendrovė AB LESTO įrengė savitarnos vietas 20 viešųjų bibliotekų. Čia galite "
            "gauti bendrovės paslaugas per savitarnos svetainę ir kartu patobulinti savo IT raštingumą.",
            "en": "The electricity distribution company AB LESTO has set up self-service points in 20 public "
            "libraries. Here you can get the company's services through its self-service website and improve your "
            "IT skills at the same time.",
            "bg": "Електроразпределителното дружество AB LESTO е изградило точки за самообслужване в 20 обществени "
            "библиотеки. Тук можете да получите услугите му чрез сайта за самообслужване и едновременно да "
            "подобрите компютърните си умения.",
            "fi": "Sähkönjakeluyhtiö AB LESTO on perustanut itsepalvelupisteet 20 yleiseen kirjastoon. Täällä voit "
            "hoitaa yhtiön asioita sen itsepalvelusivustolla ja samalla kehittää tietoteknisiä taitojasi.",
        },
        "what_you_can_do": {
            "lt": "Deklaruoti elektros skaitiklio rodmenis, apmokėti sąskaitas, pateikti prašymus ir sekti jų būseną.",
            "en": "Declare meter readings, pay bills, submit requests and follow their progress.",
            "bg": "Да подадете показания на електромера, да платите сметки, да подадете заявления и да следите "
            "състоянието им.",
            "fi": "Ilmoittaa mittarilukemat, maksaa laskut, jättää hakemuksia ja seurata niiden käsittelyä.",
        },
        "what_to_bring": {
            "lt": "Asmens dokumentą, kliento numerį (jis yra sąskaitoje) ir elektroninės bankininkystės "
            "prisijungimo duomenis.",
            "en": "An identity document, your customer number (it is on your bill) and your online banking login.",
            "bg": "Документ за самоличност, клиентския си номер (той е на сметката) и данните за вход в "
            "онлайн банкирането.",
            "fi": "Henkilöllisyystodistus, asiakasnumerosi (se on laskussa) ja verkkopankkitunnuksesi.",
        },
        "places": [
            ("centrine-biblioteka", "self_service_point", {}),
            (
                "centrine-biblioteka",
                "librarian_computer",
                {
                    "lt": "Darbo dienomis 10–17 val.",
                    "en": "Weekdays 10:00–17:00",
                    "bg": "В делнични дни 10:00–17:00",
                    "fi": "Arkisin 10–17",
                },
            ),
        ],
        "other_libraries": "self_service_point",
        "resources": [
            {
                "url": "https://www.manoelektra.lt",
                "language": "lt",
                "title": {
                    "lt": "Savitarnos svetainė manoelektra.lt",
                    "en": "The manoelektra.lt self-service website",
                    "bg": "Сайтът за самообслужване manoelektra.lt",
                    "fi": "Itsepalvelusivusto manoelektra.lt",
                },
                "description": {
                    "lt": "Elektros paslaugos internetu.",
                    "en": "Electricity services online.",
                    "bg": "Услуги за електроенергия онлайн.",
                    "fi": "Sähköpalvelut verkossa.",
                },
            },
        ],
        "good_practices": [
            {
                "title": {
                    "lt": "Susitikimai su bibliotekų lankytojais",
                    "en": "Meetings with library users",
                    "bg": "Срещи с потребителите на библиотеките",
                    "fi": "Tapaamiset kirjastojen asiakkaiden kanssa",
                },
                "body": {
                    "lt": "2012–2013 m. projekte „Bibliotekos pažangai“ surengti susitikimai su 10 viešųjų "
                    "bibliotekų vartotojais, kuriuose buvo mokoma gauti paslaugas per www.manoelektra.lt, o "
                    "bibliotekininkams vesti mokymai.",
                    "en": "In the “Libraries for Innovation” project of 2012–2013, meetings with users of 10 "
                    "public libraries taught them to get services through www.manoelektra.lt, and librarians were "
                    "trained.",
                    "bg": "По проекта „Библиотеки за напредък“ през 2012–2013 г. срещи с потребители на 10 "
                    "обществени библиотеки ги научиха да ползват услуги чрез www.manoelektra.lt, а библиотекарите "
                    "бяха обучени.",
                    "fi": "”Kirjastot edistyksen puolesta” -hankkeessa 2012–2013 kymmenen yleisen kirjaston "
                    "asiakkaille opetettiin palvelujen käyttöä sivustolla www.manoelektra.lt, ja "
                    "kirjastonhoitajat koulutettiin.",
                },
                "source": "AB LESTO, Lietuvos viešosios bibliotekos",
            },
        ],
    },
    {
        "slug": "e-employment-help",
        "area": "employment",
        "partners": ["employment-agency", "regional-employment-services"],
        "title": {"lt": "E. užimtumas", "en": "E-employment", "bg": "Е-заетост", "fi": "E-työllisyys"},
        "summary": {
            "lt": "Laisvos darbo vietos, kvalifikacijos kėlimo kursai ir užimtumo projektų finansavimas internete.",
            "en": "Vacancies, training courses and funding for employment projects online.",
            "bg": "Свободни работни места, квалификационни курсове и финансиране на проекти за заетост онлайн.",
            "fi": "Avoimet työpaikat, koulutukset ja työllisyyshankkeiden rahoitus verkossa.",
        },
        "description": {
            "lt": "Bibliotekininkai padeda rasti aktualią ir tikslią informaciją apie darbo rinką, parengti "
            "gyvenimo aprašymą ir užsiregistruoti Užimtumo tarnyboje internetu.",
            "en": "Librarians help you find up-to-date, accurate information on the labour market, write a CV and "
            "register with the Employment Service online.",
            "bg": "Библиотекарите помагат да намерите актуална и точна информация за пазара на труда, да "
            "подготвите автобиография и да се регистрирате в службата по заетостта онлайн.",
            "fi": "Kirjastonhoitajat auttavat löytämään ajantasaista tietoa työmarkkinoista, laatimaan "
            "ansioluettelon ja ilmoittautumaan työvoimapalveluun verkossa.",
        },
        "what_you_can_do": {
            "lt": "Ieškoti darbo skelbimų, kursų ir finansavimo galimybių; pateikti prašymus internetu.",
            "en": "Search job advertisements, courses and funding; send applications online.",
            "bg": "Да търсите обяви за работа, курсове и финансиране; да кандидатствате онлайн.",
            "fi": "Etsiä työpaikkailmoituksia, kursseja ja rahoitusta; lähettää hakemuksia verkossa.",
        },
        "what_to_bring": {
            "lt": "Asmens dokumentą, išsilavinimo dokumentus ir, jei turite, gyvenimo aprašymą USB atmintinėje.",
            "en": "An identity document, your education certificates and, if you have one, your CV on a USB stick.",
            "bg": "Документ за самоличност, документи за образование и, ако имате, автобиографията си на USB памет.",
            "fi": "Henkilöllisyystodistus, koulutustodistukset ja, jos sinulla on, ansioluettelo USB-tikulla.",
        },
        "places": [
            (
                "centrine-biblioteka",
                "consultation_hours",
                {
                    "lt": "Antradieniais 10–12 val.",
                    "en": "Tuesdays 10:00–12:00",
                    "bg": "Във вторник 10:00–12:00",
                    "fi": "Tiistaisin 10–12",
                },
            ),
            ("centrine-biblioteka", "librarian_computer", {}),
            ("tilzes-10", "librarian_computer", {}),
            ("rusnes-filialas", "librarian_computer", {}),
        ],
        "resources": [
            {
                "url": "https://uzt.lt",
                "language": "lt",
                "title": {
                    "lt": "Užimtumo tarnyba",
                    "en": "Lithuanian Employment Service",
                    "bg": "Служба по заетостта на Литва",
                    "fi": "Liettuan työvoimapalvelu",
                },
                "description": {
                    "lt": "Darbo pasiūlymai ir registracija.",
                    "en": "Job offers and registration.",
                    "bg": "Предложения за работа и регистрация.",
                    "fi": "Työtarjoukset ja ilmoittautuminen.",
                },
            },
            {
                "url": "https://eures.europa.eu",
                "language": "en",
                "title": {
                    "lt": "EURES – Europos darbo judumo portalas",
                    "en": "EURES – the European job mobility portal",
                    "bg": "EURES – Европейският портал за професионална мобилност",
                    "fi": "EURES – eurooppalainen työnvälitysportaali",
                },
                "description": {
                    "lt": "Darbo pasiūlymai Europos šalyse.",
                    "en": "Job offers across Europe.",
                    "bg": "Работни места в Европа.",
                    "fi": "Työpaikkoja eri puolilla Eurooppaa.",
                },
            },
            {
                "url": "https://www.az.government.bg",
                "language": "bg",
                "title": {
                    "lt": "Bulgarijos užimtumo agentūra",
                    "en": "Bulgarian Employment Agency",
                    "bg": "Агенция по заетостта",
                    "fi": "Bulgarian työvoimavirasto",
                },
                "description": {"lt": "", "en": "", "bg": "", "fi": ""},
            },
        ],
        "good_practices": [
            {
                "title": {
                    "lt": "Bibliotekos ir darbo biurai kartu",
                    "en": "Libraries and labour offices together",
                    "bg": "Библиотеки и бюра по труда заедно",
                    "fi": "Kirjastot ja työvoimatoimistot yhdessä",
                },
                "body": {
                    "lt": "Bulgarijos bibliotekos pasirašė nacionalinį susitarimą su Užimtumo agentūra ir "
                    "partnerystes su regioninėmis tarnybomis bei darbo biurais: bibliotekoje skelbiamos laisvos "
                    "darbo vietos ir kursai.",
                    "en": "Bulgarian libraries signed a national agreement with the Employment Agency and "
                    "partnerships with regional directorates and labour offices: vacancies and courses are "
                    "published in the library.",
                    "bg": "Българските библиотеки подписаха национално споразумение с Агенцията по заетостта и "
                    "партньорства с регионалните дирекции и бюрата по труда: свободните места и курсовете се "
                    "обявяват в библиотеката.",
                    "fi": "Bulgarian kirjastot tekivät kansallisen sopimuksen työvoimaviraston kanssa ja "
                    "kumppanuuksia alueellisten virastojen ja työvoimatoimistojen kanssa: avoimet työpaikat ja "
                    "kurssit julkaistaan kirjastossa.",
                },
                "source": "Глоб@лни библиотеки – България",
            },
        ],
    },
    {
        "slug": "e-health-help",
        "area": "health",
        "partners": ["ministry-of-health", "regional-health-inspectorates"],
        "title": {"lt": "E. sveikata", "en": "E-health", "bg": "Е-здраве", "fi": "E-terveys"},
        "summary": {
            "lt": "Patikima informacija sveikatos temomis ir renginiai su sveikatos specialistais.",
            "en": "Reliable health information and events with health experts.",
            "bg": "Надеждна здравна информация и събития със здравни експерти.",
            "fi": "Luotettavaa terveystietoa ja tapahtumia terveysalan asiantuntijoiden kanssa.",
        },
        "description": {
            "lt": "Padedame rasti patikimų šaltinių, užsiregistruoti pas gydytoją internetu ir naudotis e. "
            "sveikatos sistema. Bibliotekininkai medicininių konsultacijų neteikia.",
            "en": "We help you find trustworthy sources, book a doctor's appointment online and use the e-health "
            "system. Librarians do not give medical advice.",
            "bg": "Помагаме да намерите надеждни източници, да си запишете час при лекар онлайн и да ползвате "
            "системата за е-здравеопазване. Библиотекарите не дават медицински съвети.",
            "fi": "Autamme löytämään luotettavia lähteitä, varaamaan lääkäriajan verkossa ja käyttämään "
            "sähköisiä terveyspalveluja. Kirjastonhoitajat eivät anna lääketieteellisiä neuvoja.",
        },
        "what_you_can_do": {
            "lt": "Užsiregistruoti pas gydytoją, peržiūrėti e. receptus, rasti patikimą informaciją.",
            "en": "Book an appointment, see your e-prescriptions, find reliable information.",
            "bg": "Да си запишете час, да видите електронните си рецепти, да намерите надеждна информация.",
            "fi": "Varata ajan, katsoa sähköiset reseptisi, löytää luotettavaa tietoa.",
        },
        "what_to_bring": {
            "lt": "Elektroninės bankininkystės ar mobiliojo parašo prisijungimo duomenis.",
            "en": "Your online banking or mobile signature login.",
            "bg": "Данните си за вход в онлайн банкиране или мобилен подпис.",
            "fi": "Verkkopankki- tai mobiilivarmennetunnuksesi.",
        },
        "places": [
            ("centrine-biblioteka", "librarian_computer", {}),
            ("rusnes-filialas", "librarian_computer", {}),
            ("juknaiciu-filialas", "librarian_computer", {}),
        ],
        "resources": [
            {
                "url": "https://www.esveikata.lt",
                "language": "lt",
                "title": {
                    "lt": "Elektroninės sveikatos paslaugų portalas",
                    "en": "The Lithuanian e-health portal",
                    "bg": "Литовският портал за е-здравеопазване",
                    "fi": "Liettuan sähköisten terveyspalvelujen portaali",
                },
                "description": {"lt": "", "en": "", "bg": "", "fi": ""},
            },
            {
                "url": "https://www.who.int/europe",
                "language": "en",
                "title": {
                    "lt": "PSO Europos regiono biuras",
                    "en": "WHO Regional Office for Europe",
                    "bg": "Регионален офис на СЗО за Европа",
                    "fi": "WHO:n Euroopan aluetoimisto",
                },
                "description": {"lt": "", "en": "", "bg": "", "fi": ""},
            },
        ],
        "good_practices": [
            {
                "title": {
                    "lt": "Sveikatos dienos su regioninėmis inspekcijomis",
                    "en": "Health days with the regional inspectorates",
                    "bg": "Здравни дни с регионалните инспекции",
                    "fi": "Terveyspäivät alueellisten tarkastusvirastojen kanssa",
                },
                "body": {
                    "lt": "Bibliotekos rengia renginius įvairioms tikslinėms grupėms, dalyvaujant regioninių "
                    "sveikatos inspekcijų ekspertams.",
                    "en": "Libraries hold events for different target groups with experts from the regional health "
                    "inspectorates.",
                    "bg": "Библиотеките организират събития за различни целеви групи с участието на експерти от "
                    "регионалните здравни инспекции.",
                    "fi": "Kirjastot järjestävät tapahtumia eri kohderyhmille yhdessä alueellisten "
                    "terveystarkastusvirastojen asiantuntijoiden kanssa.",
                },
                "source": "Глоб@лни библиотеки – България",
            },
        ],
    },
    {
        "slug": "e-culture-help",
        "area": "culture",
        "partners": [],
        "title": {"lt": "E. kultūra", "en": "E-culture", "bg": "Е-култура", "fi": "E-kulttuuri"},
        "summary": {
            "lt": "Skaitmeninis kultūros paveldas, virtualios parodos ir kultūros renginiai bendruomenei.",
            "en": "Digital cultural heritage, virtual exhibitions and cultural events for the community.",
            "bg": "Дигитално културно наследство, виртуални изложби и културни събития за общността.",
            "fi": "Digitaalinen kulttuuriperintö, virtuaalinäyttelyt ja kulttuuritapahtumat yhteisölle.",
        },
        "description": {
            "lt": "Padedame rasti kultūros išteklius internete ir kartu su bendruomene rengiame renginius.",
            "en": "We help you find cultural resources online and organise events with the community.",
            "bg": "Помагаме да намерите културни ресурси онлайн и организираме събития с общността.",
            "fi": "Autamme löytämään kulttuurisisältöjä verkosta ja järjestämme tapahtumia yhteisön kanssa.",
        },
        "what_you_can_do": {"lt": "", "en": "", "bg": "", "fi": ""},
        "what_to_bring": {"lt": "", "en": "", "bg": "", "fi": ""},
        "places": [("centrine-biblioteka", "librarian_computer", {}), ("kintu-filialas", "librarian_computer", {})],
        "resources": [
            {
                "url": "https://www.epaveldas.lt",
                "language": "lt",
                "title": {
                    "lt": "ePaveldas – skaitmeninis kultūros paveldas",
                    "en": "ePaveldas – digitised cultural heritage",
                    "bg": "ePaveldas – дигитализирано културно наследство",
                    "fi": "ePaveldas – digitoitu kulttuuriperintö",
                },
                "description": {"lt": "", "en": "", "bg": "", "fi": ""},
            },
            {
                "url": "https://www.europeana.eu",
                "language": "en",
                "title": {"lt": "Europeana", "en": "Europeana", "bg": "Europeana", "fi": "Europeana"},
                "description": {"lt": "", "en": "", "bg": "", "fi": ""},
            },
        ],
        "good_practices": [],
    },
    {
        "slug": "e-government-taxes",
        "area": "government",
        "partners": ["revenue-agency"],
        "title": {
            "lt": "E. valdžia ir mokesčiai",
            "en": "E-government and taxes",
            "bg": "Е-управление и данъци",
            "fi": "Sähköinen asiointi ja verot",
        },
        "summary": {
            "lt": "Pagalba deklaruojant pajamas ir naudojantis valstybės e. paslaugomis.",
            "en": "Help with filing tax returns and using public e-services.",
            "bg": "Помощ при деклариране на доходи и ползване на електронни държавни услуги.",
            "fi": "Apua veroilmoitukseen ja julkisten verkkopalvelujen käyttöön.",
        },
        "description": {
            "lt": "Idėja perimta iš Bulgarijos bibliotekų akcijos „Laiku su mokesčiais“, vykdomos su Nacionaline "
            "pajamų agentūra. Už deklaracijos turinį atsakote patys.",
            "en": "The idea comes from the Bulgarian libraries' “Get in time with taxes” campaign with the "
            "National Revenue Agency. You remain responsible for the content of your return.",
            "bg": "Идеята идва от кампанията „Влез в час с данъците“ на българските библиотеки с Националната "
            "агенция за приходите. Вие отговаряте за съдържанието на декларацията си.",
            "fi": "Idea on peräisin Bulgarian kirjastojen ”Ajoissa verojen kanssa” -kampanjasta, jota tehdään "
            "kansallisen veroviraston kanssa. Vastaat itse ilmoituksesi sisällöstä.",
        },
        "what_you_can_do": {
            "lt": "Pateikti pajamų deklaraciją, rasti formas ir terminus.",
            "en": "File your income tax return, find forms and deadlines.",
            "bg": "Да подадете данъчната си декларация, да намерите формуляри и срокове.",
            "fi": "Tehdä tuloveroilmoituksen, löytää lomakkeet ja määräajat.",
        },
        "what_to_bring": {
            "lt": "Elektroninės bankininkystės prisijungimo duomenis ir pajamų dokumentus.",
            "en": "Your online banking login and your income documents.",
            "bg": "Данните си за вход в онлайн банкиране и документите за доходите си.",
            "fi": "Verkkopankkitunnuksesi ja tuloihin liittyvät asiakirjat.",
        },
        "places": [
            (
                "centrine-biblioteka",
                "consultation_hours",
                {
                    "lt": "Kovo–gegužės mėn. ketvirtadieniais 14–17 val.",
                    "en": "March to May, Thursdays 14:00–17:00",
                    "bg": "Март–май, в четвъртък 14:00–17:00",
                    "fi": "Maalis–toukokuussa torstaisin 14–17",
                },
            ),
            ("tilzes-10", "librarian_computer", {}),
        ],
        "resources": [
            {
                "url": "https://www.vmi.lt",
                "language": "lt",
                "title": {
                    "lt": "Valstybinė mokesčių inspekcija",
                    "en": "State Tax Inspectorate",
                    "bg": "Държавна данъчна инспекция на Литва",
                    "fi": "Liettuan verohallinto",
                },
                "description": {"lt": "", "en": "", "bg": "", "fi": ""},
            },
            {
                "url": "https://nap.bg",
                "language": "bg",
                "title": {
                    "lt": "Bulgarijos nacionalinė pajamų agentūra",
                    "en": "Bulgarian National Revenue Agency",
                    "bg": "Национална агенция за приходите",
                    "fi": "Bulgarian kansallinen verovirasto",
                },
                "description": {"lt": "", "en": "", "bg": "", "fi": ""},
            },
        ],
        "good_practices": [
            {
                "title": {
                    "lt": "„Laiku su mokesčiais“",
                    "en": "“Get in time with taxes”",
                    "bg": "„Влез в час с данъците“",
                    "fi": "”Ajoissa verojen kanssa”",
                },
                "body": {
                    "lt": "Akcija vykdoma kartu su Nacionaline pajamų agentūra ir Švietimo, jaunimo ir mokslo "
                    "ministerija; teritorinės agentūros direkcijos bendradarbiauja su vietos bibliotekomis.",
                    "en": "The campaign runs with the National Revenue Agency and the Ministry of Education, Youth "
                    "and Science; the agency's territorial directorates work with local libraries.",
                    "bg": "Кампанията се провежда с Националната агенция за приходите и Министерството на "
                    "образованието, младежта и науката; териториалните дирекции на НАП работят с местните "
                    "библиотеки.",
                    "fi": "Kampanjaa toteutetaan kansallisen veroviraston sekä opetus-, nuoriso- ja "
                    "tiedeministeriön kanssa; viraston alueelliset yksiköt tekevät yhteistyötä paikallisten "
                    "kirjastojen kanssa.",
                },
                "source": "Глоб@лни библиотеки – България",
            },
        ],
    },
]

# (days from today, start hour, minutes long, branch slug, e-service slug, partner slug, capacity, texts)
EVENTS = [
    {
        "days": 10,
        "hour": 14,
        "minutes": 90,
        "branch": "centrine-biblioteka",
        "eservice": "utility-self-service",
        "partner": "lesto",
        "capacity": 12,
        "title": {
            "lt": "Kaip naudotis savitarnos svetaine manoelektra.lt",
            "en": "How to use the manoelektra.lt self-service website",
            "bg": "Как да ползваме сайта за самообслужване manoelektra.lt",
            "fi": "Näin käytät itsepalvelusivustoa manoelektra.lt",
        },
        "description": {
            "lt": "Praktiniai mokymai: skaitmenų deklaravimas, sąskaitos, prašymai. Atsineškite kliento numerį.",
            "en": "Hands-on training: meter readings, bills, requests. Bring your customer number.",
            "bg": "Практическо обучение: показания, сметки, заявления. Носете клиентския си номер.",
            "fi": "Käytännön koulutus: mittarilukemat, laskut, hakemukset. Ota asiakasnumerosi mukaan.",
        },
        "room": {"lt": "Kompiuterių klasė", "en": "Computer room", "bg": "Компютърна зала", "fi": "Tietokoneluokka"},
        "audience": {"lt": "Suaugusieji", "en": "Adults", "bg": "Възрастни", "fi": "Aikuiset"},
    },
    {
        "days": 20,
        "hour": 11,
        "minutes": 60,
        "branch": "centrine-biblioteka",
        "eservice": "utility-self-service",
        "partner": "lesto",
        "capacity": 30,
        "title": {
            "lt": "„ElektroMagija“: taupiai naudojame elektrą",
            "en": "“ElektroMagija”: using electricity wisely",
            "bg": "„ЕлектроМагия“: пестеливо използване на тока",
            "fi": "”ElektroMagija”: sähköä viisaasti",
        },
        "description": {
            "lt": "Renginys šeimoms: viktorinos ir konkursai vaikams, patarimai apie racionalų elektros vartojimą.",
            "en": "An event for families: quizzes and contests for children, tips on using electricity wisely.",
            "bg": "Събитие за семейства: викторини и конкурси за деца, съвети за разумно потребление на ток.",
            "fi": "Perhetapahtuma: visailuja ja kilpailuja lapsille, vinkkejä sähkön järkevään käyttöön.",
        },
        "room": {
            "lt": "Renginių ir parodų salė",
            "en": "Events and exhibition hall",
            "bg": "Зала за събития и изложби",
            "fi": "Tapahtuma- ja näyttelysali",
        },
        "audience": {"lt": "Šeimos su vaikais", "en": "Families", "bg": "Семейства с деца", "fi": "Lapsiperheet"},
    },
    {
        "days": 7,
        "hour": 10,
        "minutes": 120,
        "branch": "tilzes-10",
        "eservice": "e-employment-help",
        "partner": "",
        "capacity": 10,
        "title": {
            "lt": "Darbo paieška internete",
            "en": "Looking for a job online",
            "bg": "Търсене на работа онлайн",
            "fi": "Työnhaku verkossa",
        },
        "description": {
            "lt": "Skelbimų portalai, gyvenimo aprašymas ir registracija Užimtumo tarnyboje.",
            "en": "Job portals, your CV and registering with the Employment Service.",
            "bg": "Портали за обяви, автобиография и регистрация в службата по заетостта.",
            "fi": "Työpaikkaportaalit, ansioluettelo ja ilmoittautuminen työvoimapalveluun.",
        },
        "room": {"lt": "", "en": "", "bg": "", "fi": ""},
        "audience": {"lt": "Darbo ieškantys", "en": "Job seekers", "bg": "Търсещи работа", "fi": "Työnhakijat"},
    },
    {
        "days": 14,
        "hour": 15,
        "minutes": 90,
        "branch": "rusnes-filialas",
        "eservice": "e-health-help",
        "partner": "regional-health-inspectorates",
        "capacity": 8,
        "title": {
            "lt": "Patikima sveikatos informacija internete",
            "en": "Reliable health information online",
            "bg": "Надеждна здравна информация онлайн",
            "fi": "Luotettavaa terveystietoa verkosta",
        },
        "description": {
            "lt": "Kaip atskirti patikimus šaltinius ir užsiregistruoti pas gydytoją internetu.",
            "en": "How to tell reliable sources apart and book a doctor's appointment online.",
            "bg": "Как да разпознаваме надеждни източници и да си запишем час при лекар онлайн.",
            "fi": "Miten tunnistaa luotettavat lähteet ja varata lääkäriaika verkossa.",
        },
        "room": {"lt": "", "en": "", "bg": "", "fi": ""},
        "audience": {"lt": "Senjorai", "en": "Seniors", "bg": "Възрастни хора", "fi": "Seniorit"},
    },
    {
        "days": 30,
        "hour": 16,
        "minutes": 90,
        "branch": "centrine-biblioteka",
        "eservice": "e-government-taxes",
        "partner": "",
        "capacity": 10,
        "title": {
            "lt": "Pajamų deklaravimas internetu",
            "en": "Filing your tax return online",
            "bg": "Подаване на данъчна декларация онлайн",
            "fi": "Veroilmoitus verkossa",
        },
        "description": {
            "lt": "Žingsnis po žingsnio Elektroninio deklaravimo sistemoje.",
            "en": "Step by step in the Electronic Declaration System.",
            "bg": "Стъпка по стъпка в системата за електронно деклариране.",
            "fi": "Vaihe vaiheelta sähköisessä ilmoitusjärjestelmässä.",
        },
        "room": {"lt": "Kompiuterių klasė", "en": "Computer room", "bg": "Компютърна зала", "fi": "Tietokoneluokka"},
        "audience": {"lt": "Suaugusieji", "en": "Adults", "bg": "Възрастни", "fi": "Aikuiset"},
    },
]

# A past training with its attendance, so that the statistics page shows registrations and attendance:
# (days from today, number registered, number who came).
PAST_EVENT = {
    "days": -20,
    "hour": 14,
    "minutes": 90,
    "branch": "centrine-biblioteka",
    "eservice": "utility-self-service",
    "partner": "lesto",
    "capacity": 12,
    "registered": 9,
    "attended": 7,
    "title": {
        "lt": "Savitarnos svetainė manoelektra.lt pradedantiesiems",
        "en": "The manoelektra.lt self-service website for beginners",
        "bg": "Сайтът за самообслужване manoelektra.lt за начинаещи",
        "fi": "Itsepalvelusivusto manoelektra.lt aloittelijoille",
    },
    "description": {
        "lt": "Įvadiniai mokymai bibliotekos lankytojams.",
        "en": "An introductory training for library users.",
        "bg": "Въвеждащо обучение за потребителите на библиотеката.",
        "fi": "Johdantokoulutus kirjaston asiakkaille.",
    },
    "room": {"lt": "Kompiuterių klasė", "en": "Computer room", "bg": "Компютърна зала", "fi": "Tietokoneluokka"},
    "audience": {"lt": "Suaugusieji", "en": "Adults", "bg": "Възрастни", "fi": "Aikuiset"},
}
