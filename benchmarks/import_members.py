"""Benchmark: ``matchmaker import FILE`` of a realistic member list, on SQLite and on PostgreSQL.

    .venv/bin/python -m benchmarks.import_members                  # 10,000 rows, 3 runs per database
    .venv/bin/python -m benchmarks.import_members --rows 500       # the smoke size

The member list is generated here (seeded, so every run reads the same file): unique firm names,
countries of the five participating ones written as people write them ("Warsaw, Poland", "R.O.C.",
"Česko", "U.S.A."), descriptions assembled from varied phrasings in English, Polish, Czech, Ukrainian
and Chinese (some firms have nothing to do with drones), and about 2.5% bad rows (no name, a country
that does not participate or is unreadable, a firm listed twice).

Each run starts from a fresh database (schema and taxonomy, untimed), then times the command as a
subprocess under GNU time: the import of the file, then a re-import of the same file (every row
unchanged). The figures are the median wall-clock seconds and peak RSS of the runs; the machine may be
shared, so read medians, not single runs. The goal is <= 10 s for 10,000 rows on SQLite. The
PostgreSQL database (default "bench_import") is wiped; never point this at a database you need.
"""
import argparse
import csv
import io
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from sqlalchemy import text
from sqlalchemy.engine import make_url
from sqlmodel import Session

from benchmarks.firm_list import ensure_postgres_database
from matchmaker import migrate
from matchmaker.domain.text import search_key
from matchmaker.extensions import make_engine
from matchmaker.resources import TAXONOMY_FILE
from matchmaker.services.taxonomy import load_taxonomy

ROOT = Path(__file__).resolve().parent.parent
MATCHMAKER = Path(sys.executable).parent / "matchmaker"
GNU_TIME = Path("/usr/bin/time")


def matchmaker_environment(url: str) -> dict[str, str]:
    """The environment of a `matchmaker` command on ``url``: jobs run in the command, which waits for them."""
    return {**os.environ, "DATABASE_URL": url, "JOBS_MODE": "inline", "SECRET_KEY": "benchmark"}
GOAL_SECONDS = 10.0
BAD_SHARE = 0.025
HEADER = ("Company Name", "Country", "City", "Website (URL)", "Company profile", "Contact person", "E-mail", "Phone")

# Countries as member lists write them; each reads as the code on the left, some with a warning.
COUNTRY_FORMS = {
    "PL": ("Poland", "POLAND", "Polska", "PL", "pl", "Warsaw, Poland", "Poland (EU)", "Rzeczpospolita Polska", " Poland "),
    "CZ": ("Czech Republic", "Czechia", "CZ", "Česko", "Česká republika", "ČR", "Czech Rep.", "Prague, Czech Republic"),
    "UA": ("Ukraine", "UA", "Україна", "Ukraina", "Kyiv, Ukraine", "UKR", "ukraine"),
    "TW": ("Taiwan", "TW", "Taiwan, R.O.C.", "Republic of China", "台灣", "Taiwan (ROC)", "Taipei, Taiwan", "ROC"),
    "US": ("USA", "U.S.A.", "United States", "US", "United States of America", "America", "Austin, TX, USA"),
}
COUNTRY_WEIGHTS = {"PL": 30, "UA": 25, "TW": 20, "CZ": 15, "US": 10}
CITIES = {
    "PL": ("Warszawa", "Kraków", "Wrocław", "Gdańsk", "Rzeszów", "Łódź", "Poznań", "Mielec", "Lublin", "Bielsko-Biała"),
    "CZ": ("Praha", "Brno", "Ostrava", "Plzeň", "Olomouc", "Zlín", "Hradec Králové", "Kunovice"),
    "UA": ("Kyiv", "Lviv", "Kharkiv", "Dnipro", "Odesa", "Zaporizhzhia", "Vinnytsia", "Ivano-Frankivsk"),
    "TW": ("Taichung", "Taipei", "Kaohsiung", "Tainan", "Hsinchu", "Taoyuan", "Chiayi"),
    "US": ("Austin", "Arlington", "San Diego", "Huntsville", "Boulder", "Tucson", "Dayton", "Seattle"),
}
LEGAL_FORMS = {
    "PL": ("Sp. z o.o.", "S.A.", "sp.k.", ""), "CZ": ("s.r.o.", "a.s.", ""), "UA": ("LLC", "ТОВ", "PJSC", ""),
    "TW": ("Co., Ltd.", "Corp.", "Inc.", ""), "US": ("Inc.", "LLC", "Corp.", ""),
}
NAME_FIRST = (
    "Aero", "Sky", "Falcon", "Orbit", "Vector", "Nord", "Polar", "Silver", "Eagle", "Stork", "Kestrel", "Aurora",
    "Delta", "Sigma", "Nova", "Titan", "Vistula", "Carpathian", "Dnipro", "Formosa", "Bohemia", "Moravia", "Pacific",
    "Granite", "Amber", "Cobalt", "Quantum", "Zenith", "Horizon", "Boreal", "Lynx", "Kite", "Swift", "Raven", "Atlas",
)
NAME_SECOND = (
    "Dynamics", "Systems", "Robotics", "Avionics", "Technologies", "Labs", "Aerospace", "Electronics", "Composites",
    "Propulsion", "Optics", "Power", "Defence", "Engineering", "Works", "Industries", "Solutions", "Precision",
    "Drones", "UAV", "Unmanned", "Sensors", "Wireless", "Machining", "Energy", "Instruments", "Mechatronics",
)

# Products by slug-ish family, in English; the multilingual phrasings below carry their own.
PRODUCTS = (
    "brushless motors", "ESCs", "carbon fibre propellers", "LiPo battery packs", "Li-ion cells", "flight controllers",
    "autopilot software", "GNSS receivers", "anti-jamming antennas (CRPA)", "thermal camera cores", "EO/IR gimbals",
    "radar payloads", "LiDAR sensors", "long-range datalinks", "tactical radios", "mesh networking radios",
    "RF detection systems", "jamming systems", "FPV drones", "VTOL platforms", "fixed-wing UAVs", "loitering munitions",
    "interceptor drones", "unmanned ground vehicles", "target recognition software", "inertial navigation units",
    "visual navigation modules", "hydrogen fuel cells", "battery management systems", "quadcopters",
)
CUSTOMERS = ("defence customers", "civil operators", "system integrators", "agriculture", "border guards",
             "search and rescue teams", "energy utilities", "OEMs in Europe")
ENGLISH = (
    "We manufacture {a} and {b}.",
    "Design and manufacture of {a}, {b} and {c} for {customers}.",
    "We offer {a}; looking for {x} suppliers.",
    "Producer of {a}. Seeking a partner for {x}.",
    "{A}, {b}; OEM/ODM, small series and custom builds.",
    "Founded in {year}, the company develops {a} for {customers}. Interested in {x}.",
    "Contract manufacturing of {a} and {b}. ISO 9001 and AS9100 certified.",
    "Distributor of {a} in {region}.",
    "R&D of {a}; we also integrate {b} into complete systems.",
    "Our portfolio: {a}, {b}, {c}. We need reliable suppliers of {x}.",
    "Specialising in {a} since {year}. Wanted: {x}.",
    "Small team building {a} for {customers}, open to joint development of {x}.",
)
FOREIGN = (
    "Produkujemy silniki bezszczotkowe i śmigła. Szukamy dostawców kamer termowizyjnych.",
    "Oferujemy pakiety akumulatorów dla dronów przemysłowych; poszukujemy kontrolerów lotu.",
    "Projektujemy i wytwarzamy gimbale oraz łącza danych dla bezzałogowych statków powietrznych.",
    "Vyrábíme termokamery a stabilizované závěsy. Hledáme výrobce vrtulí.",
    "Nabízíme bateriové sady a řídicí jednotky pro multikoptéry.",
    "Виробляємо FPV дрони та безколекторні двигуни. Шукаємо постачальників тепловізорів.",
    "Розробляємо польотні контролери; потребуємо акумуляторні батареї.",
    "本公司生產無刷馬達與螺旋槳，尋找熱像儀供應商。",
    "專業製造雲台、圖傳與飛控，提供OEM服務。",
)
UNRELATED = (
    "Family bakery: bread, pastries and wedding cakes delivered daily.",
    "Accounting and payroll services for small businesses.",
    "Law firm advising on export control, sanctions and public procurement.",
    "Logistics and warehousing, bonded storage near the border crossing.",
    "Hotel and conference centre with 120 rooms.",
    "Industrial cleaning and facility management.",
    "",
)
REGIONS = ("Poland", "Central Europe", "the Baltic states", "Ukraine", "Taiwan", "North America")


@dataclass(frozen=True)
class MemberList:
    path: Path
    rows: int
    accepted: int  # rows the import should create


def generate(path: Path, rows: int, seed: int = 20_250) -> MemberList:
    """Write the member list; return how many of its rows a correct import accepts."""
    rng = random.Random(seed)
    codes = list(COUNTRY_WEIGHTS)
    weights = list(COUNTRY_WEIGHTS.values())
    seen: set[tuple[str, str]] = set()
    written: list[tuple[str, str, tuple]] = []  # (code, name, row) of accepted rows, for duplicates
    accepted = 0
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(HEADER)
    for number in range(rows):
        code = rng.choices(codes, weights)[0]
        name = unique_name(rng, code, seen)
        city = rng.choice(CITIES[code])
        slug = re.sub(r"[^a-z0-9]+", "-", search_key(name)).strip("-")
        website = rng.choice((f"www.{slug}.example", f"https://{slug}.example", f"{slug}.example/en", ""))
        person = rng.choice(("Anna Nowak", "Jan Kowalski", "Petr Novák", "Olena Shevchenko", "Chen Wei-Lin", "John Miller", ""))
        email = f"{rng.choice(('office', 'sales', 'info', 'contact'))}@{slug}.example" if rng.random() < 0.85 else ""
        phone = f"+{rng.randint(1, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)} {rng.randint(100, 999)}" if rng.random() < 0.6 else ""
        row = [name, rng.choice(COUNTRY_FORMS[code]), city, website, _description(rng), person, email, phone]
        if rng.random() < BAD_SHARE and written:
            _spoil(rng, row, written)
        else:
            if rng.random() < 0.01:
                row[6] = rng.choice(("n/a", "office at firm dot pl", "-"))  # a warning, still imported
            accepted += 1
            written.append((code, name, tuple(row)))
        writer.writerow(row)
    path.write_text(out.getvalue(), encoding="utf-8")
    return MemberList(path, rows, accepted)


def unique_name(rng: random.Random, code: str, seen: set[tuple[str, str]]) -> str:
    while True:
        base = f"{rng.choice(NAME_FIRST)} {rng.choice(NAME_SECOND)}"
        if rng.random() < 0.7:
            base = f"{base} {rng.choice(NAME_FIRST)}{rng.randint(2, 999)}"
        name = f"{base} {rng.choice(LEGAL_FORMS[code])}".strip()
        key = (code, search_key(name))
        if key not in seen:
            seen.add(key)
            return name


def _description(rng: random.Random) -> str:
    roll = rng.random()
    if roll < 0.12:
        return rng.choice(UNRELATED)
    if roll < 0.25:
        return rng.choice(FOREIGN)
    a, b, c, x = rng.sample(PRODUCTS, 4)
    sentences = [rng.choice(ENGLISH).format(
        a=a, A=a[0].upper() + a[1:], b=b, c=c, x=x, year=rng.randint(1991, 2023), customers=rng.choice(CUSTOMERS),
        region=rng.choice(REGIONS),
    )]
    if rng.random() < 0.3:
        sentences.append(rng.choice(ENGLISH).format(
            a=c, A=c[0].upper() + c[1:], b=a, c=b, x=rng.choice(PRODUCTS), year=rng.randint(1991, 2023),
            customers=rng.choice(CUSTOMERS), region=rng.choice(REGIONS),
        ))
    return " ".join(sentences)


def _spoil(rng: random.Random, row: list, written: list) -> None:
    """Make the row one the import must reject."""
    kind = rng.choice(("no name", "not participating", "unreadable", "ambiguous", "duplicate"))
    if kind == "no name":
        row[0] = ""
    elif kind == "not participating":
        row[1] = rng.choice(("Germany", "Slovakia", "Japan", "Berlin, Germany"))
    elif kind == "unreadable":
        row[1] = rng.choice(("Narnia", "EU", "n/a", ""))
    elif kind == "ambiguous":
        row[1] = rng.choice(("Poland / Ukraine", "Taiwan, China", "CR"))
    else:
        _code, name, earlier = rng.choice(written)
        row[0], row[1] = name.upper(), earlier[1]


# --- Running and measuring ------------------------------------------------------------------------


@dataclass(frozen=True)
class Measure:
    seconds: float
    peak_rss_mb: float
    summary: str  # the report's first line


def fresh_database(url: str, directory: Path, run: int) -> str:
    """A new, migrated database with the taxonomy: a new SQLite file, or the PostgreSQL one wiped."""
    if not url:
        url = f"sqlite:///{directory / f'import-{run}.db'}"
    else:
        ensure_postgres_database(url)
    engine = make_engine(url)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("DROP SCHEMA public CASCADE; CREATE SCHEMA public"))
    migrate.upgrade(engine)
    with Session(engine) as session:
        load_taxonomy(session=session, path=TAXONOMY_FILE)
    if engine.dialect.name == "postgresql":
        with engine.begin() as connection:
            connection.execute(text("ANALYZE"))
    engine.dispose()
    return url


def timed_import(url: str, member_list: Path) -> Measure:
    env = matchmaker_environment(url)
    command = [str(GNU_TIME), "-v", str(MATCHMAKER), "import", str(member_list)]
    started = time.perf_counter()
    done = subprocess.run(command, cwd=ROOT, env=env, capture_output=True, text=True)
    seconds = time.perf_counter() - started
    if done.returncode != 0:
        raise SystemExit(f"matchmaker import failed ({done.returncode}):\n{done.stdout}\n{done.stderr}")
    rss = re.search(r"Maximum resident set size \(kbytes\): (\d+)", done.stderr)
    return Measure(seconds, int(rss.group(1)) / 1024 if rss else float("nan"), done.stdout.splitlines()[0])


def check(summary: str, member_list: MemberList, first: bool) -> None:
    """Stop if the import did not do what the file asks: a timing of the wrong work is worthless."""
    rejected = member_list.rows - member_list.accepted
    created, unchanged = (member_list.accepted, 0) if first else (0, member_list.accepted)
    expected = f"{member_list.rows} rows imported: {created} created, 0 updated, {unchanged} unchanged, {rejected} rejected"
    if expected not in summary:
        raise SystemExit(f"unexpected report:\n  {summary}\nexpected:\n  {expected}")


def ensure_gnu_time() -> None:
    if GNU_TIME.exists():
        return
    print("/usr/bin/time is missing: installing GNU time with apt-get.")
    subprocess.run(["apt-get", "install", "-y", "-q", "time"], check=True)
    if not GNU_TIME.exists():
        raise SystemExit("GNU time could not be installed; it is needed for peak RSS.")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    parser.add_argument("--rows", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=3, help="fresh-database runs per database")
    parser.add_argument("--database-url", default="postgresql://postgres@127.0.0.1:5432/bench_import",
                        help="PostgreSQL database to wipe and use (its name must not be 'test')")
    parser.add_argument("--no-postgres", action="store_true", help="measure SQLite only")
    parser.add_argument("--keep", type=Path, help="also copy the generated member list here")
    args = parser.parse_args()
    if not args.no_postgres and make_url(args.database_url).database in (None, "", "test", "postgres"):
        raise SystemExit(f"Refusing to wipe {args.database_url}: use a database of the benchmark's own.")
    ensure_gnu_time()

    results: dict[str, list[Measure]] = {}
    with tempfile.TemporaryDirectory(prefix="bench-import-") as tmp:
        directory = Path(tmp)
        started = time.perf_counter()
        member_list = generate(directory / "members.csv", args.rows)
        size_kb = member_list.path.stat().st_size / 1024
        print(f"member list: {member_list.rows} rows ({member_list.accepted} valid), {size_kb:,.0f} KB, "
              f"generated in {time.perf_counter() - started:.1f} s")
        if args.keep:
            shutil.copyfile(member_list.path, args.keep)
        # The fixed cost of the command (interpreter, app, tagger, one row), to read the figures against.
        one_row = generate(directory / "one-row.csv", 1)
        for run in range(1, args.runs + 1):
            database = fresh_database("", directory, run)
            results.setdefault("SQLite 1-row file", []).append(timed_import(database, one_row.path))
            Path(database.removeprefix("sqlite:///")).unlink()
        databases = {"SQLite": ""} if args.no_postgres else {"SQLite": "", "PostgreSQL": args.database_url}
        for label, url in databases.items():
            for run in range(1, args.runs + 1):
                database = fresh_database(url, directory, run)
                for kind, first in (("import", True), ("re-import", False)):
                    measure = timed_import(database, member_list.path)
                    check(measure.summary, member_list, first)
                    results.setdefault(f"{label} {kind}", []).append(measure)
                    print(f"run {run} {label:<10} {kind:<9} {measure.seconds:6.2f} s  peak RSS {measure.peak_rss_mb:6.0f} MB")
                if url == "":
                    Path(database.removeprefix("sqlite:///")).unlink()
        print(f"\nreport of the last SQLite import: {results['SQLite import'][-1].summary}")
    report(results, member_list, args.runs)


def report(results: dict[str, list[Measure]], member_list: MemberList, runs: int) -> None:
    print(f"\n`matchmaker import` of {member_list.rows:,} rows ({member_list.accepted:,} valid), "
          f"median of {runs} runs on fresh databases")
    print(f"{'':<22}{'median s':>10}{'min s':>8}{'max s':>8}{'rows/s':>9}{'peak RSS MB':>13}")
    for name, measures in results.items():
        seconds = [m.seconds for m in measures]
        median = statistics.median(seconds)
        rss = statistics.median(m.peak_rss_mb for m in measures)
        rate = "" if name == "SQLite 1-row file" else f"{member_list.rows / median:,.0f}"
        print(f"{name:<22}{median:>10.2f}{min(seconds):>8.2f}{max(seconds):>8.2f}{rate:>9}{rss:>13.0f}")
    sqlite = statistics.median(m.seconds for m in results["SQLite import"])
    if member_list.rows == 10_000:
        verdict = "meets" if sqlite <= GOAL_SECONDS else "misses"
        print(f"SQLite import: {sqlite:.2f} s {verdict} the goal of <= {GOAL_SECONDS:.0f} s (process start-up included).")
    else:
        print(f"The goal (<= {GOAL_SECONDS:.0f} s on SQLite) is for 10,000 rows; this run is a smoke test.")


if __name__ == "__main__":
    main()
