"""Planted-firm wording "final-2": phrasings written blind, evaluated once.

Methods note
------------
This module supplies the vocabulary from which the benchmark generator writes
fake self-descriptions of drone / unmanned-systems firms.  It exists to measure
how well the keyword tagger generalises to wording it was never tuned on, so it
was written under the following rules:

* Written blind.  The author did not open or grep the seed data, the tagger's
  dictionaries or scoring code, the tests, the member importer, or any other
  planted wording module, and did not search the web or code corpora for
  lists of drone phrasings.  Everything here comes from general knowledge of
  how firms in Taiwan, Ukraine, Poland, Czechia and the US describe themselves
  on websites, LinkedIn and defence-fair catalogues.
* The tagger was never run on these phrasings, except for one mechanical
  check: any phrasing that happened to equal a dictionary phrase of the
  tagger verbatim was rewritten (more naturally or more specifically) until
  no such phrasing remained.  No other tuning against the tagger was done.
* Evaluated once.  Results obtained with this wording are reported as they
  come out; the phrasings are not to be revised in response to scores.

Interface
---------
CAPABILITIES  slug -> language -> phrasings (noun phrases, no final period)
APPLICATIONS  key  -> language -> phrasings
OFFER_FRAMES  language -> frames with {offer}/{offer_cap} and {app}
SEEK_FRAMES   language -> frames with {need}/{need_cap}; at least half of them
              are phrased indirectly (no explicit "looking for"-type verbs)
FILLERS       language -> frames with {year} and {staff}
AND           language -> joiner between two noun phrases

Languages: "en", "pl", "uk" (Cyrillic), "zh" (traditional characters as used
by Taiwanese firms).  In Polish and Ukrainian frames the inserted phrase sits
where its nominative form is grammatical; Chinese sentences are joined
without spaces.
"""

from __future__ import annotations

CAPABILITIES: dict[str, dict[str, tuple[str, ...]]] = {
    # ------------------------------------------------------------------
    # Components (typically offered by Taiwanese suppliers)
    # ------------------------------------------------------------------
    "thermal-imagers": {
        "en": (
            "uncooled 640×512 VOx microbolometer cores with 12 µm pixel pitch",
            "compact LWIR camera modules sized for Group 1 airframes",
            "radiometric infrared engines with shutterless non-uniformity correction",
        ),
        "pl": ("niechłodzone moduły mikrobolometryczne 640×512 pracujące w paśmie LWIR",),
        "uk": ("мікроболометричні ядра LWIR з кроком пікселя 12 мкм",),
        "zh": ("非製冷型氧化釩微測輻射熱計機芯",),
    },
    "brushless-motors": {
        "en": (
            "outrunner motors from 2806 up to 4114 stator class, wound in-house",
            "high-KV BLDC propulsion sets with matched ESCs and props",
            "sealed IP55 heavy-lift multirotor drive units",
        ),
        "pl": ("napędy BLDC klasy 2807 do dronów FPV, nawijane we własnym zakresie",),
        "uk": ("мотори класу 2807 власного намотування для FPV-бортів",),
        "zh": ("外轉子BLDC動力馬達與配套電調",),
    },
    "battery-packs": {
        "en": (
            "high-C-rate LiPo packs built to the customer's voltage and connector spec",
            "6S and 12S lithium power modules with smart BMS and SMBus telemetry",
            "21700-cell energy packs for long-endurance VTOL platforms",
        ),
        "pl": ("zestawy ogniw litowo-polimerowych 6S/12S z własnym układem BMS",),
        "uk": ("збірки з елементів 21700 під напругу та роз'єми замовника",),
        "zh": ("高倍率鋰聚電芯模組與智慧電池管理系統",),
    },
    "datalinks": {
        "en": (
            "long-range digital video transmitters with AES-encrypted telemetry",
            "COFDM HD downlinks and MANET mesh radios",
            "frequency-hopping control and video links reaching 30 km and beyond",
        ),
        "pl": ("cyfrowe łącza wideo i telemetrii o zasięgu do 40 km z szyfrowaniem",),
        "uk": ("цифрові відеопередавачі та приймачі керування з перестроюванням частоти",),
        "zh": ("長距離數位圖傳與加密遙測電台",),
    },
    "anti-jamming-antennas": {
        "en": (
            "CRPA arrays that null interference on GPS L1/L2 and Galileo E1",
            "multi-element controlled-reception-pattern antennas for contested GNSS",
            "interference-nulling satnav antenna modules that bolt onto existing receivers",
        ),
        "pl": ("wieloelementowe anteny GPS tłumiące zakłócenia celowe",),
        "uk": ("завадостійкі антенні решітки CRPA для приймачів GPS/Galileo",),
        "zh": ("CRPA調零天線陣列",),
    },
    "gimbals": {
        "en": (
            "two- and three-axis stabilised EO/IR payload mounts",
            "lightweight pan-tilt camera heads with brushless stabilisation",
            "gyro-stabilised dual-sensor turrets under 800 g",
        ),
        "pl": ("stabilizowane głowice obserwacyjne EO/IR do montażu pod kadłubem",),
        "uk": ("стабілізовані підвіси для денних та тепловізійних камер",),
        "zh": ("雙光三軸增穩雲台",),
    },
    "flight-controllers": {
        "en": (
            "autopilot boards running ArduPilot and PX4 with triple-redundant IMUs",
            "H7-based FC stacks with an integrated 4-in-1 ESC",
            "NDAA-compliant autopilot hardware for fixed-wing and VTOL airframes",
        ),
        "pl": ("autopiloty zgodne z PX4 i ArduPilot z redundantnymi czujnikami IMU",),
        "uk": ("автопілоти на базі STM32H7 з прошивкою ArduPilot",),
        "zh": ("自主研發的自駕儀主板",),
    },
    # ------------------------------------------------------------------
    # R&D (typically offered by Ukrainian firms)
    # ------------------------------------------------------------------
    "target-recognition": {
        "en": (
            "onboard neural-network detection of armour, artillery pieces and personnel",
            "computer-vision models that classify vehicles in thermal and daylight video",
            "edge AI that picks out camouflaged equipment in real time",
        ),
        "pl": ("wykrywanie i klasyfikacja sprzętu wojskowego przez sieci neuronowe na pokładzie",),
        "uk": ("бортове розпізнавання техніки противника нейромережею",),
        "zh": ("以深度學習辨識裝甲車輛與人員的機載影像演算法",),
    },
    "visual-navigation": {
        "en": (
            "optical-flow and terrain-matching positioning for flight when satellite signals are denied",
            "camera-based odometry that keeps the aircraft on course with GPS jammed",
            "map-matching localisation from downward-looking camera frames",
        ),
        "pl": ("określanie pozycji na podstawie obrazu z kamery, bez sygnału GPS",),
        "uk": ("позиціонування за відеопотоком камери без супутникових сигналів",),
        "zh": ("無GPS環境下的視覺慣性定位技術",),
    },
    "terminal-guidance": {
        "en": (
            "last-mile homing modules that lock on and steer the drone into the target",
            "auto-lock for FPV strike drones that keeps working after the video link drops",
            "final-approach tracking and auto-aim software",
        ),
        "pl": ("moduł samonaprowadzania przejmujący drona na ostatnich kilkuset metrach",),
        "uk": ("модулі автозахоплення цілі для FPV на останніх сотнях метрів",),
        "zh": ("末段自動鎖定與導引攻擊模組",),
    },
    "swarming": {
        "en": (
            "cooperative autonomy that lets one operator fly a whole group of drones",
            "distributed mission planning for fleets of dozens of UAVs",
            "mesh-coordinated group flight with automatic task allocation",
        ),
        "pl": ("współdziałanie grup dronów sterowanych przez jednego operatora",),
        "uk": ("злагоджені дії зграї FPV-бортів під контролем одного пілота",),
        "zh": ("多機協同編隊控制",),
    },
    "ew-resilience-testing": {
        "en": (
            "test flights against live jammers and spoofers on our own range",
            "RF-hostile trials that measure how long links and navigation hold up",
            "survivability evaluation under GNSS spoofing and control-link suppression",
        ),
        "pl": ("próby odporności na zagłuszanie i spoofing na poligonie",),
        "uk": ("випробування дронів під дією РЕБ на полігоні",),
        "zh": ("電子戰干擾環境下的無人機抗擾測試",),
    },
    # ------------------------------------------------------------------
    # Expertise (typically offered by Polish firms)
    # ------------------------------------------------------------------
    "payload-integration": {
        "en": (
            "fitting third-party sensors onto existing airframes, including weight-and-balance and EMI checks",
            "adapting cameras, lidars and release mechanisms to customer platforms",
            "mechanical, electrical and software integration of mission equipment",
        ),
        "pl": ("dostosowanie kamer, lidarów i zrzutników do istniejących platform",),
        "uk": ("монтаж камер, скидачів і ретрансляторів на борти замовника з перевіркою центрування",),
        "zh": ("任務酬載機構設計與系統整合",),
    },
    "airworthiness-certification": {
        "en": (
            "type-certification dossiers and SORA risk assessments",
            "guidance through military flight-clearance approval",
            "compliance paperwork for EASA specific-category operations",
        ),
        "pl": ("przygotowanie dokumentacji do certyfikacji typu i analiz SORA",),
        "uk": ("супровід випробувань для отримання допуску до польотів",),
        "zh": ("適航認證文件準備與審查協助",),
    },
    "operator-training": {
        "en": (
            "pilot courses from basic VLOS to BVLOS, on simulators and live ranges",
            "instructor-led crew schooling for military and police units",
            "UAV pilot qualification programmes with exam preparation",
        ),
        "pl": ("kursy dla pilotów BVLOS i instruktorów jednostek mundurowych",),
        "uk": ("школа пілотів ударних та розвідувальних БпЛА",),
        "zh": ("遙控無人機專業操作證考照班",),
    },
    "field-repair": {
        "en": (
            "mobile workshops that put damaged airframes back in the air close to the front",
            "on-site servicing, spare-parts kits and depot-level overhaul",
            "forward maintenance teams for UAV fleets",
        ),
        "pl": ("serwis polowy i mobilne warsztaty naprawcze",),
        "uk": ("польовий ремонт і відновлення бортів безпосередньо в підрозділах",),
        "zh": ("前線機隊的現地維修與備品支援",),
    },
    "environmental-testing": {
        "en": (
            "climatic-chamber runs from -40 to +70 °C",
            "vibration, shock and humidity qualification to MIL-STD-810",
            "salt-fog, rain and temperature-cycling trials for airborne equipment",
        ),
        "pl": ("badania klimatyczne, wibracyjne i udarowe według MIL-STD-810",),
        "uk": ("кліматичні, вібраційні та ударні випробування",),
        "zh": ("溫濕度、振動與衝擊環境試驗",),
    },
    "c2-integration": {
        "en": (
            "feeding UAV video and telemetry into battle-management software",
            "interfacing unmanned platforms with command systems via STANAG 4586",
            "getting drones to talk to existing C4ISR networks",
        ),
        "pl": ("włączanie obrazu z bezzałogowców do systemów dowodzenia i kierowania",),
        "uk": ("підключення дронів до систем ситуаційної обізнаності на кшталт DELTA",),
        "zh": ("無人機與指揮管制系統的介接整合",),
    },
    # ------------------------------------------------------------------
    # English-only extras
    # ------------------------------------------------------------------
    "carbon-fibre-structures": {
        "en": (
            "autoclave-cured composite airframe parts and arms",
            "prepreg CFRP fuselages and wing spars",
        ),
    },
    "cnc-machining": {
        "en": (
            "five-axis milling of aluminium and titanium parts",
            "precision turned and milled components held to tight tolerances",
        ),
    },
    "us-market-access": {
        "en": (
            "introductions to American defense buyers and DoD programs of record",
            "a route into the United States, including ITAR and Blue UAS paperwork",
        ),
    },
    "nato-procurement": {
        "en": (
            "bidding on NSPA and alliance framework contracts",
            "support with government defence tenders across member states",
        ),
    },
}

APPLICATIONS: dict[str, dict[str, tuple[str, ...]]] = {
    "maritime": {
        "en": (
            "uncrewed surface vessel missions",
            "naval strike boats and other sea drones",
            "ship-launched reconnaissance over open water",
        ),
        "pl": ("działania na morzu i bezzałogowe jednostki nawodne",),
        "uk": ("морські безекіпажні катери",),
        "zh": ("海上無人艇任務",),
    },
    "interception": {
        "en": (
            "defeat of Shahed-type one-way attack drones",
            "counter-UAS hard kill",
            "drone-on-drone intercepts of incoming loitering munitions",
        ),
        "pl": ("zwalczanie dronów uderzeniowych typu Shahed",),
        "uk": ("перехоплення ударних дронів типу «Шахед»",),
        "zh": ("攔截來襲攻擊型無人機",),
    },
    "artillery": {
        "en": (
            "fire adjustment for gun and rocket batteries",
            "spotting for howitzer crews",
            "counter-battery target acquisition",
        ),
        "pl": ("korygowanie ognia artylerii",),
        "uk": ("коригування артилерійського вогню",),
        "zh": ("砲兵射擊修正",),
    },
    "border": {
        "en": (
            "monitoring of the eastern frontier",
            "border guard patrols",
            "green-border surveillance between crossing points",
        ),
        "pl": ("ochrona granicy wschodniej",),
        "uk": ("охорона державного кордону",),
        "zh": ("邊境巡邏監控",),
    },
    "demining": {
        "en": (
            "detection of landmines and UXO",
            "humanitarian mine clearance",
            "minefield survey with drone-borne magnetometers",
        ),
        "pl": ("rozpoznanie pól minowych i niewybuchów",),
        "uk": ("гуманітарне розмінування територій",),
        "zh": ("地雷與未爆彈偵測",),
    },
    "power-lines": {
        "en": (
            "inspection of high-voltage transmission lines",
            "utility grid patrols",
            "overhead line and pylon surveys",
        ),
        "pl": ("inspekcje linii wysokiego napięcia",),
        "uk": ("обстеження високовольтних ЛЕП",),
        "zh": ("高壓輸電線路巡檢",),
    },
    "agriculture": {
        "en": (
            "crop spraying",
            "precision farming",
            "orchard and field health monitoring",
        ),
        "pl": ("opryski i rolnictwo precyzyjne",),
        "uk": ("обприскування полів та точне землеробство",),
        "zh": ("農藥噴灑與精準農業",),
    },
    "rescue": {
        "en": (
            "locating missing persons",
            "mountain rescue operations",
            "SAR missions at sea",
        ),
        "pl": ("poszukiwanie osób zaginionych w górach",),
        "uk": ("пошук зниклих людей рятувальниками ДСНС",),
        "zh": ("山區搜救與失蹤人員協尋",),
    },
    "wildfire": {
        "en": (
            "early detection of forest fires",
            "firefighting support",
            "tracking fire fronts across burning forest and heathland",
        ),
        "pl": ("wykrywanie pożarów lasów",),
        "uk": ("виявлення та гасіння лісових пожеж",),
        "zh": ("森林火災偵測",),
    },
    "logistics": {
        "en": (
            "resupply of front-line positions",
            "parcel and cargo delivery",
            "last-mile delivery of spare parts",
        ),
        "pl": ("dostawy zaopatrzenia na pierwszą linię",),
        "uk": ("доставка боєкомплекту та провізії на позиції",),
        "zh": ("物資運補與貨物配送",),
    },
    "pipelines": {
        "en": (
            "oil and gas pipeline patrol",
            "leak detection along gas transmission routes",
            "right-of-way inspection for pipeline operators",
        ),
        "pl": ("patrole gazociągów i ropociągów",),
        "uk": ("моніторинг газо- та нафтопроводів",),
        "zh": ("油氣管線巡檢",),
    },
    "mapping": {
        "en": (
            "photogrammetry",
            "orthophoto and 3D model production",
            "cadastral and topographic survey",
        ),
        "pl": ("fotogrametria i ortofotomapy",),
        "uk": ("аерофотознімання та побудова ортофотопланів",),
        "zh": ("航空攝影測量與正射影像製作",),
    },
    "harbours": {
        "en": (
            "security of port basins and quays",
            "harbour perimeter patrol",
            "protection of seaports and container terminals",
        ),
        "pl": ("ochrona portów morskich i nabrzeży",),
        "uk": ("захист морських портів",),
        "zh": ("港區安全警戒",),
    },
    "traffic": {
        "en": (
            "observation of motorway congestion and accidents",
            "urban traffic flow analysis",
            "road traffic monitoring for police",
        ),
        "pl": ("obserwacja ruchu drogowego na autostradach",),
        "uk": ("моніторинг дорожнього руху",),
        "zh": ("道路車流監測",),
    },
    "wildlife": {
        "en": (
            "anti-poaching patrols",
            "wildlife census work",
            "counting deer and bison in national parks",
        ),
        "pl": ("liczenie zwierzyny i ochrona przed kłusownictwem",),
        "uk": ("облік диких тварин у заповідниках",),
        "zh": ("野生動物調查與反盜獵",),
    },
    "construction": {
        "en": (
            "construction progress tracking",
            "earthworks volume checks on building sites",
            "weekly flyovers of road and bridge building projects",
        ),
        "pl": ("monitoring postępu prac na budowach",),
        "uk": ("контроль будівельних об'єктів",),
        "zh": ("工地進度監控",),
    },
    "media": {
        "en": (
            "aerial cinematography",
            "live broadcast of sports events",
            "film and TV production",
        ),
        "pl": ("zdjęcia lotnicze dla telewizji i filmu",),
        "uk": ("аерозйомка для телебачення та кіно",),
        "zh": ("空拍影視製作",),
    },
    "mining": {
        "en": (
            "open-pit mine surveys",
            "stockpile volumetrics in quarries",
            "blast planning and pit mapping",
        ),
        "pl": ("pomiary wyrobisk w kopalniach odkrywkowych",),
        "uk": ("маркшейдерські роботи в кар'єрах",),
        "zh": ("露天礦場與砂石場測量",),
    },
    "railways": {
        "en": (
            "track inspection",
            "railway infrastructure monitoring",
            "catenary and rail line surveys",
        ),
        "pl": ("inspekcje torowisk i sieci trakcyjnej",),
        "uk": ("огляд залізничних колій",),
        "zh": ("鐵道軌道巡檢",),
    },
    "hospitals": {
        "en": (
            "blood and lab-sample transport between hospitals",
            "medical deliveries between clinics",
            "urgent shipments of medicines between hospital sites",
        ),
        "pl": ("transport próbek i krwi między szpitalami",),
        "uk": ("доставка аналізів та ліків між лікарнями",),
        "zh": ("醫院間檢體與藥品運送",),
    },
}

OFFER_FRAMES: dict[str, tuple[str, ...]] = {
    "en": (
        "We supply {offer} for {app}.",
        "Our engineers design and produce {offer}, with a focus on {app}.",
        "The company's portfolio covers {offer}; typical deployments are in {app}.",
        "Main offer: {offer}. Typical use case: {app}.",
        "Since our first contracts we have specialised in {offer}, mainly for {app}.",
        "Product line: {offer}, proven over hundreds of sorties in {app}.",
        "What we bring to a partnership is {offer}, already tested in {app}.",
        "{offer_cap}: that is our core business, with most deliveries going to customers in {app}.",
        "We can provide {offer} to integrators working on {app}.",
    ),
    "pl": (
        "Oferujemy: {offer}. Główne zastosowanie: {app}.",
        "{offer_cap} – w tym się specjalizujemy. Najwięcej wdrożeń: {app}.",
        "Nasza oferta obejmuje następujące pozycje: {offer}. Obszar zastosowań: {app}.",
        "Dostarczamy klientom wojskowym i cywilnym: {offer}; typowy scenariusz użycia to {app}.",
        "Główny produkt firmy: {offer}, sprawdzony w zadaniach takich jak {app}.",
        "Specjalność zespołu: {offer}. Doświadczenie z projektów: {app}.",
        "W portfolio: {offer}. Sektor docelowy: {app}.",
        "Co możemy zaoferować partnerom? {offer_cap}, z myślą o zastosowaniach takich jak {app}.",
    ),
    "uk": (
        "Пропонуємо: {offer}. Основне застосування: {app}.",
        "{offer_cap} — наш основний напрям. Найчастіше замовники використовують це для таких задач: {app}.",
        "Компанія розробляє та виробляє: {offer}. Сфера застосування: {app}.",
        "Наш продукт: {offer}, перевірений у реальних умовах. Напрям: {app}.",
        "У портфелі компанії: {offer}. Цільовий сегмент: {app}.",
        "Що ми можемо дати партнерам? {offer_cap}. Досвід застосування: {app}.",
        "Постачаємо військовим і цивільним замовникам: {offer}. Типовий сценарій: {app}.",
        "Від прототипу до серії: {offer}. Застосування — {app}.",
    ),
    "zh": (
        "本公司提供{offer}，主要應用於{app}。",
        "我們專注於{offer}，產品已實際投入{app}。",
        "主力產品為{offer}，適用於{app}等場景。",
        "{offer_cap}是我們的核心業務，客戶多來自{app}領域。",
        "公司自主研發並量產{offer}，鎖定{app}市場。",
        "我們可為合作夥伴提供{offer}，已在{app}任務中驗證。",
        "營業項目：{offer}。應用領域：{app}。",
        "憑藉多年經驗，我們供應{offer}，服務{app}相關客戶。",
    ),
}

SEEK_FRAMES: dict[str, tuple[str, ...]] = {
    "en": (
        # direct
        "We are looking for {need}.",
        "We are seeking partners who can provide {need}.",
        "We need {need} for our next production batch.",
        "Wanted: {need}.",
        # indirect
        "Next year's scale-up hinges on reliable access to {need}.",
        "If your company offers {need}, our procurement team would be glad to hear from you.",
        "Our integration team would welcome a conversation with providers of {need}.",
        "{need_cap}: this is the gap in our supply chain we would most like to close.",
        "A partner able to deliver {need} would let us cut our lead times considerably.",
        "We are open to joint projects around {need}.",
    ),
    "pl": (
        # direct
        "Poszukujemy partnerów w obszarze: {need}.",
        "Szukamy dostawców, zakres: {need}.",
        "Potrzebujemy: {need}.",
        "Poszukiwane: {need}.",
        # indirect
        "Chętnie nawiążemy współpracę z firmami, które mają w ofercie: {need}.",
        "Kluczowy brakujący element w naszym łańcuchu dostaw: {need}.",
        "Zapraszamy do kontaktu dostawców, zakres: {need}.",
        "{need_cap} – to obszar, w którym chętnie połączymy siły z partnerem.",
        "Do zwiększenia produkcji brakuje nam jeszcze tylko tego: {need}.",
        "Jesteśmy otwarci na wspólne projekty w temacie: {need}.",
    ),
    "uk": (
        # direct
        "Шукаємо партнерів у напрямі: {need}.",
        "Потребуємо: {need}.",
        "Шукаємо постачальників, напрям: {need}.",
        "Пошук партнерів: {need}.",
        # indirect
        "Будемо раді співпраці з компаніями, які мають у пропозиції: {need}.",
        "Масштабування виробництва зараз упирається ось у що: {need}.",
        "{need_cap} — саме тут нам бракує надійного партнера.",
        "Відкриті до спільних проєктів у темі: {need}.",
        "Запрошуємо до діалогу виробників, напрям: {need}.",
    ),
    "zh": (
        # direct
        "誠徵{need}供應商。",
        "尋找{need}合作夥伴。",
        "本公司需要{need}。",
        "徵求提供{need}的廠商。",
        # indirect
        "歡迎提供{need}的廠商與我們聯繫。",
        "下一階段的量產計畫取決於{need}的穩定供應。",
        "若貴公司具備{need}能力，期待進一步洽談合作。",
        "我們希望與擁有{need}的夥伴共同開發新產品。",
        "{need_cap}是我們目前供應鏈中最大的缺口。",
    ),
}

FILLERS: dict[str, tuple[str, ...]] = {
    "en": (
        "Founded in {year}, the company employs {staff} people.",
        "We have been in business since {year} and today have a team of {staff}.",
        "Established: {year}. Headcount: {staff}.",
        "Started in {year} as a small workshop, we now number {staff} engineers and technicians.",
        "{staff} staff, operating since {year}.",
    ),
    "pl": (
        "Firma działa od {year} r. Liczba pracowników: {staff}.",
        "Rok założenia: {year}. Zatrudnienie: {staff}.",
        "Na rynku od {year} roku; liczebność zespołu: {staff}.",
        "Spółka powstała w {year} roku, obecny stan zatrudnienia: {staff}.",
    ),
    "uk": (
        "Компанія заснована у {year} році. Кількість працівників: {staff}.",
        "Працюємо з {year} року; чисельність команди: {staff}.",
        "Рік заснування: {year}. Штат: {staff}.",
        "На ринку з {year} р., персонал — {staff}.",
    ),
    "zh": (
        "公司成立於{year}年，員工{staff}人。",
        "自{year}年創立以來，團隊已成長至{staff}名成員。",
        "成立年份：{year}；員工人數：{staff}。",
        "{year}年於台灣設立，目前編制{staff}人。",
    ),
}

AND: dict[str, str] = {
    "en": " and ",
    "pl": " oraz ",
    "uk": " та ",
    "zh": "及",
}
