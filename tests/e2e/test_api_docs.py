"""The interactive API docs work in a real browser, from the app's own assets only."""
from urllib.parse import urlparse

from playwright.sync_api import expect


def test_docs_render_every_resource_from_local_assets(page, live_server):
    requested = []
    page.on("request", lambda request: requested.append(request.url))
    page.goto(f"{live_server}/api/docs")

    for tag in ("firms", "contacts", "firm_capabilities", "taxonomy", "tokens", "health"):
        expect(page.locator(f"#operations-tag-{tag}")).to_be_visible()
    expect(page.locator(".opblock-summary-path", has_text="/api/v1/firms/{firm_id}").first).to_be_visible()
    foreign = [url for url in requested if urlparse(url).netloc != urlparse(live_server).netloc]
    assert not foreign, f"the docs page fetched from elsewhere: {foreign}"


def test_try_it_out_calls_the_api(page, live_server):
    page.goto(f"{live_server}/api/docs")
    operation = page.locator("#operations-health-get_api_v1_health")
    operation.locator(".opblock-summary").click()
    operation.get_by_role("button", name="Try it out").click()
    operation.get_by_role("button", name="Execute").click()

    expect(operation.locator(".live-responses-table tbody .response-col_status").first).to_have_text("200")
    expect(operation.locator(".live-responses-table .microlight").first).to_contain_text('"database": "ok"')
