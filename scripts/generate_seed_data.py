#!/usr/bin/env python3
"""Generate seed_data/firms.json for matchmaker. The output is INVENTED SAMPLE DATA.

Every firm, person, phone number, web site and description produced here is fictitious (web sites and
e-mails use the reserved .example TLD); any resemblance to a real company is coincidental. Capabilities
follow the domain's country profiles (Taiwan offers components, Ukraine R&D, Poland expertise, Czechia
manufacturing, the US software and market access), and some firms cluster around shared applications
so that bilateral and trilateral matches exist. Deterministic: one random.Random(2025) drives every
choice, so two runs give byte-identical output. Usage: python3 scripts/generate_seed_data.py
"""
import collections
import json
import random
import re
import unicodedata
from pathlib import Path

import yaml

ROOT = Path(__file__).resolve().parent.parent
TAXONOMY_PATH = ROOT / "seed_data" / "taxonomy.yaml"
OUTPUT_PATH = ROOT / "seed_data" / "firms.json"
SEED = 2025

# ---- mix -----------------------------------------------------------------------------------------------
COUNTRY_COUNTS = (("TW", 71), ("PL", 61), ("UA", 51), ("CZ", 31), ("US", 31))
VISIBILITY = ("public", "members", "discreet")
VISIBILITY_SHARES = {"TW": (0.78, 0.17, 0.05), "PL": (0.60, 0.22, 0.18), "UA": (0.75, 0.20, 0.05),
                     "CZ": (0.55, 0.25, 0.20), "US": (0.80, 0.17, 0.03)}  # PL and CZ firms hide more often
VERIFIED_SHARE, SUSPENDED_PER_COUNTRY, CHINESE_NAME_SHARE_TW, UPPER_CASE_SHARE = 0.5, 1, 0.15, 0.05
SIZES = ("micro", "small", "medium", "large")
SIZE_WEIGHTS = {"TW": (10, 35, 35, 20), "PL": (15, 40, 30, 15), "UA": (25, 45, 25, 5),
                "CZ": (15, 45, 30, 10), "US": (20, 40, 25, 15)}
FOUNDED = {"micro": (2017, 2024), "small": (2008, 2023), "medium": (1993, 2016), "large": (1968, 2008)}

# ---- capabilities: weighted pools per country ("slug:weight") -------------------------------------------
OFFER_POOLS = {
    "TW": "brushless-motors:5 escs:4 propellers:2 permanent-magnets:1 battery-cells:3 battery-packs:3 "
          "battery-management-systems:2 fuel-cells:1 flight-controllers:4 thermal-imagers:4 eo-ir-cameras:3 "
          "gimbals:3 datalinks:4 tactical-radios:2 antennas:2 gnss-receivers:2 anti-jamming-antennas:2 "
          "inertial-navigation:1 smt-pcb-assembly:3 box-build-assembly:2 wire-harnesses:1 edge-ai-computers:2 "
          "radar-payloads:1 lidar-sensors:1 multirotor-airframes:2 vtol-airframes:1 electronics-design:1 "
          "asia-pacific-distribution:1",
    "UA": "battlefield-validation:5 ew-resilience-testing:4 fpv-interceptor-design:4 fpv-drones:3 "
          "interceptor-drones:2 airframe-design:3 target-recognition:3 terminal-guidance:3 visual-navigation:3 "
          "swarming:2 flight-test-campaigns:2 loitering-munitions:2 unmanned-ground-vehicles:2 "
          "unmanned-surface-vessels:2 jamming-systems:2 ew-payloads:1 rf-detection:1 mission-planning-software:1 "
          "operator-training:2 field-repair:1 electronics-design:1 fixed-wing-airframes:1 ukraine-procurement:1",
    "PL": "platform-integration:5 payload-integration:3 c2-integration:3 airworthiness-certification:3 "
          "quality-system-certification:2 environmental-testing:2 operator-training:4 instructor-training:2 "
          "training-simulators:1 depot-mro:3 field-repair:2 spare-parts-supply:2 eu-distribution:3 "
          "nato-procurement:4 export-compliance:2 cnc-machining:2 smt-pcb-assembly:2 serial-assembly:3 "
          "carbon-fibre-structures:1 ground-control-stations:2 counter-uas-systems:1 vtol-airframes:1 "
          "multirotor-airframes:1 launch-recovery:1",
    "CZ": "carbon-fibre-structures:4 composite-tooling:2 cnc-machining:5 additive-manufacturing:3 "
          "smt-pcb-assembly:3 wire-harnesses:2 box-build-assembly:2 serial-assembly:2 platform-integration:2 "
          "environmental-testing:1 emc-testing:1 rf-detection:2 fixed-wing-airframes:1 combustion-engines:1 "
          "propellers:1",
    "US": "target-recognition:3 swarming:3 mission-planning-software:3 autopilot-software:3 gcs-software:2 "
          "edge-ai-computers:2 ndaa-compliance-audits:3 airworthiness-certification:2 us-market-access:5 "
          "export-compliance:2 satellite-links:2 mesh-networking:3 counter-uas-systems:2 lidar-sensors:1 "
          "inertial-navigation:1 radar-payloads:1",
}
SEEK_POOLS = {  # parent slugs (propulsion, payloads, market-access...) are broad "seeks"
    "TW": "platform-integration:4 battlefield-validation:5 eu-distribution:4 us-market-access:3 nato-procurement:2 "
          "airworthiness-certification:2 ew-resilience-testing:3 ukraine-procurement:2 payload-integration:1 "
          "quality-system-certification:1 ndaa-compliance-audits:2 market-access:1",
    "UA": "brushless-motors:5 battery-cells:5 thermal-imagers:5 datalinks:4 tactical-radios:3 escs:3 "
          "flight-controllers:2 gimbals:2 anti-jamming-antennas:3 smt-pcb-assembly:2 eu-distribution:2 "
          "carbon-fibre-structures:1 propulsion:1 payloads:1 energy:1",
    "PL": "brushless-motors:3 battery-packs:3 thermal-imagers:4 flight-controllers:3 datalinks:3 gimbals:2 "
          "battlefield-validation:4 ew-resilience-testing:3 target-recognition:2 airframe-design:2 "
          "fpv-interceptor-design:2 escs:2 payloads:1 autonomy:1 propulsion:1",
    "CZ": "brushless-motors:3 flight-controllers:3 thermal-imagers:3 datalinks:3 battery-cells:2 eu-distribution:2 "
          "nato-procurement:3 us-market-access:2 asia-pacific-distribution:1 market-access:2 energy:1 "
          "battlefield-validation:2",
    "US": "brushless-motors:3 battery-cells:3 thermal-imagers:3 gimbals:2 escs:2 flight-controllers:2 "
          "smt-pcb-assembly:3 serial-assembly:3 carbon-fibre-structures:2 cnc-machining:1 battlefield-validation:2 "
          "electronics-manufacturing:1 manufacturing:1 propulsion:1",
}
# Application clusters: (application, roster, {country: (core offers, core seeks)}). Firms of different
# countries in one cluster complement each other (TW components -> UA R&D -> PL integration).
APPLICATIONS = (
    ("FPV interceptors", "TW TW UA UA PL PL CZ", {
        "TW": ("brushless-motors escs flight-controllers thermal-imagers",
               "battlefield-validation platform-integration eu-distribution"),
        "UA": ("fpv-interceptor-design battlefield-validation terminal-guidance interceptor-drones",
               "brushless-motors thermal-imagers escs"),
        "PL": ("platform-integration operator-training nato-procurement serial-assembly",
               "fpv-interceptor-design flight-controllers battlefield-validation"),
        "CZ": ("carbon-fibre-structures serial-assembly", "brushless-motors nato-procurement")}),
    ("maritime surface drones", "TW TW UA UA PL US", {
        "TW": ("datalinks eo-ir-cameras battery-packs", "battlefield-validation platform-integration eu-distribution"),
        "UA": ("unmanned-surface-vessels battlefield-validation ew-resilience-testing",
               "datalinks eo-ir-cameras satellite-links"),
        "PL": ("platform-integration depot-mro nato-procurement", "unmanned-surface-vessels datalinks"),
        "US": ("mission-planning-software satellite-links us-market-access",
               "unmanned-surface-vessels battery-packs")}),
    ("counter-UAS defence", "TW UA UA PL PL CZ US", {
        "TW": ("radar-payloads rf-detection eo-ir-cameras", "ew-resilience-testing c2-integration nato-procurement"),
        "UA": ("interceptor-drones ew-resilience-testing jamming-systems battlefield-validation",
               "radar-payloads thermal-imagers rf-detection"),
        "PL": ("counter-uas-systems c2-integration nato-procurement",
               "radar-payloads interceptor-drones jamming-systems"),
        "CZ": ("rf-detection emc-testing box-build-assembly", "radar-payloads nato-procurement"),
        "US": ("target-recognition counter-uas-systems us-market-access", "rf-detection radar-payloads")}),
    ("long-range fixed-wing ISR", "TW TW UA PL CZ US", {
        "TW": ("gimbals eo-ir-cameras combustion-engines datalinks",
               "battlefield-validation airworthiness-certification platform-integration"),
        "UA": ("fixed-wing-airframes battlefield-validation visual-navigation",
               "gimbals combustion-engines anti-jamming-antennas"),
        "PL": ("airworthiness-certification platform-integration launch-recovery", "fixed-wing-airframes gimbals"),
        "CZ": ("carbon-fibre-structures composite-tooling cnc-machining", "combustion-engines eu-distribution"),
        "US": ("satellite-links autopilot-software us-market-access", "fixed-wing-airframes gimbals")}),
)
COMPETITORS = (("TW", "brushless-motors escs"), ("TW", "thermal-imagers gimbals"),  # each yields two rival firms
               ("UA", "fpv-drones battlefield-validation"), ("PL", "platform-integration depot-mro"),
               ("CZ", "carbon-fibre-structures cnc-machining"))
CAPACITY_UNITS = {  # primary offered slug: (unit noun, scale applied to the size band's range)
    "brushless-motors": ("motors", 1), "escs": ("ESCs", 1), "propellers": ("propeller sets", 1),
    "permanent-magnets": ("magnet sets", 2), "battery-cells": ("cells", 10), "battery-packs": ("battery packs", 1),
    "battery-management-systems": ("BMS boards", 1), "flight-controllers": ("flight controllers", 1),
    "thermal-imagers": ("thermal cores", 0.5), "eo-ir-cameras": ("camera modules", 0.5),
    "gimbals": ("gimbals", 0.3), "datalinks": ("datalink modules", 1), "tactical-radios": ("radios", 0.3),
    "antennas": ("antennas", 1), "gnss-receivers": ("GNSS modules", 1),
    "anti-jamming-antennas": ("CRPA antennas", 0.1), "fpv-drones": ("FPV drones", 1),
    "interceptor-drones": ("interceptors", 0.3), "multirotor-airframes": ("drones", 0.1),
    "vtol-airframes": ("airframes", 0.03), "fixed-wing-airframes": ("airframes", 0.03),
    "unmanned-surface-vessels": ("vessels", 0.005), "unmanned-ground-vehicles": ("vehicles", 0.005),
    "smt-pcb-assembly": ("PCB assemblies", 5), "wire-harnesses": ("harnesses", 2),
    "box-build-assembly": ("modules", 1), "carbon-fibre-structures": ("composite parts", 1),
    "composite-tooling": ("moulds", 0.01), "cnc-machining": ("machined parts", 3),
    "additive-manufacturing": ("printed parts", 1), "serial-assembly": ("drones assembled", 0.5),
    "edge-ai-computers": ("compute modules", 0.3), "radar-payloads": ("radar units", 0.02),
    "rf-detection": ("sensor units", 0.02), "combustion-engines": ("engines", 0.02),
    "loitering-munitions": ("munitions", 0.1), "ground-control-stations": ("ground stations", 0.02),
}
CAPACITY_BASE = {"micro": (200, 2000), "small": (1000, 10000), "medium": (5000, 50000), "large": (20000, 250000)}
CAPACITY_NOTES = ("{noun} per year, single shift", "{noun} per year; can double within six months",
                  "{noun} per year at the {city} plant", "{noun} per year, more with a second line", "{noun} per year")

# ---- places, names, people -------------------------------------------------------------------------------
CITIES = {  # "city:weight:phone area code" separated by "|"
    "TW": "Taichung:5:4|Taoyuan:4:3|Hsinchu:4:3|Tainan:3:6|Kaohsiung:3:7|Taipei:4:2|New Taipei:2:2|Chiayi:1:5|"
          "Changhua:1:4|Pingtung:1:8",
    "PL": "Warszawa:5:|Kraków:4:|Rzeszów:4:|Wrocław:3:|Łódź:2:|Gdańsk:3:|Kielce:2:|Poznań:2:|Mielec:2:|Lublin:2:|"
          "Bielsko-Biała:2:|Katowice:2:|Gdynia:2:|Radom:1:|Dęblin:1:",
    "UA": "Kyiv:6:|Lviv:4:|Dnipro:3:|Kharkiv:3:|Zaporizhzhia:2:|Odesa:2:|Vinnytsia:2:|Ivano-Frankivsk:1:|Chernihiv:1:|"
          "Mykolaiv:1:|Poltava:1:|Zhytomyr:1:|Ternopil:1:|Uzhhorod:1:",
    "CZ": "Praha:5:|Brno:4:|Plzeň:2:|Ostrava:2:|České Budějovice:2:|Zlín:2:|Olomouc:2:|Pardubice:2:|Hradec Králové:1:|"
          "Liberec:1:|Kunovice:1:|Jihlava:1:",
    "US": "Arlington, VA:3:703|Huntsville, AL:3:256|San Diego, CA:3:858|Austin, TX:2:512|Dayton, OH:2:937|"
          "Boston, MA:2:617|Tucson, AZ:1:520|Colorado Springs, CO:2:719|Seattle, WA:2:206|Tampa, FL:1:813|"
          "Grand Forks, ND:1:701|Melbourne, FL:1:321|Pittsburgh, PA:1:412",
}
NAME_STEMS = {  # Taiwanese stems carry a Chinese form after "|"
    "TW": ("Thunderpeak|雷峰", "Jadewing|玉翼", "Skyjade|天玉", "Ironplum|鐵梅", "Cloudkite|雲鳶", "Bluecrest|藍冠",
           "Lanyu|蘭嶼", "Silverbay|銀灣", "Hengchun|恆春", "Kestrelink|隼聯", "Brightfalcon|明隼", "Seawind|海風",
           "Goldcrane|金鶴", "Starharbor|星港", "Pinecrest|松嶺", "Swiftjade|迅玉", "Sunmoon|日月", "Everpeak|恆峰",
           "Magpie|喜鵲", "Ironbay|鐵灣", "Greenisle|綠島", "Alishan|阿里山", "Dawnstar|曙星", "Kenting|墾丁",
           "Wingstone|翼石", "Jadeport|玉港", "Tidecloud|潮雲", "Redcypress|紅檜", "Suncrest|日冠", "Rainpeak|雨峰",
           "Ambercloud|琥雲", "Cobaltwing|鈷翼", "Tigerbay|虎灣", "Lotusfield|蓮田", "Pearlwave|珠浪", "Frostpine|霜松",
           "Ridgelight|嶺光", "Stonekite|石鳶", "Heronbay|鷺灣", "Jadewave|玉浪"),
    "PL": tuple("Bielik Jastrząb Żuraw Sokolnik Kormoran Rybitwa Pustułka Bałtyk Wisłoka Pilica Bieszczady Mazury "
                "Czapla Krogulec Puszczyk Zefir Skowronek Błysk Strzała Gryf Wiatr Śnieżka Dunajec Raróg Łabędź Nida "
                "Narew Warta Kania Bóbr Halny Sowa".split()),
    "UA": tuple("Sokil Yastrub Sova Kalyna Stepovyk Hoverla Desna Sula Polissia Zhuravel Lelek Kobchyk Boryviter "
                "Shuliak Hrim Svitanok Dnister Chornohora Inhul Tur Krylo Oberih Vatra Chaika Borysfen Svitiaz "
                "Horyzont".split()),
    "CZ": tuple("Rarach Vltava Ještěd Radhošť Šumava Orlice Jizera Poštolka Káně Výr Bouřka Otava Lipno Beskyd Sázava "
                "Dyje Brdy Čáp Lysá Jeseník Hostýn Ohře Lužnice Blaník".split()),
    "US": ("Ironridge", "Bluewater", "Cascade", "Lone Pine", "Granite Peak", "Tallgrass", "Sawtooth", "Cedar Bluff",
           "Prairie Hawk", "Copperline", "Harbor Point", "Cold Spring", "Blue Heron", "Pinnacle Ridge", "Stillwater",
           "Cobalt Ridge", "Bitterroot", "Tamarack", "High Desert", "Osprey Bay", "Red Mesa", "Silver Creek",
           "Ridgeback", "Lakeshore", "Ironwood", "Summit Forge", "Eagle Pass", "Westbrook"),
}
COUNTRY_SUFFIXES = {"TW": ("Technology|科技", "Industrial|工業", "Tech|科技", "Aerospace|航太", "Electronics|電子"),
                    "PL": ("Technologie", "Systemy", "Aero", "Innowacje", "Tech"),
                    "CZ": ("Technologie", "Systems", "Aero", "Tech", "Technika"),
                    "UA": ("Tech", "Dynamics", "Labs", "Robotics", "Systems", "Aero"),
                    "US": ("Technologies", "Dynamics", "Systems", "Labs", "Robotics")}
AREA_SUFFIXES = {  # by top-level area of the firm's main offer
    "airframes": ("Aero|航空", "Aviation|航空", "Airframes|飛機"), "unmanned-vehicles": ("Marine Robotics|海事", "Unmanned|無人"),
    "propulsion": ("Motors|電機", "Propulsion|動力", "Drives|驅動"), "energy": ("Energy|能源", "Power|電能", "Cells|電池"),
    "flight-control": ("Avionics|航電", "Flight Systems|飛控"), "navigation": ("Navigation|導航", "Positioning|定位"),
    "payloads": ("Optronics|光電", "Vision|視覺", "Sensors|感測"), "datalinks-radios": ("Communications|通訊", "Radio|無線電"),
    "mesh-satcom": ("Networks|網通", "Satcom|衛通"), "electronic-warfare": ("Spectrum|頻譜", "Defence Electronics|國防電子"),
    "autonomy": ("Autonomy|自主", "AI|智能"), "ground-control": ("Control Systems|控制", "C2|指管"),
    "design-rnd": ("Labs|實驗室", "Design Bureau|設計", "Engineering|工程"),
    "systems-integration": ("Systems|系統", "Integration|整合", "Defence|國防"),
    "manufacturing": ("Manufacturing|製造", "Industries|工業", "Works|工業"),
    "testing-certification": ("Certification|認證", "Test Centre|測試"), "training": ("Academy|學院", "Training|訓練"),
    "maintenance-repair": ("Service|維修", "Maintenance|維修"), "market-access": ("Trading|貿易", "Partners|夥伴"),
}
LEGAL_FORMS = {"TW": ("Co., Ltd.", "Corp."), "PL": ("Sp. z o.o.", "S.A."), "CZ": ("s.r.o.", "a.s."),
               "UA": ("LLC",), "US": ("Inc.", "LLC")}
PEOPLE = {  # (male given names, female given names, surnames as "male/female" or one form for both)
    "TW": ("Wei-Ting Chia-Hao Po-Han Chih-Wei Tsung-Han Kuan-Yu Jia-Hong Kevin Jason Eric",
           "Yu-Hsuan Shu-Fen Yi-Chen Hsin-Yi Mei-Ling Pei-Shan Ting-Yu Grace Vivian",
           "Chen Lin Huang Chang Lee Wang Wu Liu Tsai Yang Hsu Cheng Hsieh Kuo Lai"),
    "PL": ("Piotr Łukasz Krzysztof Tomasz Paweł Michał Grzegorz Wojciech Jakub Maciej",
           "Małgorzata Agnieszka Katarzyna Joanna Magdalena Aleksandra Ewa Dorota",
           "Kowalczyk Wójcik Nowicki/Nowicka Zieliński/Zielińska Szymański/Szymańska Woźniak Dąbrowski/Dąbrowska "
           "Kozłowski/Kozłowska Jankowski/Jankowska Mazur Krawczyk Piątek Grabowski/Grabowska Pawłowski/Pawłowska "
           "Sołtys"),
    "CZ": ("Jiří Jan Petr Tomáš Martin Lukáš Ondřej Pavel Vojtěch Radek",
           "Kateřina Lucie Tereza Jana Petra Markéta Veronika Zuzana",
           "Novák/Nováková Dvořák/Dvořáková Svoboda/Svobodová Černý/Černá Procházka/Procházková Kučera/Kučerová "
           "Veselý/Veselá Horák/Horáková Němec/Němcová Pokorný/Pokorná Růžička/Růžičková Beneš/Benešová"),
    "UA": ("Oleksandr Andrii Dmytro Serhii Mykola Taras Bohdan Yurii Ihor Maksym",
           "Olena Iryna Nataliia Oksana Kateryna Yuliia Tetiana Sofiia Daryna",
           "Kovalenko Bondarenko Shevchuk Melnyk Tkachenko Kravchuk Moroz Hrytsenko Lysenko Savchuk Polishchuk Rudenko "
           "Sydorenko Ostrovskyi/Ostrovska Zhuravskyi/Zhuravska"),
    "US": ("James Michael Robert David Daniel Kevin Marcus Brian Tyler Luis",
           "Jennifer Sarah Emily Rachel Laura Megan Ana Monica",
           "Miller Johnson Garcia Thompson Reyes Walker Nguyen Carter Brooks Hayes Sullivan Patel"),
}
LEAD_ROLES = ("CEO", "Managing Director", "Founder", "General Manager")
LOCAL_LEAD_ROLES = {"PL": "Prezes Zarządu", "CZ": "Jednatel", "UA": "Director", "TW": "Vice President",
                    "US": "President"}
ROLES = ("Head of Business Development", "Export Manager", "CTO", "Chief Engineer", "Sales Director Europe",
         "Procurement Manager", "Programme Manager", "Partnerships Lead", "Head of Quality")
US_SPELLINGS = (("efence", "efense"), ("Centre", "Center"), ("rogramme", "rogram"), ("organisers", "organizers"),
                ("licence", "license"), ("tabilised", "tabilized"))
MOBILE_PREFIXES = {"PL": ("501", "602", "693", "728", "785", "512"), "UA": ("50", "63", "67", "68", "93", "97"),
                   "CZ": ("602", "603", "724", "731", "775", "777")}

# ---- phrasings ------------------------------------------------------------------------------------------
SIZE_WORDS = {"micro": ("young", "founder-led", "very small"), "small": ("small", "fast-growing", "compact"),
              "medium": ("mid-sized", "established"), "large": ("large", "long-established")}
KINDS = {"components": ("component maker", "hardware manufacturer", "supplier of drone subsystems"),
         "rnd": ("R&D bureau", "engineering team", "design and test house"),
         "expertise": ("systems house", "engineering services firm", "integration specialist"),
         "manufacturing": ("contract manufacturer", "production company", "manufacturing partner"),
         "market_access": ("distribution house", "defence trading firm", "market-entry consultancy")}
OPENERS = ("{name} is {a_kind} based in {city}, founded in {year}.", "Founded in {year} in {city}, {name} is {a_kind}.",
           "{name} has worked from {city} since {year}.", "Based in {city}, {name} is {a_kind} set up in {year}.",
           "{name} ({city}, est. {year}) is {a_kind}.")
OFFER_SENTENCES = ("Its main lines are {offers}.", "Its work covers {offers}.", "The team focuses on {offers}.",
                   "Customers come to it for {offers}.", "It is best known for {offers}.",
                   "The company offers {offers}.")
APP_SENTENCES = ("Much of its current work is on {app}.", "Its latest programme targets {app}.",
                 "It belongs to a growing group of firms working on {app}.", "Recent projects centre on {app}.")
SEEK_SENTENCES = ("It is looking for {partners} in {seeks}.", "It wants to team up with {partners} for {seeks}.",
                  "Next, it aims to secure {seeks} through {partners}.", "It seeks {seeks}.")
PARTNERS = {"TW": "European and US partners", "UA": "non-Chinese suppliers", "PL": "suppliers and R&D teams",
            "CZ": "component suppliers and sales partners", "US": "trusted, non-red suppliers"}
COUNTRY_SENTENCES = {
    "TW": ("All critical parts are sourced outside the PRC, and a bill of materials with origins is available.",
           "It exports mainly to Europe and sees Poland as its gateway market.",
           "It wants to scale output towards European demand with partners abroad.",
           "Its lines in {city} run on Taiwanese and Japanese chips and magnets."),
    "UA": ("Its designs go through frontline testing with drone units.",
           "Iterations take weeks, driven by direct feedback from operators at the front.",
           "The team has flown its systems under heavy Russian jamming since 2022.",
           "It moved part of its work to western Ukraine for safety."),
    "PL": ("It works with the Polish Armed Forces and runs AQAP 2110 processes.",
           "It knows EU and NATO procurement rules and helps partners through them.",
           "It has delivered to several NATO programmes.", "It runs a test range near {city}."),
    "CZ": ("It has long experience supplying European aerospace tier-1s.",
           "It holds an export licence from the Czech Licensing Administration.",
           "Its workshop in {city} has spare capacity for defence projects."),
    "US": ("Its products are designed to be NDAA-compliant.", "It knows the Blue UAS process from the inside.",
           "It helps foreign partners navigate US certification and procurement."),
}
DISCREET_SENTENCES = ("It prefers to keep new partnerships confidential until contracts are signed.",
                      "Initial contacts should go through the organisers.")
APP_NOTES = {"offers": ("for {app}", "{app} programme", "proven on {app}", "developed for {app}"),
             "seeks": ("for {app}", "needed for {app} line", "{app} programme")}
COUNTRY_NOTES = {"TW": ("non-PRC bill of materials", "made in Taiwan", "Japanese and Taiwanese chips"),
                 "UA": ("frontline-tested", "in use with drone units", "iterated under Russian jamming"),
                 "PL": ("AQAP 2110 processes", "NATO programme experience", "EU-based team"),
                 "CZ": ("EN 9100 plant", "EU-based team", "export licence held"),
                 "US": ("NDAA-compliant", "Blue UAS Framework track", "US-based team")}
NOTES = {  # (direction, role kind): short notes; "" leaves the note empty
    ("offers", "components"): ("serial production", "samples available", "custom variants possible", ""),
    ("offers", "rnd"): ("prototype to pilot batch in three months", "own test range", ""),
    ("offers", "expertise"): ("in-house specialists", "references on request", ""),
    ("offers", "manufacturing"): ("ISO 9001 plant", "small and medium batches", "spare capacity from Q3", ""),
    ("offers", "market_access"): ("government tenders", "established channel", "licensed for defence goods", ""),
    ("seeks", "components"): ("non-Chinese origin required", "for series production", "pilot batch first",
                              "long-term supply agreement", ""),
    ("seeks", "rnd"): ("joint test campaign", "independent test report wanted", ""),
    ("seeks", "expertise"): ("EU-based partner preferred", "NATO experience wanted", ""),
    ("seeks", "manufacturing"): ("second source", "volumes from 1,000 units", ""),
    ("seeks", "market_access"): ("EU and NATO buyers", "government customers", "local partner with licences", ""),
}
SEEK_NOTES_BY_SLUG = {"brushless-motors": "non-Chinese motors and magnets", "battery-cells": "non-PRC cells",
                      "thermal-imagers": "640x512 cores preferred", "datalinks": "jam-resistant, frequency hopping",
                      "eu-distribution": "distributor with a defence licence",
                      "us-market-access": "route to DoD customers",
                      "battlefield-validation": "frontline trials with operators",
                      "radar-payloads": "small-drone detection"}


def load_taxonomy():
    """Return {slug: {name, role_kind, parent}} read from taxonomy.yaml."""
    nodes = {}

    def walk(items, parent):
        for item in items:
            assert item["slug"] not in nodes, f"duplicate slug {item['slug']}"
            nodes[item["slug"]] = {"name": item["name"], "role_kind": item["role_kind"], "parent": parent}
            walk(item.get("children") or [], item["slug"])

    walk(yaml.safe_load(TAXONOMY_PATH.read_text(encoding="utf-8")), None)
    return nodes


def lineage(tax, slug):
    """slug followed by all its ancestors, nearest first."""
    out = [slug]
    while tax[out[-1]]["parent"]:
        out.append(tax[out[-1]]["parent"])
    return out


def pool(text):
    """'slug:weight slug:weight' -> [(slug, weight)]."""
    return [(slug, int(weight)) for slug, weight in (item.split(":") for item in text.split())]


def weighted(rng, pairs):
    return rng.choices([p[0] for p in pairs], weights=[p[1] for p in pairs])[0]


def referenced_slugs():
    """Every slug this vocabulary mentions; all must exist in the taxonomy."""
    slugs = {s for pools in (OFFER_POOLS, SEEK_POOLS) for text in pools.values() for s, _ in pool(text)}
    slugs |= {s for _, _, roles in APPLICATIONS for pair in roles.values() for text in pair for s in text.split()}
    slugs |= {s for _, text in COMPETITORS for s in text.split()}
    return slugs | set(CAPACITY_UNITS) | set(SEEK_NOTES_BY_SLUG) | set(AREA_SUFFIXES)


def quota(rng, n, labels, shares):
    """Shuffled list of n labels whose counts follow shares as closely as rounding allows."""
    counts = [round(n * share) for share in shares]
    counts[0] += n - sum(counts)
    out = [label for label, count in zip(labels, counts) for _ in range(count)]
    rng.shuffle(out)
    return out


def ascii_fold(text):
    return unicodedata.normalize("NFKD", text.replace("ł", "l").replace("Ł", "L")).encode("ascii", "ignore").decode()


def lower_first(name):
    """'Thermal imagers' -> 'thermal imagers', but 'EO/IR cameras', 'LiDAR sensors', 'C2 ...' stay."""
    first = name.split()[0]
    return name if any(c.isupper() or c.isdigit() for c in first[1:]) else name[0].lower() + name[1:]


def join(words):
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def make_name(rng, country, area, with_chinese, taken):
    """(full name, short English name, domain); short names unique per country, domains unique overall.

    taken is a Counter of used names, domains and (country, stem); the least used stems are preferred."""
    while True:
        least = min(taken[(country, s)] for s in NAME_STEMS[country])
        fresh = [s for s in NAME_STEMS[country] if taken[(country, s)] == least]
        stem_text = rng.choice(fresh if rng.random() < 0.85 else NAME_STEMS[country])
        stem = stem_text.split("|")
        suffix = rng.choice(AREA_SUFFIXES[area] if rng.random() < 0.6 else COUNTRY_SUFFIXES[country]).split("|")
        short = f"{stem[0]} {suffix[0]}"
        domain = re.sub(r"[^a-z0-9]+", "-", ascii_fold(short).lower()).strip("-") + ".example"
        if (country, short.casefold()) not in taken and domain not in taken:
            break
    taken.update([(country, short.casefold()), (country, stem_text), domain])  # a Counter: stems are counted
    short = short.upper() if rng.random() < UPPER_CASE_SHARE else short
    if with_chinese:
        return f"{short} {stem[1]}{suffix[1]}", short, domain
    legal = f" {rng.choice(LEGAL_FORMS[country])}" if rng.random() < 0.35 else ""
    return short + legal, short, domain


def make_phone(rng, country, area_code):
    def digits(k):
        return "".join(str(rng.randint(0, 9)) for _ in range(k))
    if country == "TW":
        landline = rng.random() < 0.6
        return f"+886 {area_code} {digits(4)} {digits(4)}" if landline else f"+886 9{digits(2)} {digits(3)} {digits(3)}"
    if country == "US":
        return f"+1 {area_code} 555 01{digits(2)}"  # 555-0100..0199 is reserved for fiction
    prefix = rng.choice(MOBILE_PREFIXES[country])
    if country == "UA":
        return f"+380 {prefix} {digits(3)} {digits(2)} {digits(2)}"
    return f"+{'48' if country == 'PL' else '420'} {prefix} {digits(3)} {digits(3)}"


def make_contacts(rng, country, area_code, domain, visibility):
    """1-3 contacts (one for discreet firms) with distinct surnames and roles."""
    males, females, surnames = (part.split() for part in PEOPLE[country])
    count = 1 if visibility == "discreet" else rng.choices((1, 2, 3), weights=(45, 40, 15))[0]
    roles = [rng.choice(LEAD_ROLES + (LOCAL_LEAD_ROLES[country],))] + rng.sample(ROLES, count - 1)
    contacts, used = [], set()
    while len(contacts) < count:
        female = rng.random() < 0.4
        forms = rng.choice(surnames).split("/")
        if forms[0] in used:
            continue
        used.add(forms[0])
        given, surname = rng.choice(females if female else males), forms[-1] if female else forms[0]
        local = re.sub(r"[^a-z.]", "", ascii_fold(f"{given}.{surname}").lower())
        contacts.append({"name": f"{given} {surname}", "role": roles[len(contacts)],
                         "email": f"{local}@{domain}", "phone": make_phone(rng, country, area_code)})
    return contacts


def conflicts(tax, slug, chosen):
    """True if slug equals, contains or lies under an already chosen slug."""
    return any(slug in lineage(tax, other) or other in lineage(tax, slug) for other in chosen)


def fill(rng, tax, chosen, candidates, target, anchor=None):
    """Append weighted picks to chosen until it has target items; prefer siblings of anchor."""
    while len(chosen) < target:
        cands = [(s, w) for s, w in candidates if not conflicts(tax, s, chosen)]
        if not cands:
            return
        siblings = [(s, w) for s, w in cands if anchor and tax[s]["parent"] == tax[anchor]["parent"]]
        chosen.append(weighted(rng, siblings if siblings and rng.random() < 0.55 else cands))


def note_for(rng, tax, country, slug, direction, app):
    """Short free-text note; app is set for the core capabilities of cluster firms."""
    if app and rng.random() < 0.8:
        return rng.choice(APP_NOTES[direction]).format(app=app)
    if direction == "seeks" and slug in SEEK_NOTES_BY_SLUG and rng.random() < 0.6:
        return SEEK_NOTES_BY_SLUG[slug]
    if direction == "offers" and rng.random() < 0.35:
        return rng.choice(COUNTRY_NOTES[country])
    return rng.choice(NOTES[(direction, tax[slug]["role_kind"])])


def pick_capabilities(rng, tax, country, spec):
    """2-6 offers and 1-4 seeks; no slug (or an ancestor/descendant of it) on both sides."""
    offers = list(spec["offers"]) or [weighted(rng, pool(OFFER_POOLS[country]))]
    fill(rng, tax, offers, pool(OFFER_POOLS[country]), max(len(offers), rng.choice((2, 3, 3, 4, 4, 5, 6))), offers[0])
    chosen = offers + [s for s in spec["seeks"] if not conflicts(tax, s, offers)]
    fill(rng, tax, chosen, pool(SEEK_POOLS[country]), max(len(chosen), len(offers) + rng.choice((1, 2, 2, 3, 3, 4))))
    caps = []
    for direction, slugs, core in (("offers", offers, spec["offers"]), ("seeks", chosen[len(offers):], spec["seeks"])):
        for slug in slugs:
            app = spec["app"] if slug in core else ""
            caps.append({"slug": slug, "direction": direction, "role_kind": tax[slug]["role_kind"],
                         "note": note_for(rng, tax, country, slug, direction, app)})
    return caps


def make_capacity(rng, size, primary, city):
    """(units per year or None, note); only for firms whose main offer is a countable product."""
    if primary not in CAPACITY_UNITS:
        return None, ""
    noun, scale = CAPACITY_UNITS[primary]
    units = max(5, int(float(f"{rng.uniform(*CAPACITY_BASE[size]) * scale:.2g}")))
    return units, rng.choice(CAPACITY_NOTES).format(noun=noun, city=city)


def describe(rng, tax, firm, short, app):
    """2-4 sentences: an opener, an offer sentence, then up to two of application/discretion/seek/country."""
    offered = [c["slug"] for c in firm["capabilities"] if c["direction"] == "offers"]
    sought = [c["slug"] for c in firm["capabilities"] if c["direction"] == "seeks"]
    size_kind = f"{rng.choice(SIZE_WORDS[firm['size_band']])} {rng.choice(KINDS[tax[offered[0]]['role_kind']])}"
    fields = {"name": short, "city": firm["city"].split(",")[0], "year": firm["founded_year"], "app": app,
              "a_kind": ("an " if size_kind[0] in "aeiou" else "a ") + size_kind, "partners": PARTNERS[firm["country"]],
              "offers": join([lower_first(tax[s]["name"]) for s in offered[:3]]),
              "seeks": join([lower_first(tax[s]["name"]) for s in sought[:2]])}
    extras = [rng.choice(APP_SENTENCES)] if app else []
    extras += [rng.choice(DISCREET_SENTENCES)] if firm["visibility"] == "discreet" else []
    optional = [rng.choice(SEEK_SENTENCES), rng.choice(COUNTRY_SENTENCES[firm["country"]])]
    rng.shuffle(optional)
    extras += optional[:rng.choice((0, 1, 1, 2))]
    sentences = [rng.choice(OPENERS), rng.choice(OFFER_SENTENCES)] + extras[:2]
    return " ".join(s.format(**fields) for s in sentences)


def build_specs(rng, country, total):
    """Capability specs: application-cluster firms, competitor pairs, then generic firms up to total."""
    specs = []
    for app, roster, roles in APPLICATIONS:
        for _ in range(roster.split().count(country)):
            offers, seeks = (text.split() for text in roles[country])
            specs.append({"app": app, "offers": rng.sample(offers, min(len(offers), rng.randint(2, 3))),
                          "seeks": rng.sample(seeks, rng.randint(1, min(2, len(seeks))))})
    for rival_country, offers in COMPETITORS:
        if rival_country == country:
            specs += [{"app": "", "offers": offers.split(), "seeks": []} for _ in range(2)]
    return specs + [{"app": "", "offers": [], "seeks": []} for _ in range(total - len(specs))]


def build_firm(rng, tax, country, spec, visibility, status, with_chinese, taken):
    caps = pick_capabilities(rng, tax, country, spec)
    name, short, domain = make_name(rng, country, lineage(tax, caps[0]["slug"])[-1], with_chinese, taken)
    cities = [entry.split(":") for entry in CITIES[country].split("|")]
    city, _, area_code = rng.choices(cities, weights=[int(c[1]) for c in cities])[0]
    size = rng.choices(SIZES, weights=SIZE_WEIGHTS[country])[0]
    low, high = FOUNDED[size]
    wartime_startup = country == "UA" and size in ("micro", "small") and rng.random() < 0.7
    year = rng.randint(2022, 2024) if wartime_startup else rng.randint(low, high)
    units, capacity_note = make_capacity(rng, size, caps[0]["slug"], city.split(",")[0])
    firm = {"name": name, "country": country, "city": city, "website": f"https://{domain}", "size_band": size,
            "founded_year": year, "capacity_units_per_year": units, "capacity_note": capacity_note,
            "visibility": visibility, "verification_status": status, "capabilities": caps,
            "contacts": make_contacts(rng, country, area_code, domain, visibility)}
    firm["description"] = describe(rng, tax, firm, short, spec["app"])
    return americanise(firm) if country == "US" else firm


def americanise(firm):
    """US spelling for every text of a US firm (names, website, notes, roles, description)."""
    text = json.dumps(firm, ensure_ascii=False)
    for british, american in US_SPELLINGS:
        text = text.replace(british, american)
    return json.loads(text)


def country_firms(rng, tax, country, total, taken):
    specs = build_specs(rng, country, total)
    visibilities = quota(rng, total, VISIBILITY, VISIBILITY_SHARES[country])
    verified = round(total * VERIFIED_SHARE)
    statuses = ["verified"] * verified + ["suspended"] * SUSPENDED_PER_COUNTRY
    statuses += ["unverified"] * (total - len(statuses))
    rng.shuffle(statuses)
    share = CHINESE_NAME_SHARE_TW if country == "TW" else 0.0
    chinese = quota(rng, total, (True, False), (share, 1 - share))
    return [build_firm(rng, tax, country, spec, visibilities[i], statuses[i], chinese[i], taken)
            for i, spec in enumerate(specs)]


def generate():
    """All firms, sorted by country (COUNTRY_COUNTS order) and name."""
    rng, tax, taken = random.Random(SEED), load_taxonomy(), collections.Counter()
    unknown = referenced_slugs() - set(tax)
    assert not unknown, f"slugs missing from taxonomy: {sorted(unknown)}"
    firms = [firm for country, total in COUNTRY_COUNTS for firm in country_firms(rng, tax, country, total, taken)]
    assert all(c["slug"] in tax for firm in firms for c in firm["capabilities"])
    order = [country for country, _ in COUNTRY_COUNTS]
    return sorted(firms, key=lambda firm: (order.index(firm["country"]), firm["name"].casefold()))


def main():
    firms = generate()
    text = json.dumps(firms, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
    OUTPUT_PATH.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {len(firms)} firms to {OUTPUT_PATH}")


if __name__ == "__main__":
    main()
