"""Match runs through the API, and what each role sees of proposals and suggestions.

Proposals are stored here by hand where the test is about reading them (access, masking), so the
test does not depend on what the model happens to propose for a small world.
"""
import pytest

from matchmaker.domain.access import Actor
from matchmaker.domain.enums import JobStatus, Role
from matchmaker.models import Job, Proposal, ProposalMember, Suggestion
from matchmaker.services import jobs
from matchmaker.services.matching import MATCH
from tests.factories import CANARY_SECRETS

RUNS = "/api/v1/match-runs"
PROPOSALS = "/api/v1/proposals"
REASON = "{0} makes thermal imagers, which {1} seeks; {2} tests them on FPV interceptors."


@pytest.fixture
def run(session) -> Job:
    """A succeeded run holding one proposal of (public PL, canary TW, own TW) and suggestions for 'own'."""
    job = jobs.create_job(session=session, actor=Actor(role=Role.ADMIN), kind=MATCH, params={})
    job.status = JobStatus.SUCCEEDED
    session.commit()
    return job


def store_proposal(session, run: Job, world, targets: tuple[str, ...], rank: int = 1) -> Proposal:
    proposal = Proposal(run_id=run.id, kind="trilateral", template="mspo", rank=rank, score=0.9,
                        score_parts={"fit": 0.5, "complementarity": 0.4}, reasons=[REASON])
    proposal.members = [
        ProposalMember(position=i, firm_id=world.firms[t].id, country=world.firms[t].country, role=role)
        for i, (t, role) in enumerate(zip(targets, ("components", "rnd", "expertise")))
    ]
    session.add(proposal)
    session.commit()
    return proposal


def listed(client, world, role: str, query: str = "") -> list[dict]:
    response = client.get(f"{PROPOSALS}?kind=trilateral{query}", headers=world.headers(role))
    assert response.status_code == 200, response.get_json()
    return response.get_json()


def test_starting_a_run_answers_202_with_its_url(client, world, monkeypatch):
    from matchmaker.jobs import runner

    monkeypatch.setattr(runner, "submit", lambda job_id: None)  # leave it queued: the model is tested elsewhere
    response = client.post(RUNS, json={"template": "mspo", "top": 10}, headers=world.headers("organizer"))
    assert response.status_code == 202
    run = client.get(response.headers["Location"], headers=world.headers("organizer")).get_json()
    assert (run["status"], run["parameters"]["top"]) == ("queued", 10)


def test_a_second_run_while_one_is_queued_is_409(client, world, monkeypatch):
    from matchmaker.jobs import runner

    monkeypatch.setattr(runner, "submit", lambda job_id: None)
    assert client.post(RUNS, json={}, headers=world.headers("organizer")).status_code == 202
    second = client.post(RUNS, json={}, headers=world.headers("admin"))
    assert second.status_code == 409 and "already" in second.get_json()["message"]


def test_an_unknown_template_is_422(client, world):
    response = client.post(RUNS, json={"template": "nope"}, headers=world.headers("organizer"))
    assert response.status_code == 422 and "template" in response.get_json()["errors"]["json"]


def test_proposals_before_any_run_are_404(client, world):
    assert client.get(PROPOSALS, headers=world.headers("organizer")).status_code == 404


def test_who_sees_which_proposal(client, session, world, run):
    store_proposal(session, run, world, ("own", "discreet_tw", "public"), rank=1)
    tw_only = store_proposal(session, run, world, ("own", "discreet_tw", "members"), rank=2)
    tw_only.members[2].country = "CZ"  # a proposal with no PL member
    session.commit()
    ranks = lambda role: [p["rank"] for p in listed(client, world, role)]  # noqa: E731
    assert ranks("organizer") == ranks("admin") == [1, 2]
    assert ranks("reviewer") == [1]  # its office covers PL
    assert ranks("firm_editor") == [1, 2]  # both include its firm
    assert client.get(PROPOSALS, headers=world.headers("observer")).status_code == 403
    assert client.get(PROPOSALS).status_code == 401


def test_members_and_reasons_are_masked_for_whoever_may_not_see_a_member(client, session, world, run):
    store_proposal(session, run, world, ("own", "discreet_tw", "public"))
    [for_reviewer] = listed(client, world, "reviewer")
    names = [member["name"] for member in for_reviewer["members"]]
    assert names == ["Discreet firm (TW)", "Discreet firm (TW)", world.firms["public"].name]
    assert for_reviewer["reasons"] == [REASON.format(*names)]
    text = str(for_reviewer)
    assert not [secret for secret in CANARY_SECRETS if secret in text]
    [for_organizer] = listed(client, world, "organizer")
    assert for_organizer["members"][1]["name"] == world.firms["discreet_tw"].name


def test_possessives_follow_the_name_shown(client, session, world, run):
    proposal = store_proposal(session, run, world, ("public", "members", "own"))
    proposal.reasons = ["{0}'s supply chain is verified clean.", "{2}'s declaration is incomplete."]
    session.commit()
    [for_reviewer] = listed(client, world, "reviewer")
    assert for_reviewer["reasons"] == [
        f"{world.firms['public'].name}'s supply chain is verified clean.",
        "Discreet firm (TW)'s declaration is incomplete.",
    ]
    world.firms["public"].name = "Bóbr Partners"
    session.commit()
    assert listed(client, world, "reviewer")[0]["reasons"][0] == "Bóbr Partners' supply chain is verified clean."


def test_the_run_parameter_picks_a_run_and_unknown_runs_are_404(client, session, world, run):
    store_proposal(session, run, world, ("own", "discreet_tw", "public"))
    assert listed(client, world, "organizer", f"&run={run.id}")[0]["run_id"] == run.id
    assert client.get(f"{PROPOSALS}?run=999999", headers=world.headers("organizer")).status_code == 404


def test_suggestions_are_for_the_firms_editors_and_organizers(client, session, world, run):
    own = world.firms["own"]
    session.add(Suggestion(run_id=run.id, firm_id=own.id, kind="bilateral", rank=1, score=0.7, reasons=["{0} and {1}."],
                           members=[{"firm_id": own.id, "country": "TW", "role": "components"},
                                    {"firm_id": world.firms["discreet_tw"].id, "country": "TW", "role": "rnd"}]))
    session.commit()
    url = f"/api/v1/firms/{own.id}/suggestions?kind=bilateral"
    mine = client.get(url, headers=world.headers("firm_editor")).get_json()
    assert mine[0]["reasons"] == [f"{own.name} and Discreet firm (TW)."]
    assert client.get(url, headers=world.headers("organizer")).status_code == 200
    assert client.get(url, headers=world.headers("reviewer")).status_code == 403
    public_url = f"/api/v1/firms/{world.firms['public'].id}/suggestions"
    assert client.get(public_url, headers=world.headers("firm_editor")).status_code == 403


def test_a_firm_blocks_a_partner_and_lifts_the_block(client, world):
    own, other = world.firms["own"], world.firms["public"]
    url = f"/api/v1/firms/{own.id}/exclusions"
    created = client.post(url, json={"other_firm_id": other.id, "reason": "competitor"}, headers=world.headers("firm_editor"))
    assert created.status_code == 201
    assert client.post(url, json={"other_firm_id": other.id}, headers=world.headers("firm_editor")).status_code == 409
    pairs = {(e["firm_id"], e["other_firm_id"]) for e in client.get(url, headers=world.headers("firm_editor")).get_json()}
    assert tuple(sorted((own.id, other.id))) in pairs
    assert client.delete(f"{url}/{created.get_json()['id']}", headers=world.headers("firm_editor")).status_code == 204
    assert client.post(url, json={"other_firm_id": own.id}, headers=world.headers("firm_editor")).status_code == 422
    assert client.post(url, json={"other_firm_id": other.id}, headers=world.headers("observer")).status_code == 403
