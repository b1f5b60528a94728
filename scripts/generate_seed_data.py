#!/usr/bin/env python3
"""Generate seed_data/firms.json for matchmaker. The output is INVENTED SAMPLE DATA.

Every firm, person, phone number, web site and description produced here is fictitious (web sites and
e-mails use the reserved .example TLD); any resemblance to a real company is coincidental. Capabilities
follow the domain's country profiles (Taiwan offers components, Ukraine R&D, Poland expertise, Czechia
manufacturing, the US software and market access), and some firms cluster around shared applications
so that bilateral and trilateral matches exist. Each firm also carries certifications (with evidence and
expiry) and a supply-chain declaration whose derived statuses spread from "nothing declared" through
red-flagged to verified clean. Deterministic: random.Random(2025) drives every firm choice and a second
stream, random.Random(2026), the certifications and declarations, so two runs give byte-identical output.
Usage: python3 scripts/generate_seed_data.py
"""
import collections
import json
import random
import re
import unicodedata
from datetime import date, timedelta
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

# ---- certifications and supply-chain declarations (their own random stream) -----------------------------
COMPLIANCE_SEED = SEED + 1  # a second stream: adding these keys leaves every other field as it was
TODAY = date(2026, 11, 21)  # "expired" means expires_on before this day
EXPIRED_SHARE, CERT_VERIFIED_SHARE, MAX_CERTIFICATIONS = 0.10, 0.60, 4
CERT_KINDS = ("iso_9001", "as_en_9100", "aqap_2110", "ncage", "blue_uas_cleared", "blue_uas_framework", "green_uas",
              "ndaa_compliant", "other")
CERT_PRIORITY = ("blue_uas_cleared", "blue_uas_framework", "green_uas", "ncage", "aqap_2110", "as_en_9100",
                 "iso_9001", "ndaa_compliant", "other")  # kept first when a firm has more than MAX_CERTIFICATIONS
VALIDITY_YEARS = {"iso_9001": 3, "as_en_9100": 3, "aqap_2110": 3, "blue_uas_cleared": 2, "blue_uas_framework": 2,
                  "green_uas": 2}  # kinds not listed here never expire
ISSUED_FROM = {"ndaa_compliant": date(2020, 1, 1)}  # first possible issue date; others from 2008
ISO_SHARE = {"micro": 0.15, "small": 0.38, "medium": 0.55, "large": 0.75}
AS9100_SHARE = {"components": 0.17, "manufacturing": 0.22}  # other role kinds: AS9100_OTHER_SHARE
AS9100_OTHER_SHARE, OTHER_CERT_SHARE = 0.02, 0.03
AQAP_SHARE = {"PL": 0.15, "CZ": 0.15, "UA": 0.02}
NCAGE_SHARE = {"PL": 0.45, "CZ": 0.40, "US": 0.45, "UA": 0.35, "TW": 0.06}
NCAGE_FORMATS = {"US": "#***#", "CZ": "#***G", "PL": "#***H", "UA": "S***#", "TW": "S***#"}  # # digit, * alphanumeric
NDAA_SHARE = {("TW", "components"): 0.22, ("US", "components"): 0.35, ("US", "rnd"): 0.25}
BLUE_UAS_FIRMS, GREEN_UAS_FIRMS = {"US": 5, "TW": 2}, {"US": 3}
MODEL_NAMES = ("Ridgeback", "Sparrowhawk", "Nightjar", "Goshawk", "Wren", "Tern", "Plover", "Kingfisher", "Avocet")
CERT_BODIES = ("certivane", "qualora-audit", "normis-cert", "aerotrust-registrar", "baltic-quality")
CERT_NOTES = {
    "iso_9001": ("scope: design and manufacture of unmanned systems", "certificate scan on file", None),
    "as_en_9100": ("scope: aerospace parts and assemblies", "surveillance audit passed this year", None),
    "aqap_2110": ("scope: production and servicing for the armed forces", "issued by the national military authority"),
    "ncage": ("NATO Commercial and Government Entity code", None, None),
    "blue_uas_cleared": ("listed on the DIU Blue UAS Cleared List", "listing renewal under review"),
    "blue_uas_framework": ("component listed on the Blue UAS Framework", "framework listing for its product line"),
    "green_uas": ("AUVSI Green UAS certification", "certified commercial platform"),
    "ndaa_compliant": ("self-declaration under FY2020 NDAA section 848", "component origins shown in its declaration",
                       "third-party NDAA compliance audit report"),
}
OTHER_CERTS = {"PL": "concession for trade in military goods", "CZ": "licence for trade in military material",
               "UA": "products codified for the Armed Forces of Ukraine", "US": "ITAR registration with the DDTC",
               "TW": "CAA type certificate for its heaviest drone"}
# supply-chain declarations: each firm gets a profile (US-made, a PROFILE_SHARES one, or "none": an empty list)
CATEGORIES = ("flight_controller", "radio_datalink", "camera_gimbal", "ground_control_software",
              "network_connectivity", "data_storage", "motors", "batteries", "magnets", "chips")
PROFILE_SHARES = (("red_flagged", 0.12), ("verified_clean", 0.08), ("declared_clean", 0.20), ("incomplete", 0.25))
US_MADE_FIRMS = {"US": 8, "other": 2}  # every applicable part made in the US; only these firms
RED_COUNTRY_WEIGHT = {"UA": 2, "PL": 1.5, "CZ": 1.5, "TW": 0.25, "US": 0.15}
RED_SIZE_WEIGHT = {"micro": 2.5, "small": 1.5, "medium": 0.7, "large": 0.3}
CLEAN_COUNTRY_WEIGHT = {"TW": 1.6, "US": 1.4, "PL": 1.0, "CZ": 1.0, "UA": 0.6}
FPV_SLUGS = ("fpv-drones", "interceptor-drones", "fpv-interceptor-design")
SERVICE_ROLES = ("expertise", "market_access")  # such firms declare at most two categories applicable
RED_CATEGORIES = "motors:5 magnets:4 batteries:4 camera_gimbal:3 chips:2 radio_datalink:1"
ROW_VERIFIED_SHARE, RED_ORIGINS = 0.4, ("RU", "BY")  # concern rows are CN, or RU/BY with RU_BY_SHARE
RU_BY_SHARE = {"PL": 0.4, "CZ": 0.4}  # e.g. old stock bought before 2022
PRODUCT_CATEGORIES = {  # offered slug, or its nearest listed ancestor -> categories in its products ("*": all)
    "airframes": "*", "unmanned-vehicles": "*", "platform-integration": "*", "serial-assembly": "*",
    "airframe-design": "*", "fpv-interceptor-design": "*", "counter-uas-systems": "*", "launch-recovery": "",
    "brushless-motors": "motors magnets", "escs": "chips", "propellers": "", "combustion-engines": "",
    "permanent-magnets": "magnets", "energy": "batteries chips",
    "flight-control": "flight_controller chips data_storage",
    "navigation": "chips radio_datalink", "visual-navigation": "camera_gimbal chips", "inertial-navigation": "chips",
    "payloads": "camera_gimbal chips data_storage", "datalinks-radios": "radio_datalink network_connectivity chips",
    "mesh-satcom": "network_connectivity radio_datalink chips data_storage", "antennas": "radio_datalink",
    "electronic-warfare": "radio_datalink chips ground_control_software", "edge-ai-computers": "chips data_storage",
    "autonomy": "ground_control_software data_storage chips", "electronics-design": "flight_controller chips",
    "ground-control": "ground_control_software radio_datalink network_connectivity data_storage chips",
    "payload-integration": "camera_gimbal radio_datalink", "electronics-manufacturing": "chips",
    "c2-integration": "ground_control_software network_connectivity radio_datalink",
    "training-simulators": "ground_control_software data_storage chips",
}
MADE_IN_HOUSE = {  # offered slug -> the category the firm makes itself
    "brushless-motors": "motors", "permanent-magnets": "magnets", "battery-cells": "batteries",
    "battery-packs": "batteries", "flight-controllers": "flight_controller", "datalinks": "radio_datalink",
    "tactical-radios": "radio_datalink", "eo-ir-cameras": "camera_gimbal", "thermal-imagers": "camera_gimbal",
    "gimbals": "camera_gimbal", "gcs-software": "ground_control_software", "mesh-networking": "network_connectivity",
    "mission-planning-software": "ground_control_software", "satellite-links": "network_connectivity",
}
ORIGINS = {  # category: "country:weight" of outside suppliers; the firm's own country gets HOME_WEIGHT more
    "flight_controller": "TW:4 US:3 UA:2 PL:1 DE:1 CH:1 IL:1",
    "radio_datalink": "TW:3 US:3 IL:2 DE:1 GB:1 FR:1 UA:1 PL:1 KR:1",
    "camera_gimbal": "TW:3 US:2 IL:2 JP:2 FR:1 DE:1 KR:1 CH:1",
    "ground_control_software": "US:3 UA:2 PL:2 TW:1 GB:1 DE:1 CZ:1",
    "network_connectivity": "TW:3 US:3 KR:1 DE:1 GB:1 FR:1 IL:1",
    "data_storage": "TW:3 KR:3 JP:2 US:2 DE:1",
    "motors": "TW:5 JP:2 US:1 CZ:1 PL:1 UA:1 DE:1 IT:1 KR:1",
    "batteries": "KR:3 JP:3 TW:3 PL:1 US:1 DE:1 FR:1",
    "magnets": "JP:5 DE:2 US:1 TW:1 KR:1 CZ:1",
    "chips": "TW:5 US:3 KR:2 JP:2 DE:1 CH:1 FR:1 IT:1",
}
HOME_WEIGHT, SECOND_SOURCE_SHARE = 2, 0.2
SUPPLIER_STEMS = {
    "TW": ("Taroko", "Lishan", "Tamsui", "Yuanli", "Hehuan"), "JP": ("Hoshiyama", "Kitamori", "Aozora", "Tsubame"),
    "KR": ("Saebit", "Gaon", "Narae", "Dongbaek"), "US": ("Red Mesa", "Keystone Ridge", "Sandhill", "Cobalt Creek",
                                                          "Tidewater", "Prairie Forge"),
    "DE": ("Nordwerk", "Rheintal", "Harzfeld"), "PL": ("Wisłotech", "Karpatex", "Bursztyn"),
    "CZ": ("Moravolt", "Bohemtron", "Vltavín"), "UA": ("Slavuta", "Zoria", "Tavria"), "CH": ("Alpenfeld", "Jurawerk"),
    "FR": ("Vercors", "Garonne"), "IT": ("Appennino", "Brenta"), "GB": ("Pennine", "Solent"), "IL": ("Negev", "Galil"),
    "CN": ("Dongguan Lanyuan", "Shenzhen Qinghe", "Ningbo Jiahong", "Suzhou Tianlan"), "RU": ("Uralsk",),
    "BY": ("Svisloch",),
}
SUPPLIER_WORDS = {"flight_controller": ("Avionics", "Flight Systems"), "radio_datalink": ("Radio", "Datalink", "RF"),
                  "camera_gimbal": ("Optics", "Vision", "Imaging"), "ground_control_software": ("Software", "Control"),
                  "network_connectivity": ("Networks", "Connect"), "data_storage": ("Memory", "Storage"),
                  "motors": ("Motion", "Motor", "Drives"), "batteries": ("Power", "Energy", "Cells"),
                  "magnets": ("Magnetics", "Magnet Works"), "chips": ("Semiconductor", "Micro", "Silicon")}
SUPPLIER_LEGAL = {"TW": "Co., Ltd.", "JP": "K.K.", "KR": "Co., Ltd.", "US": "Inc.", "DE": "GmbH", "PL": "Sp. z o.o.",
                  "CZ": "s.r.o.", "UA": "LLC", "CH": "AG", "FR": "SAS", "IT": "S.r.l.", "GB": "Ltd", "IL": "Ltd.",
                  "CN": "Co., Ltd.", "RU": "LLC", "BY": "JSC"}
SUPPLY_NOTES = ("certificate of origin from the supplier", "bill of materials with countries of origin",
                "supplier's declaration on letterhead", "customs records of the last shipment",
                "photos of part markings", "purchase invoices on file", None)
IN_HOUSE_NOTES = ("made in its own plant", "own design and production", "assembled in-house from declared parts")
RED_NOTES = ("supplier's certificate of origin", "a second source outside the PRC is being qualified",
             "replacement planned for the next batch", None)
SERVICE_NA_NOTES = {  # area of the firm's main offer -> why a category does not apply
    "training": "training services only", "testing-certification": "certification and testing services only",
    "market-access": "distribution only; each maker declares its own parts",
    "maintenance-repair": "repair services; customers supply the parts",
    "systems-integration": "integration work on customer platforms", "design-rnd": "test and validation services only",
    "manufacturing": "builds to customer designs; customers supply this part",
}
PRODUCT_NA_NOTES = ("not part of its products", "no such component in its product line",
                    "not used in its current products")


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
    slugs |= set(PRODUCT_CATEGORIES) | set(MADE_IN_HOUSE) | set(FPV_SLUGS)
    return slugs | set(CAPACITY_UNITS) | set(SEEK_NOTES_BY_SLUG) | set(AREA_SUFFIXES) | set(SERVICE_NA_NOTES)


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


# ---- certifications and supply-chain declarations ---------------------------------------------------------
def draw(rng, weights, k):
    """Up to k distinct keys of weights ({key: weight}), each pick proportional to its weight."""
    weights = {key: w for key, w in weights.items() if w > 0}
    picked = []
    for _ in range(min(k, len(weights))):
        key = rng.choices(list(weights), weights=list(weights.values()))[0]
        picked.append(key)
        del weights[key]
    return picked


def random_date(rng, start, end):
    return start + timedelta(days=rng.randint(0, (end - start).days))


def add_years(day, years):
    """The same day years later (or earlier); 29 February becomes the 28th."""
    return day.replace(year=day.year + years, day=min(day.day, 28) if day.month == 2 else day.day)


def offered(firm):
    return [c["slug"] for c in firm["capabilities"] if c["direction"] == "offers"]


def main_role(firm):
    """The role kind of most offers (the first offer's on a tie)."""
    kinds = collections.Counter(c["role_kind"] for c in firm["capabilities"] if c["direction"] == "offers")
    return kinds.most_common(1)[0][0]


def product_categories(rng, tax, firm):
    """Categories present in the firm's products; service firms keep at most two of them."""
    found = set()
    for slug in offered(firm):
        listed = next((s for s in lineage(tax, slug) if s in PRODUCT_CATEGORIES), None)
        text = PRODUCT_CATEGORIES.get(listed, "")
        found |= set(CATEGORIES) if text == "*" else set(text.split())
    found = [c for c in CATEGORIES if c in found]
    if main_role(firm) in SERVICE_ROLES and len(found) > 2:
        found = sorted(rng.sample(found, rng.randint(0, 2)), key=CATEGORIES.index)
    return found


def profile_weight(profile, firm, categories):
    """How likely a firm is to get a supply-chain profile (0: never)."""
    country, service = firm["country"], main_role(firm) in SERVICE_ROLES
    if profile == "us_made":
        return (3 if country == "US" else 1 if len(categories) <= 3 else 0) if categories else 0
    if profile == "red_flagged":
        fpv = any(slug in FPV_SLUGS for slug in offered(firm))
        weight = RED_COUNTRY_WEIGHT[country] * RED_SIZE_WEIGHT[firm["size_band"]]
        return weight * (3 if fpv else 1) * (0.5 if service else 1)
    if profile == "verified_clean":
        return CLEAN_COUNTRY_WEIGHT[country] * (2 if firm["verification_status"] == "verified" else 1)
    return CLEAN_COUNTRY_WEIGHT[country] if profile == "declared_clean" else 1


def assign_profiles(rng, firms, categories):
    """One profile per firm index; US-made first, then PROFILE_SHARES; the rest declare nothing ("none")."""
    profiles = {}

    def take(profile, indices, k):
        weights = {i: profile_weight(profile, firms[i], categories[i]) for i in indices if i not in profiles}
        profiles.update((i, profile) for i in draw(rng, weights, k))

    us = [i for i, firm in enumerate(firms) if firm["country"] == "US"]
    take("us_made", us, US_MADE_FIRMS["US"])
    take("us_made", [i for i in range(len(firms)) if i not in us], US_MADE_FIRMS["other"])
    for profile, share in PROFILE_SHARES:
        take(profile, range(len(firms)), round(share * len(firms)))
    return [profiles.get(i, "none") for i in range(len(firms))]


def supplier_row(rng, firm, category, country, verified, note_choices):
    supplier = f"{rng.choice(SUPPLIER_STEMS[country])} {rng.choice(SUPPLIER_WORDS[category])} {SUPPLIER_LEGAL[country]}"
    url = f"{firm['website']}/supply-chain/{category.replace('_', '-')}.pdf" if rng.random() < 0.5 else None
    note = rng.choice(note_choices)
    if verified and not url and not note:
        note = note_choices[0]
    return {"category": category, "not_applicable": False, "supplier": supplier, "country": country,
            "evidence_url": url, "evidence_note": note, "verified": verified}


def in_house_row(rng, firm, category, verified):
    return {"category": category, "not_applicable": False, "supplier": f"{firm['name']} (in-house)",
            "country": firm["country"], "evidence_url": None, "evidence_note": rng.choice(IN_HOUSE_NOTES),
            "verified": verified}


def not_applicable_row(rng, tax, firm, category, verified):
    area = lineage(tax, offered(firm)[0])[-1]
    note = SERVICE_NA_NOTES.get(area) or rng.choice(PRODUCT_NA_NOTES)
    return {"category": category, "not_applicable": True, "supplier": None, "country": None, "evidence_url": None,
            "evidence_note": note, "verified": verified}


def origin(rng, category, home, us_made):
    if us_made:
        return "US"
    pairs = pool(ORIGINS[category])
    return weighted(rng, pairs + [(home, HOME_WEIGHT)] if home in SUPPLIER_STEMS else pairs)


def red_categories(rng, categories, in_house):
    """One or two categories made in a country of concern; adds a prone category if none applies."""
    prone = [(c, w) for c, w in pool(RED_CATEGORIES) if c in categories and c not in in_house]
    prone = prone or [(c, w) for c, w in pool(RED_CATEGORIES) if c not in in_house]
    first = weighted(rng, prone)
    rest = [(c, w) for c, w in prone if c != first]
    return {first, weighted(rng, rest)} if rest and rng.random() < 0.3 else {first}


def row_verifier(rng, profile):
    """A function telling whether the next row is verified, for this firm's profile."""
    if profile == "verified_clean" or (profile == "us_made" and rng.random() < 0.4):
        return lambda: True
    share = 0.55 if profile in ("declared_clean", "us_made") else ROW_VERIFIED_SHARE
    return lambda: rng.random() < share


def category_rows(rng, tax, firm, category, applicable, in_house, red, profile, verified):
    """The rows of one category: not applicable, or one or two suppliers (in-house first)."""
    if category not in applicable:
        return [not_applicable_row(rng, tax, firm, category, verified())]
    rows = [in_house_row(rng, firm, category, verified())] if category in in_house else []
    if category in red:
        concern = rng.choice(RED_ORIGINS) if rng.random() < RU_BY_SHARE.get(firm["country"], 0) else "CN"
        rows.append(supplier_row(rng, firm, category, concern, verified(), RED_NOTES))
    while not rows or (len(rows) < 2 and rng.random() < SECOND_SOURCE_SHARE):
        country = origin(rng, category, firm["country"], profile == "us_made")
        rows.append(supplier_row(rng, firm, category, country, verified(), SUPPLY_NOTES))
    return rows


def all_made_in_us(rows):
    """Every category declared, and every applicable part made in the US."""
    made = [row["country"] for row in rows if not row["not_applicable"]]
    return len({row["category"] for row in rows}) == len(CATEGORIES) and made and set(made) == {"US"}


def make_supply_chain(rng, tax, firm, profile, categories):
    """The firm's declaration rows for its profile (none: an empty list)."""
    if profile == "none":
        return []
    in_house = {MADE_IN_HOUSE[s] for s in offered(firm) if s in MADE_IN_HOUSE and MADE_IN_HOUSE[s] in categories}
    in_house = set() if profile == "us_made" and firm["country"] != "US" else in_house
    red = red_categories(rng, categories, in_house) if profile == "red_flagged" else set()
    applicable = set(categories) | red
    declared = list(CATEGORIES)
    if profile == "incomplete" or (profile == "red_flagged" and rng.random() < 0.45):
        keep = [c for c in declared if c not in red]
        dropped = rng.sample(keep, rng.randint(1, 7))
        declared = [c for c in declared if c not in dropped]
    verified = row_verifier(rng, profile)
    while True:  # only "us_made" firms may end up with every part made in the US
        rows = [row for c in declared for row in category_rows(rng, tax, firm, c, applicable, in_house, red, profile,
                                                                verified)]
        if profile == "us_made" or not all_made_in_us(rows):
            break
    if profile == "declared_clean" and all(row["verified"] for row in rows):
        rng.choice(rows)["verified"] = False
    return rows


def listings(rng, firms, profiles, categories):
    """{firm index: [Blue UAS / Green UAS kinds]} for a few non-red product firms."""
    out = collections.defaultdict(list)
    for quotas, green in ((BLUE_UAS_FIRMS, False), (GREEN_UAS_FIRMS, True)):
        for country, count in quotas.items():
            weights = {i: (3 if profiles[i] in ("us_made", "declared_clean", "verified_clean") else 1)
                       for i, firm in enumerate(firms)
                       if firm["country"] == country and profiles[i] != "red_flagged" and categories[i]}
            for i in draw(rng, weights, count):
                whole_systems = len(categories[i]) == len(CATEGORIES)  # Cleared List; parts go on the Framework
                out[i].append("green_uas" if green else "blue_uas_cleared" if whole_systems else "blue_uas_framework")
    return out


def certification_kinds(rng, firm, profile, listed):
    """The kinds a firm claims: listings first, at most MAX_CERTIFICATIONS, in CERT_KINDS order."""
    country, role = firm["country"], main_role(firm)
    shares = {"iso_9001": ISO_SHARE[firm["size_band"]],
              "as_en_9100": AS9100_SHARE.get(role, AS9100_OTHER_SHARE) * (1.5 if country == "CZ" else 1),
              "aqap_2110": AQAP_SHARE.get(country, 0), "ncage": NCAGE_SHARE[country],
              "ndaa_compliant": 0 if profile == "red_flagged" else NDAA_SHARE.get((country, role), 0),
              "other": OTHER_CERT_SHARE}
    kinds = list(listed) + [kind for kind, share in shares.items() if rng.random() < share]
    kinds = sorted(kinds, key=CERT_PRIORITY.index)[:MAX_CERTIFICATIONS]
    return sorted(kinds, key=CERT_KINDS.index)


def ncage_code(rng, country):
    pools = {"#": "0123456789", "*": "0123456789ABCDEFGHJKLMNPQRSTUVWXYZ"}
    return "".join(rng.choice(pools[c]) if c in pools else c for c in NCAGE_FORMATS[country])


def certification_dates(rng, kind, expired):
    """(issued_on, expires_on): expired ones lapsed in 2024-2026 before TODAY, valid ones run past it."""
    years = VALIDITY_YEARS.get(kind)
    if years is None:
        issued = random_date(rng, ISSUED_FROM.get(kind, date(2008, 1, 1)), TODAY - timedelta(days=30))
        return (issued if rng.random() < 0.6 else None), None
    if expired:
        expires = random_date(rng, date(2024, 1, 1), TODAY - timedelta(days=1))
        return add_years(expires, -years), expires
    issued = random_date(rng, add_years(TODAY, -years) + timedelta(days=1), TODAY - timedelta(days=14))
    return (issued if rng.random() < 0.92 else None), add_years(issued, years)


def certification_reference(rng, firm, kind, issued):
    year = (issued or TODAY).year
    digits = f"{rng.randint(0, 99999):05d}"
    if kind == "ncage":
        return ncage_code(rng, firm["country"])
    if kind in ("blue_uas_cleared", "blue_uas_framework"):
        entry = "Cleared List" if kind == "blue_uas_cleared" else "Framework"
        return f"{entry}: {rng.choice(MODEL_NAMES)}-{rng.randint(1, 4)}"
    standard = "AS" if firm["country"] == "US" else "EN"
    return {"iso_9001": f"QMS-{year}-{digits}", "as_en_9100": f"{standard}9100-{digits}",
            "aqap_2110": f"AQAP/{digits[:3]}/{year}", "green_uas": f"GU-{digits[1:]}",
            "ndaa_compliant": f"NDAA-SD-{year}-{digits[:2]}" if rng.random() < 0.4 else None,
            "other": None}[kind]


def certification_url(rng, firm, kind, reference):
    if rng.random() < 0.35 or (reference is None and kind != "ndaa_compliant"):
        return None
    key = re.sub(r"[^a-z0-9]+", "-", (reference or "ndaa").lower()).strip("-")
    registries = {"ncage": f"https://ncage-lookup.example/codes/{key}",
                  "blue_uas_cleared": f"https://blue-uas-listings.example/entries/{key}",
                  "blue_uas_framework": f"https://blue-uas-listings.example/entries/{key}",
                  "green_uas": f"https://green-uas-registry.example/certificates/{key}",
                  "ndaa_compliant": f"{firm['website']}/compliance/ndaa-declaration.pdf"}
    if kind in registries:
        return registries[kind]
    return f"https://registry.{rng.choice(CERT_BODIES)}.example/certificates/{key}"  # a certification body


def make_certification(rng, firm, kind, expired):
    issued, expires = certification_dates(rng, kind, expired)
    reference = certification_reference(rng, firm, kind, issued)
    note = OTHER_CERTS[firm["country"]] if kind == "other" else rng.choice(CERT_NOTES[kind])
    url = certification_url(rng, firm, kind, reference)
    if not (reference or url or note):
        note = CERT_NOTES[kind][0]
    return {"kind": kind, "reference": reference, "evidence_url": url, "evidence_note": note,
            "issued_on": issued and issued.isoformat(), "expires_on": expires and expires.isoformat(),
            "verified": rng.random() < CERT_VERIFIED_SHARE}


def expired_slots(rng, kinds):
    """(firm index, position) of the claims that lapsed: EXPIRED_SHARE of all, one Blue UAS listing among them."""
    slots = [(i, j) for i, firm_kinds in enumerate(kinds) for j, kind in enumerate(firm_kinds)
             if kind in VALIDITY_YEARS]
    blue = [slot for slot in slots if kinds[slot[0]][slot[1]].startswith("blue_uas")]
    chosen = {rng.choice(blue)} if blue else set()
    total = round(EXPIRED_SHARE * sum(map(len, kinds)))
    return chosen | set(rng.sample([s for s in slots if s not in chosen], total - len(chosen)))


def add_compliance(rng, tax, firms):
    """Give every firm "certifications" and "supply_chain" (US spelling for US firms)."""
    categories = [product_categories(rng, tax, firm) for firm in firms]
    profiles = assign_profiles(rng, firms, categories)
    listed = listings(rng, firms, profiles, categories)
    kinds = [certification_kinds(rng, firm, profiles[i], listed.get(i, ())) for i, firm in enumerate(firms)]
    expired = expired_slots(rng, kinds)
    for i, firm in enumerate(firms):
        parts = {"certifications": [make_certification(rng, firm, kind, (i, j) in expired)
                                    for j, kind in enumerate(kinds[i])],
                 "supply_chain": make_supply_chain(rng, tax, firm, profiles[i], categories[i])}
        firm.update(americanise(parts) if firm["country"] == "US" else parts)


def generate():
    """All firms, sorted by country (COUNTRY_COUNTS order) and name."""
    rng, tax, taken = random.Random(SEED), load_taxonomy(), collections.Counter()
    unknown = referenced_slugs() - set(tax)
    assert not unknown, f"slugs missing from taxonomy: {sorted(unknown)}"
    firms = [firm for country, total in COUNTRY_COUNTS for firm in country_firms(rng, tax, country, total, taken)]
    assert all(c["slug"] in tax for firm in firms for c in firm["capabilities"])
    order = [country for country, _ in COUNTRY_COUNTS]
    firms = sorted(firms, key=lambda firm: (order.index(firm["country"]), firm["name"].casefold()))
    add_compliance(random.Random(COMPLIANCE_SEED), tax, firms)
    return firms


def main():
    firms = generate()
    text = json.dumps(firms, sort_keys=True, ensure_ascii=False, indent=1) + "\n"
    OUTPUT_PATH.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {len(firms)} firms to {OUTPUT_PATH}")


if __name__ == "__main__":
    main()
