"""Planted phrasings for a one-time, final evaluation of the keyword tagger.

These phrasings were written *blind*: their author never saw the tagger's
lexicon, the seed data, the data generator, nor any phrasing the existing
planted registries or held-out sets use. They are meant to measure how the
tagger generalises to the way real drone and unmanned-systems firms in Taiwan,
Ukraine, Poland, Czechia and the US describe themselves on websites, LinkedIn
posts and fair catalogue entries.

This set is to be evaluated exactly ONCE. Do not tune the lexicon against it,
and do not re-run it after changing the tagger; write a new blind set instead.

Rules followed when writing them:

* Natural phrasing as firms actually write it: concrete, varied, with jargon,
  product-type names and specs; the textbook or slug name of an item is
  avoided, so every phrasing is one a firm would plausibly use but a short
  keyword list might not contain verbatim.
* Capabilities: three differently worded English phrasings per slug, plus one
  each in Polish, Ukrainian (Cyrillic) and traditional Chinese as Taiwanese
  firms write it; four slugs are English-only with two phrasings each.
* Applications: three English phrasings per key, plus one each in pl, uk, zh.
* Phrasings are noun phrases (inserted into frames): no trailing period, no
  braces.
* OFFER_FRAMES carry {offer} or {offer_cap}, and {app}; SEEK_FRAMES carry
  {need} or {need_cap}. Several seek frames are phrased indirectly (no
  "looking for" / "seeking" / "need" / "search" wording or translations).
  Polish and Ukrainian frames put the inserted phrase after a colon or in a
  position where its base (nominative) form stays grammatical.
* FILLERS carry {year} and {staff}; AND gives the word that joins two noun
  phrases in each language.
"""

from __future__ import annotations

CAPABILITIES: dict[str, dict[str, tuple[str, ...]]] = {
    "thermal-imagers": {
        "en": (
            "uncooled LWIR microbolometer cores (640×512, 12 µm)",
            "radiometric infrared camera modules for night ISR",
            "VOx sensor engines with shutterless NUC",
        ),
        "pl": ("niechłodzone moduły mikrobolometryczne LWIR 640×512",),
        "uk": ("неохолоджувані мікроболометричні модулі LWIR 640×512",),
        "zh": ("非製冷式紅外線熱像機芯（640×512）",),
    },
    "brushless-motors": {
        "en": (
            "outrunner BLDC motors for 7- to 10-inch FPV frames",
            "low-KV heavy-lift propulsion units in the 6215 class",
            "sensorless outrunners with N52 magnets sourced outside the PRC",
        ),
        "pl": ("silniki BLDC typu outrunner do platform wielowirnikowych",),
        "uk": ("мотори з зовнішнім ротором для FPV-рам 7–10 дюймів",),
        "zh": ("外轉子BLDC動力馬達",),
    },
    "battery-packs": {
        "en": (
            "6S/12S Li-ion power packs with smart BMS",
            "high-C LiPo flight batteries built from non-Chinese cells",
            "hot-swappable energy modules for long-endurance UAVs",
        ),
        "pl": ("akumulatory litowo-jonowe 12S z własnym systemem BMS",),
        "uk": ("акумуляторні збірки 6S/12S з BMS для БпЛА",),
        "zh": ("高放電率鋰聚合物動力電池模組（6S/12S，含BMS）",),
    },
    "datalinks": {
        "en": (
            "COFDM video downlinks with 30 km range",
            "encrypted MIMO mesh radios for UAV command and telemetry",
            "long-range digital HD transmission systems for air-to-ground use",
        ),
        "pl": ("cyfrowe modemy radiowe COFDM do przesyłu obrazu HD i telemetrii",),
        "uk": ("цифрові радіомодеми COFDM для передачі відео й телеметрії",),
        "zh": ("長距離加密影像與遙測傳輸模組",),
    },
    "anti-jamming-antennas": {
        "en": (
            "CRPA arrays for GPS/Galileo",
            "adaptive beam-nulling GNSS receivers for contested airspace",
            "controlled-reception pattern antennas with 4-element beamforming",
        ),
        "pl": ("anteny CRPA z adaptacyjnym tłumieniem zakłóceń GNSS",),
        "uk": ("CRPA-антени з адаптивним придушенням завад GPS/Galileo",),
        "zh": ("多陣元自適應調零GNSS天線",),
    },
    "gimbals": {
        "en": (
            "three-axis stabilised EO/IR turrets",
            "dual-sensor pan-tilt payload heads with 30× optical zoom",
            "gyro-stabilised camera mounts for fixed-wing ISR",
        ),
        "pl": ("trzyosiowe stabilizowane głowice obserwacyjne EO/IR",),
        "uk": ("гіростабілізовані триосьові оптико-електронні підвіси",),
        "zh": ("三軸增穩光電吊艙",),
    },
    "flight-controllers": {
        "en": (
            "NDAA-compliant autopilot boards running PX4/ArduPilot",
            "STM32H7-based FC stacks with integrated ESCs",
            "triple-redundant flight management computers for VTOL",
        ),
        "pl": ("autopiloty zgodne z NDAA oparte na PX4 i ArduPilot",),
        "uk": ("плати автопілота на базі ArduPilot/PX4 без китайської елементної бази",),
        "zh": ("符合NDAA規範的自駕儀主板（支援PX4/ArduPilot）",),
    },
    "target-recognition": {
        "en": (
            "onboard neural-network detection and classification of armour and personnel",
            "edge-AI object classifiers trained on frontline footage",
            "automatic identification of vehicles and emplacements in EO/IR video",
        ),
        "pl": ("pokładowa detekcja i klasyfikacja obiektów z użyciem sieci neuronowych",),
        "uk": ("автоматична класифікація бронетехніки та живої сили нейромережею на борту",),
        "zh": ("機載邊緣AI影像分析（車輛、人員自動偵測分類）",),
    },
    "visual-navigation": {
        "en": (
            "GPS-denied positioning by terrain matching",
            "scene-matching position fixes against orthophoto maps",
            "camera-based odometry for flight without satellite signals",
        ),
        "pl": ("określanie pozycji przez dopasowanie obrazu z kamery do ortofotomapy",),
        "uk": ("визначення координат зіставленням відео з цифровою картою місцевості без GPS",),
        "zh": ("衛星訊號受干擾時的影像比對定位技術",),
    },
    "terminal-guidance": {
        "en": (
            "last-mile autonomous lock-on for FPV strike drones",
            "pixel-lock homing modules that keep tracking after link loss",
            "final-approach seeker software for loitering munitions",
        ),
        "pl": ("moduły autocelowania dla dronów FPV działające po zerwaniu łącza",),
        "uk": ("модулі автодоведення для FPV, що працюють після втрати зв’язку",),
        "zh": ("斷訊後仍可自主鎖定並追擊目標的FPV模組",),
    },
    "swarming": {
        "en": (
            "multi-UAV collaborative autonomy",
            "one-operator-many-drones mission software",
            "decentralised group flight coordination for 50+ airframes",
        ),
        "pl": ("oprogramowanie do sterowania grupą bezzałogowców przez jednego operatora",),
        "uk": ("програмне забезпечення для керування групою дронів одним оператором",),
        "zh": ("多機協同編隊控制軟體",),
    },
    "ew-resilience-testing": {
        "en": (
            "jamming and spoofing trials in a shielded RF range",
            "validation of UAV links under realistic hostile interference",
            "GNSS spoofing stress tests before frontline deployment",
        ),
        "pl": ("próby odporności na zagłuszanie i spoofing GNSS w warunkach poligonowych",),
        "uk": ("полігонні випробування під реальним глушінням і спуфінгом",),
        "zh": ("GNSS干擾與欺騙環境下的飛行驗證",),
    },
    "payload-integration": {
        "en": (
            "mounting and wiring third-party sensors onto customer airframes",
            "mission-kit adaptation for existing UAV platforms",
            "mechanical and electrical fit-out of EO/IR, LiDAR and SIGINT packages",
        ),
        "pl": ("adaptacja płatowców klienta pod zewnętrzne sensory i wyposażenie misyjne",),
        "uk": ("адаптація сторонніх сенсорів і модулів під платформи замовника",),
        "zh": ("客戶機體之感測器掛載與介面整合",),
    },
    "airworthiness-certification": {
        "en": (
            "STANAG 4671/4703 compliance dossiers",
            "guidance through EASA specific-category authorisation and SORA",
            "military flight-clearance documentation packages",
        ),
        "pl": ("przygotowanie wniosków do ULC i analiz SORA dla operacji w kategorii szczególnej",),
        "uk": ("супровід допуску БпЛА до експлуатації за STANAG 4703",),
        "zh": ("民航局遙控無人機型式檢驗輔導",),
    },
    "operator-training": {
        "en": (
            "FPV pilot courses from simulator to live flights",
            "instructor-led crew qualification for tactical UAS",
            "train-the-trainer programmes for unmanned-system crews",
        ),
        "pl": ("kursy dla pilotów bezzałogowców od symulatora po loty w terenie",),
        "uk": ("курси для екіпажів ударних дронів від симулятора до бойових вильотів",),
        "zh": ("無人機飛手養成課程（模擬器至實飛）",),
    },
    "field-repair": {
        "en": (
            "forward-deployed maintenance teams",
            "front-line MRO for damaged airframes",
            "mobile workshops that return downed drones to service within 48 h",
        ),
        "pl": ("mobilne warsztaty przywracające uszkodzone drony do służby blisko linii frontu",),
        "uk": ("мобільні ремонтні майстерні поблизу лінії фронту",),
        "zh": ("前進部署的機動維保與現地快速修復",),
    },
    "environmental-testing": {
        "en": (
            "MIL-STD-810H qualification campaigns",
            "shake-table, thermal-shock and humidity chamber trials",
            "DO-160 qualification of avionics and airborne equipment",
        ),
        "pl": ("badania kwalifikacyjne wg MIL-STD-810H (wibracje, szok termiczny, wilgotność)",),
        "uk": ("кваліфікаційні випробування за MIL-STD-810H (вібрація, термоудар, вологість)",),
        "zh": ("MIL-STD-810H振動、溫濕度與衝擊驗證",),
    },
    "c2-integration": {
        "en": (
            "pushing UAV video and tracks into Delta and other situational-awareness suites",
            "STANAG 4586 interoperability with NATO C4ISR",
            "common-operational-picture connectivity for unmanned assets",
        ),
        "pl": ("podłączenie danych z BSP do systemów kierowania ogniem i świadomości sytuacyjnej, np. Topaz",),
        "uk": ("передача даних з дронів у систему ситуаційної обізнаності Delta",),
        "zh": ("無人機情資介接指管通情系統",),
    },
    # English only.
    "carbon-fibre-structures": {
        "en": (
            "autoclave-cured prepreg airframe parts",
            "CFRP arms, booms and fuselage shells",
        ),
    },
    "cnc-machining": {
        "en": (
            "5-axis milled aluminium housings",
            "precision-turned motor mounts and fittings in 7075",
        ),
    },
    "us-market-access": {
        "en": (
            "a route to American defence buyers",
            "distribution and channel partnerships stateside",
        ),
    },
    "nato-procurement": {
        "en": (
            "bid support for NSPA and national MoD tenders",
            "help navigating alliance acquisition rules and NCAGE registration",
        ),
    },
}

APPLICATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "maritime": {
        "en": (
            "unmanned surface vessels for Black Sea strike missions",
            "anti-ship one-way attack boats",
            "coastal strike with uncrewed boats",
        ),
        "pl": ("bezzałogowe jednostki nawodne do zadań uderzeniowych na morzu",),
        "uk": ("безекіпажні катери для ударів по кораблях у Чорному морі",),
        "zh": ("海上無人攻擊艇",),
    },
    "interception": {
        "en": (
            "countering Shahed-type one-way attack drones",
            "hunter drones for downing Geran loitering munitions",
            "cheap hard-kill answers to kamikaze UAVs over cities",
        ),
        "pl": ("niszczenie nadlatujących Shahedów tanimi dronami",),
        "uk": ("полювання на шахеди дронами-винищувачами",),
        "zh": ("低成本反制Shahed型自殺無人機",),
    },
    "artillery": {
        "en": (
            "spotting for howitzer batteries",
            "fire correction for 155 mm guns",
            "counter-battery reconnaissance and shell-impact adjustment",
        ),
        "pl": ("rozpoznanie i korekta ognia dla dywizjonów Krab",),
        "uk": ("розвідка та коригування для гаубичних батарей",),
        "zh": ("火砲彈著觀測與修正",),
    },
    "border": {
        "en": (
            "round-the-clock overwatch of the EU's eastern boundary",
            "detection of illegal crossings from Belarus",
            "perimeter patrols for state frontier guards",
        ),
        "pl": ("patrolowanie wschodniego odcinka granicy dla Straży Granicznej",),
        "uk": ("патрулювання прикордонної смуги",),
        "zh": ("邊境與海岸線巡邏監視",),
    },
    "demining": {
        "en": (
            "UXO and landmine detection from the air",
            "clearing explosive remnants from farmland",
            "humanitarian mine action surveys",
        ),
        "pl": ("wykrywanie min i niewybuchów z powietrza",),
        "uk": ("пошук мін і нерозірваних боєприпасів на сільгоспугіддях",),
        "zh": ("地雷與未爆彈偵測",),
    },
    "power-lines": {
        "en": (
            "HV grid corridor patrols",
            "insulator and conductor checks for utilities",
            "transmission tower surveys for network operators",
        ),
        "pl": ("przeglądy sieci przesyłowych wysokiego napięcia",),
        "uk": ("обстеження ЛЕП і підстанцій",),
        "zh": ("台電輸配電線路巡檢",),
    },
    "agriculture": {
        "en": (
            "variable-rate spraying of orchards and vineyards",
            "crop-health scouting with multispectral imagery",
            "plant protection flights for large farms",
        ),
        "pl": ("precyzyjne opryski sadów i upraw polowych",),
        "uk": ("внесення засобів захисту рослин з повітря",),
        "zh": ("農業植保噴灑",),
    },
    "rescue": {
        "en": (
            "locating missing hikers in the mountains",
            "SAR support for mountain rescue teams and coast guards",
            "finding people under rubble after earthquakes",
        ),
        "pl": ("odnajdywanie zaginionych w górach i na terenach zalanych",),
        "uk": ("пошук зниклих людей після обстрілів і повеней",),
        "zh": ("山難與災後搜救",),
    },
    "wildfire": {
        "en": (
            "early detection of forest blazes",
            "hotspot tracking for fire brigades",
            "aerial support to crews fighting bush and peat fires",
        ),
        "pl": ("wczesne wykrywanie zarzewi pożarów w lasach",),
        "uk": ("раннє виявлення осередків загоряння в лісах",),
        "zh": ("森林火災早期偵測",),
    },
    "logistics": {
        "en": (
            "last-mile resupply of frontline units",
            "heavy-lift drops of ammunition and water to forward positions",
            "parcel flights to remote islands",
        ),
        "pl": ("dostawy zaopatrzenia na pierwszą linię",),
        "uk": ("доставка боєкомплекту та провізії на позиції",),
        "zh": ("離島物資運補",),
    },
    "pipelines": {
        "en": (
            "leak detection along gas mains",
            "right-of-way patrols for crude oil trunk lines",
            "methane surveys over midstream infrastructure",
        ),
        "pl": ("monitoring tras gazociągów i ropociągów",),
        "uk": ("патрулювання трас магістральних газопроводів",),
        "zh": ("油氣管線巡查",),
    },
    "mapping": {
        "en": (
            "orthophoto and DSM production",
            "cadastral and topographic data capture with RTK/PPK accuracy",
            "LiDAR point-cloud acquisition for GIS",
        ),
        "pl": ("naloty fotogrametryczne i numeryczne modele terenu",),
        "uk": ("аерофотознімання для створення ортофотопланів",),
        "zh": ("正射影像與數值地形模型製作",),
    },
    "harbours": {
        "en": (
            "perimeter protection of seaports and terminals",
            "waterside security for naval bases and container quays",
            "anchorage and quay surveillance",
        ),
        "pl": ("ochrona nabrzeży i terminali w portach Gdańska i Gdyni",),
        "uk": ("охорона портової інфраструктури Одеси",),
        "zh": ("商港與軍港周界防護",),
    },
    "traffic": {
        "en": (
            "congestion and incident monitoring on motorways",
            "road-traffic flow analytics for city authorities",
            "accident-scene documentation for highway police",
        ),
        "pl": ("nadzór nad natężeniem ruchu i zdarzeniami na autostradach",),
        "uk": ("контроль заторів і ДТП на автошляхах",),
        "zh": ("國道車流與事故監看",),
    },
    "wildlife": {
        "en": (
            "anti-poaching patrols in game reserves",
            "animal census and habitat surveys",
            "tracking of bison and wolf populations",
        ),
        "pl": ("inwentaryzacja zwierzyny i ochrona przyrody w parkach narodowych",),
        "uk": ("облік диких тварин і боротьба з браконьєрством",),
        "zh": ("野生動物調查與保育巡護",),
    },
    "construction": {
        "en": (
            "progress tracking on building sites",
            "earthworks volumetrics for contractors",
            "BIM-linked as-built capture for general contractors",
        ),
        "pl": ("dokumentowanie postępu robót na budowach",),
        "uk": ("контроль ходу будівельних робіт",),
        "zh": ("營建工地進度監測",),
    },
    "media": {
        "en": (
            "cinema-grade footage for film and TV productions",
            "live coverage of sports events from above",
            "real-estate and advertising videography",
        ),
        "pl": ("zdjęcia lotnicze dla telewizji, kina i reklamy",),
        "uk": ("аерозйомка для телебачення та кіно",),
        "zh": ("影視空拍與賽事直播",),
    },
    "mining": {
        "en": (
            "stockpile volumetrics at aggregate pits",
            "open-pit bench and haul-road models",
            "blast monitoring at opencast sites",
        ),
        "pl": ("pomiary hałd i wyrobisk w kopalniach odkrywkowych",),
        "uk": ("маркшейдерська зйомка кар’єрів",),
        "zh": ("礦區與採石場測量",),
    },
    "railways": {
        "en": (
            "track and catenary inspections",
            "rail infrastructure condition surveys",
            "monitoring of level crossings and embankments along rail corridors",
        ),
        "pl": ("inspekcje torowisk i sieci trakcyjnej",),
        "uk": ("обстеження колії та контактної мережі Укрзалізниці",),
        "zh": ("台鐵軌道與電車線巡檢",),
    },
    "hospitals": {
        "en": (
            "blood and lab-sample shuttles between clinics",
            "urgent transport of medicines between medical centres",
            "specimen delivery flights for healthcare networks",
        ),
        "pl": ("przewóz próbek krwi i leków między placówkami medycznymi",),
        "uk": ("доставка крові й ліків між медичними закладами",),
        "zh": ("醫療院所間的檢體與血液運送",),
    },
}

OFFER_FRAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "Core business: {offer}, fielded mainly for {app}.",
        "We design and build {offer} for use in {app}.",
        "Our engineers deliver {offer}, with most deployments in {app}.",
        "Since our first contract we have supplied {offer} to operators working on {app}.",
        "{offer_cap} — proven in {app} and available for export.",
        "The company develops {offer}; its main field of use is {app}.",
    ),
    "pl": (
        "W ofercie: {offer}. Główne zastosowanie: {app}.",
        "Firma dostarcza rozwiązania z zakresu: {offer} – z myślą o zastosowaniach takich jak {app}.",
    ),
    "uk": (
        "Наша спеціалізація: {offer}. Основний напрям застосування: {app}.",
        "Розробляємо та постачаємо: {offer}; досвід застосування — {app}.",
    ),
    "zh": (
        "本公司專注於{offer}，主要應用於{app}。",
        "我們提供{offer}，已實際投入{app}等場域。",
    ),
}

SEEK_FRAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "We are looking for partners who can supply {need}.",
        "Seeking a reliable source of {need} for serial production.",
        "We need {need} to scale output next year.",
        "Open to cooperation with firms strong in {need}.",
        "Partners offering {need} are welcome to contact us.",
        "Interested in joint projects with companies that bring {need}.",
        "{need_cap} would complete our product line; introductions welcome.",
    ),
    "pl": (
        "Szukamy partnerów w obszarze: {need}.",
        "Potrzebujemy dostawców – zakres: {need}.",
        "Chętnie nawiążemy współpracę z firmami, które mają w ofercie: {need}.",
    ),
    "uk": (
        "Шукаємо партнерів за напрямом: {need}.",
        "Нам потрібні партнери в напрямі: {need}.",
        "Відкриті до співпраці з компаніями, що пропонують: {need}.",
    ),
    "zh": (
        "尋求{need}方面的合作夥伴。",
        "我們需要{need}的穩定供應來源。",
        "歡迎具備{need}能力的廠商與我們洽談合作。",
    ),
}

FILLERS: dict[str, tuple[str, ...]] = {
    "en": (
        "Founded in {year}, we employ {staff} people.",
        "A team of {staff} engineers and technicians, in business since {year}.",
        "Privately held since {year}; headcount {staff}.",
    ),
    "pl": ("Firma działa od {year} roku, liczba pracowników: {staff}.",),
    "uk": ("Працюємо з {year} року; кількість працівників: {staff}.",),
    "zh": ("公司成立於{year}年，現有員工{staff}人。",),
}

AND: dict[str, str] = {
    "en": " and ",
    "pl": " i ",
    "uk": " та ",
    "zh": "及",
}
