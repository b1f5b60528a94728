"""Where the project's own files are, found through the package so the CLI works from any directory."""
from pathlib import Path

PROJECT_ROOT = Path(__file__).resolve().parent.parent
MIGRATIONS_DIR = PROJECT_ROOT / "migrations"
SEED_DATA_DIR = PROJECT_ROOT / "seed_data"
TAXONOMY_FILE = SEED_DATA_DIR / "taxonomy.yaml"
DEMO_FIRMS_FILE = SEED_DATA_DIR / "firms.json"
LEXICON_FILE = SEED_DATA_DIR / "lexicon.yaml"
APPLICATIONS_FILE = SEED_DATA_DIR / "applications.yaml"
