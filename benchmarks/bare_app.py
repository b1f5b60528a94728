"""The baseline of benchmarks/firm_list.py: a bare Flask app answering a firm-list-sized JSON page.

Served by the same gunicorn settings as the real app, it shows what the framework and server alone
cost, so the benchmark can report the real endpoint as a ratio that holds on any machine.
"""
from flask import Flask, jsonify

PAGE = [
    {
        "id": number,
        "name": f"Firm {number}",
        "country": "PL",
        "masked": False,
        "city": "Kraków",
        "website": f"https://firm-{number}.example",
        "description": "Integrator of unmanned systems for NATO customers; " * 4,
        "visibility": "public",
        "verification_status": "verified",
        "capabilities": [
            {"slug": "thermal-imagers", "name": "Thermal imagers", "direction": "offers",
             "role_kind": "components", "inferred": False, "note": None}
        ] * 5,
    }
    for number in range(20)
]

app = Flask(__name__)


@app.get("/api/v1/firms")
def firms():
    return jsonify(PAGE)
