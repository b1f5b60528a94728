"""Held-out phrasings for the planted-tag benchmark, written blind.

These literals were written by a helper who had NOT seen the tagger's lexicon
(``seed_data/lexicon.yaml``), the tagger itself, the benchmark's existing
phrasings, the seed data or the tests, and who never ran the tagger.  They come
only from general knowledge of the drone / unmanned-systems industry and of how
firms in Taiwan, Ukraine, Poland, Czechia and the US describe themselves on
their websites and in fair catalogues.  They therefore measure how the tagger
generalises to wording it was not tuned on.

Rules followed:

* Every phrasing is a noun phrase (no trailing period, no braces) so it can be
  dropped into frames such as "We provide {offer} for {app}." or
  "We need {need}.".
* English: three phrasings per capability / application (two for the
  English-only capabilities), differing in wording, not just word order.  At
  most one is the plain common name; the others use product-type names,
  jargon, specs ("640x512", "15 km") or plain words a firm would use.
* Polish, Ukrainian (Cyrillic) and traditional Chinese (Taiwanese usage, e.g.
  馬達, 雲台, 酬載, 辨識): one natural phrasing each, in the nominative so that
  it reads correctly after a colon or as a list item.
* National-language frames are built so that the inserted phrase stays in the
  nominative (catalogue style with colons or dashes), because Polish and
  Ukrainian would otherwise need the phrase inflected.
* Chinese frames have no spaces, as Taiwanese firms write them.
* SEEK_FRAMES["en"] includes indirect wordings with no "looking for",
  "seeking" or "need".
"""

from __future__ import annotations

CAPABILITIES: dict[str, dict[str, tuple[str, ...]]] = {
    "thermal-imagers": {
        "en": (
            "compact 384x288 thermal cameras for small UAVs",
            "uncooled 640x512 LWIR cores",
            "cooled MWIR imaging modules with continuous zoom",
        ),
        "pl": ("lekkie kamery termowizyjne do montażu na dronach",),
        "uk": ("тепловізійні модулі 640x512",),
        "zh": ("紅外線熱像儀模組",),
    },
    "brushless-motors": {
        "en": (
            "low-KV brushless motors for long-endurance fixed-wing UAVs",
            "BLDC outrunners for heavy-lift multirotors",
            "high-torque propulsion units with rare-earth-free magnets",
        ),
        "pl": ("silniki bezszczotkowe BLDC do wielowirnikowców",),
        "uk": ("безщіткові електродвигуни",),
        "zh": ("無人機用外轉子無刷馬達",),
    },
    "battery-packs": {
        "en": (
            "LiPo battery packs",
            "6S 22Ah smart batteries",
            "custom Li-ion power packs with integrated BMS",
        ),
        "pl": ("pakiety akumulatorów litowo-jonowych",),
        "uk": ("акумуляторні збірки для БпЛА",),
        "zh": ("無人機鋰電池組",),
    },
    "datalinks": {
        "en": (
            "long-range C-band datalink terminals",
            "encrypted COFDM video transmitters",
            "15 km mesh radios for telemetry and HD video",
        ),
        "pl": ("łącza transmisji obrazu i telemetrii",),
        "uk": ("канали передачі відео та телеметрії",),
        "zh": ("長距離影像數據鏈路",),
    },
    "anti-jamming-antennas": {
        "en": (
            "CRPA antennas",
            "anti-jam GPS antenna arrays",
            "4-element null-steering GNSS receivers",
        ),
        "pl": ("anteny antyzakłóceniowe GNSS",),
        "uk": ("завадостійкі антени CRPA",),
        "zh": ("抗干擾衛星導航天線",),
    },
    "gimbals": {
        "en": (
            "lightweight 2-axis camera gimbals for FPV and mapping drones",
            "3-axis EO/IR turrets",
            "gyro-stabilised camera pods with 30x optical zoom",
        ),
        "pl": ("stabilizowane głowice obserwacyjne",),
        "uk": ("гіростабілізовані підвіси для камер",),
        "zh": ("三軸穩定雲台",),
    },
    "flight-controllers": {
        "en": (
            "F7 flight controller boards with Betaflight and INAV firmware",
            "PX4-compatible autopilot hardware",
            "H7-based flight computers with redundant IMUs",
        ),
        "pl": ("kontrolery lotu z oprogramowaniem ArduPilot",),
        "uk": ("польотні контролери власної розробки для FPV-дронів",),
        "zh": ("多旋翼與固定翼飛控板",),
    },
    "target-recognition": {
        "en": (
            "automatic target recognition software for EO/IR video streams",
            "onboard AI object detection",
            "neural-network classification of vehicles and personnel",
        ),
        "pl": ("automatyczne rozpoznawanie celów",),
        "uk": ("розпізнавання цілей на основі штучного інтелекту",),
        "zh": ("AI目標辨識",),
    },
    "visual-navigation": {
        "en": (
            "visual navigation modules with downward-facing cameras",
            "GPS-free positioning by terrain matching",
            "camera-based odometry for GNSS-denied flight",
        ),
        "pl": ("nawigacja wizyjna w warunkach braku GNSS",),
        "uk": ("візуальна навігація без GNSS",),
        "zh": ("無GPS視覺導航",),
    },
    "terminal-guidance": {
        "en": (
            "add-on terminal guidance boards for strike drones",
            "lock-and-strike autonomy for FPV drones",
            "final-approach homing modules",
        ),
        "pl": ("autonomiczne naprowadzanie w końcowej fazie lotu",),
        "uk": ("модулі автонаведення на кінцевій ділянці траєкторії",),
        "zh": ("末端自主導引",),
    },
    "swarming": {
        "en": (
            "drone swarm control",
            "multi-UAV coordination software",
            "collaborative autonomy for groups of 50+ aircraft",
        ),
        "pl": ("sterowanie rojem dronów",),
        "uk": ("керування роєм дронів",),
        "zh": ("無人機蜂群控制",),
    },
    "ew-resilience-testing": {
        "en": (
            "GNSS jamming resilience tests in anechoic chambers",
            "jamming and spoofing trials on live ranges",
            "electronic warfare hardening assessments",
        ),
        "pl": ("testy odporności na walkę elektroniczną",),
        "uk": ("випробування на стійкість до РЕБ",),
        "zh": ("電子戰抗干擾測試",),
    },
    "payload-integration": {
        "en": (
            "payload integration services for fixed-wing and VTOL platforms",
            "sensor fitting on customer airframes",
            "mechanical and electrical mounting of mission equipment",
        ),
        "pl": ("integracja ładunków użytecznych",),
        "uk": ("інтеграція корисного навантаження на платформи замовника",),
        "zh": ("客製化酬載整合服務",),
    },
    "airworthiness-certification": {
        "en": (
            "airworthiness certification support for military UAS",
            "type certificate support",
            "STANAG 4703 compliance documentation",
        ),
        "pl": ("certyfikacja zdatności do lotu",),
        "uk": ("сертифікація льотної придатності",),
        "zh": ("無人機適航認證輔導",),
    },
    "operator-training": {
        "en": (
            "certified drone operator training with simulator hours",
            "FPV piloting bootcamps on simulators and live ranges",
            "instructor-led UAS crew instruction",
        ),
        "pl": ("szkolenia operatorów dronów",),
        "uk": ("навчання операторів БпЛА",),
        "zh": ("無人機飛手訓練",),
    },
    "field-repair": {
        "en": (
            "on-site field repair of drones and ground stations",
            "mobile repair workshops",
            "frontline MRO of damaged airframes",
        ),
        "pl": ("serwis i naprawy polowe dronów",),
        "uk": ("польовий ремонт дронів",),
        "zh": ("無人機野戰維修",),
    },
    "environmental-testing": {
        "en": (
            "environmental testing to DO-160 in our in-house lab",
            "vibration and shock qualification to MIL-STD-810",
            "climatic chamber tests from -40 to +70 °C",
        ),
        "pl": ("badania środowiskowe i wibracyjne",),
        "uk": ("кліматичні та вібраційні випробування",),
        "zh": ("環境可靠度測試",),
    },
    "c2-integration": {
        "en": (
            "C2 integration via MAVLink and Cursor-on-Target",
            "battle-management system interfaces",
            "plug-ins for Delta and other situational awareness networks",
        ),
        "pl": ("integracja z systemami dowodzenia i kierowania",),
        "uk": ("інтеграція з системами управління та ситуаційної обізнаності",),
        "zh": ("C2指管系統整合",),
    },
    "carbon-fibre-structures": {
        "en": (
            "carbon fibre airframe parts",
            "prepreg composite arms and fuselage shells",
        ),
    },
    "cnc-machining": {
        "en": (
            "5-axis CNC machining of aluminium and titanium parts",
            "precision-milled aluminium housings",
        ),
    },
    "us-market-access": {
        "en": (
            "US market entry",
            "distribution through American defence resellers",
        ),
    },
    "nato-procurement": {
        "en": (
            "NATO tender support",
            "help with government procurement bids via NSPA",
        ),
    },
}

APPLICATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "maritime": {
        "en": (
            "naval strike",
            "uncrewed surface vessels in the Black Sea",
            "maritime drone operations",
        ),
        "pl": ("operacje morskie z wykorzystaniem dronów nawodnych",),
        "uk": ("ударні операції морських дронів на Чорному морі",),
        "zh": ("海上無人艇",),
    },
    "interception": {
        "en": (
            "interception of Shahed-type drones",
            "counter-UAS against one-way attack drones",
            "air defence against kamikaze UAVs",
        ),
        "pl": ("przechwytywanie dronów typu Shahed",),
        "uk": ("перехоплення шахедів",),
        "zh": ("攔截自殺式無人機",),
    },
    "artillery": {
        "en": (
            "artillery spotting",
            "fire correction for howitzer batteries",
            "counter-battery reconnaissance",
        ),
        "pl": ("korygowanie ognia artylerii",),
        "uk": ("коригування артилерійського вогню",),
        "zh": ("砲兵射擊修正",),
    },
    "border": {
        "en": (
            "border surveillance",
            "frontier patrols",
            "monitoring of the EU's eastern border",
        ),
        "pl": ("ochrona granicy państwowej",),
        "uk": ("охорона державного кордону",),
        "zh": ("邊境監控",),
    },
    "demining": {
        "en": (
            "humanitarian demining",
            "landmine detection",
            "minefield and UXO clearance",
        ),
        "pl": ("wykrywanie min i rozminowanie",),
        "uk": ("гуманітарне розмінування",),
        "zh": ("地雷探測",),
    },
    "power-lines": {
        "en": (
            "power line inspection",
            "overhead transmission line patrols",
            "corridor checks for grid operators",
        ),
        "pl": ("inspekcja linii energetycznych",),
        "uk": ("обстеження ліній електропередачі",),
        "zh": ("電力線巡檢",),
    },
    "agriculture": {
        "en": (
            "crop spraying",
            "precision agriculture",
            "plant protection on large farms",
        ),
        "pl": ("rolnictwo precyzyjne",),
        "uk": ("обприскування посівів",),
        "zh": ("農業植保",),
    },
    "rescue": {
        "en": (
            "search and rescue",
            "locating missing persons",
            "mountain SAR operations",
        ),
        "pl": ("akcje poszukiwawczo-ratownicze",),
        "uk": ("пошуково-рятувальні операції",),
        "zh": ("搜救任務",),
    },
    "wildfire": {
        "en": (
            "wildfire detection",
            "forest fire surveillance",
            "aerial firefighting support",
        ),
        "pl": ("wykrywanie pożarów lasów",),
        "uk": ("виявлення лісових пожеж",),
        "zh": ("森林火災偵測",),
    },
    "logistics": {
        "en": (
            "front-line resupply",
            "cargo delivery",
            "last-mile logistics to forward positions",
        ),
        "pl": ("dostawy zaopatrzenia na linię frontu",),
        "uk": ("доставка вантажів на передові позиції",),
        "zh": ("前線物資運補",),
    },
    "pipelines": {
        "en": (
            "pipeline patrol",
            "oil and gas pipeline monitoring",
            "leak detection along gas transmission routes",
        ),
        "pl": ("monitoring rurociągów",),
        "uk": ("патрулювання нафто- та газопроводів",),
        "zh": ("油氣管線巡檢",),
    },
    "mapping": {
        "en": (
            "photogrammetry",
            "aerial surveying",
            "orthophoto and 3D terrain models",
        ),
        "pl": ("pomiary fotogrametryczne",),
        "uk": ("аерофотозйомка та картографування",),
        "zh": ("無人機航測",),
    },
    "harbours": {
        "en": (
            "port security",
            "harbour perimeter protection",
            "surveillance of container terminals",
        ),
        "pl": ("ochrona portów morskich",),
        "uk": ("охорона морських портів",),
        "zh": ("港口安全監控",),
    },
    "traffic": {
        "en": (
            "road traffic monitoring",
            "motorway incident surveillance",
            "traffic flow analysis",
        ),
        "pl": ("monitoring ruchu drogowego",),
        "uk": ("моніторинг дорожнього руху",),
        "zh": ("道路交通監測",),
    },
    "wildlife": {
        "en": (
            "wildlife monitoring",
            "anti-poaching patrols",
            "animal population counts",
        ),
        "pl": ("obserwacja i liczenie dzikich zwierząt",),
        "uk": ("моніторинг дикої природи",),
        "zh": ("野生動物監測",),
    },
    "construction": {
        "en": (
            "construction site monitoring",
            "progress tracking on building sites",
            "progress reporting for infrastructure projects",
        ),
        "pl": ("monitoring placów budowy",),
        "uk": ("моніторинг будівельних майданчиків",),
        "zh": ("工地進度監控",),
    },
    "media": {
        "en": (
            "aerial filming",
            "live TV broadcast",
            "cinematography for film productions",
        ),
        "pl": ("filmowanie z powietrza",),
        "uk": ("аерозйомка для телебачення та кіно",),
        "zh": ("空拍影視製作",),
    },
    "mining": {
        "en": (
            "quarry surveying",
            "open-pit mine volumetrics",
            "stockpile measurement at mines",
        ),
        "pl": ("pomiary w kopalniach odkrywkowych",),
        "uk": ("маркшейдерські зйомки кар'єрів",),
        "zh": ("礦場測量",),
    },
    "railways": {
        "en": (
            "railway inspection",
            "track and catenary surveys",
            "rail infrastructure monitoring",
        ),
        "pl": ("inspekcja infrastruktury kolejowej",),
        "uk": ("обстеження залізничної інфраструктури",),
        "zh": ("鐵道設施巡檢",),
    },
    "hospitals": {
        "en": (
            "medical deliveries between hospitals",
            "blood and lab sample transport",
            "urgent healthcare logistics",
        ),
        "pl": ("transport medyczny między szpitalami",),
        "uk": ("доставка медичних вантажів між лікарнями",),
        "zh": ("醫院間醫療物資運送",),
    },
}

OFFER_FRAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "We design and build {offer} for {app}.",
        "{offer_cap} for {app}, developed and manufactured in-house.",
        "Our portfolio includes {offer}, with a focus on {app}.",
        "The company supplies {offer} to end users working on {app}.",
        "Since our founding we have delivered {offer} used in {app}.",
        "Main products: {offer}, field-proven in {app}.",
    ),
    "pl": (
        "W ofercie firmy: {offer}. Główny obszar zastosowań: {app}.",
        "{offer_cap} to nasza specjalność – realizujemy projekty m.in. w zakresie: {app}.",
    ),
    "uk": (
        "Розробляємо та виробляємо: {offer}. Сфера застосування: {app}.",
        "{offer_cap} — наш основний напрям; застосування: {app}.",
    ),
    "zh": (
        "本公司專注於{app}領域，自主研發並生產{offer}。",
        "提供{offer}，廣泛應用於{app}。",
    ),
}

SEEK_FRAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "We are looking for partners who can supply {need}.",
        "Seeking a reliable, non-red source of {need}.",
        "We need {need} for our next production batch.",
        "Our current bottleneck is {need}.",
        "{need_cap} from a non-Chinese supplier would let us scale up.",
        "We would welcome a partner able to provide {need}.",
        "Interested in cooperation with firms offering {need}.",
    ),
    "pl": (
        "Poszukujemy partnera w zakresie: {need}.",
        "{need_cap} – szukamy sprawdzonego dostawcy spoza Chin.",
        "Jesteśmy zainteresowani współpracą w obszarze: {need}.",
    ),
    "uk": (
        "Шукаємо партнерів за напрямом: {need}.",
        "Потребуємо: {need}.",
        "{need_cap} — відкриті до співпраці з постачальниками з країн НАТО.",
    ),
    "zh": (
        "誠徵{need}合作夥伴。",
        "希望尋找可提供{need}的國際廠商。",
        "本公司目前需要{need}，歡迎洽談合作。",
    ),
}

FILLERS: dict[str, tuple[str, ...]] = {
    "en": (
        "Founded in {year}, the company employs {staff} people.",
        "We have been in business since {year} and have a team of {staff}.",
        "{staff} engineers and technicians, operating since {year}.",
    ),
    "pl": ("Firma działa od {year} roku i zatrudnia {staff} pracowników.",),
    "uk": ("Компанія працює з {year} року, у штаті {staff} фахівців.",),
    "zh": ("公司成立於{year}年，現有員工{staff}人。",),
}

AND: dict[str, str] = {
    "en": " and ",
    "pl": " i ",
    "uk": " та ",
    "zh": "與",
}
