"""End to end: the training and report notebooks in Voila, in headless Chromium.

One Voila server per notebook (module scope), started with the shared helpers; the
register and the gap log are temporary files.
"""

from __future__ import annotations

import pytest
from voila_helpers import axe_violations, open_page

pytestmark = pytest.mark.browser


def test_training_walkthrough_quiz_and_desk(browser, training_server):
    ctx, page = open_page(browser, training_server.url, ".pd-train-step")
    try:
        position = page.locator(".pd-train-position")
        assert "Onderdeel 1 van" in position.inner_text()
        page.locator("button.pd-train-next").click()
        page.locator(".pd-train-position", has_text="Onderdeel 2 van").wait_for()

        page.get_by_role("tab", name="Quiz").click()
        page.locator(".pd-quiz-position", has_text="Vraag 1 van").wait_for()
        prompt = page.locator(".pd-quiz-prompt").inner_text().strip()
        assert prompt.endswith("?")
        page.locator("button.pd-quiz-choice").first.click()
        feedback = page.locator(".pd-quiz-feedback")
        feedback.locator(".pd-quiz-source").wait_for()
        text = feedback.inner_text()
        assert ("Goed!" in text) or ("Het juiste antwoord is" in text)
        assert "Bron:" in text
        page.locator("button.pd-quiz-next").click()
        page.locator(".pd-quiz-position", has_text="Vraag 2 van").wait_for()

        page.get_by_role("tab", name="Probeer de desk").click()
        box = page.locator(".pd-chat-input input")
        box.fill("Hoe lang bewaren jullie mijn sollicitatie?")
        box.press("Enter")
        page.locator(".pd-chat-log .pd-turn .pd-src").first.wait_for()
        assert "Bron:" in page.locator(".pd-chat-log .pd-turn").first.inner_text()
    finally:
        ctx.close()


def test_report_renders_its_chart_on_demo_data(browser, report_server):
    ctx, page = open_page(browser, report_server.url, "img.pd-report-chart")
    try:
        assert "DEMO-GEGEVENS" in page.locator(".pd-demo-banner").inner_text()
        chart = page.locator("img.pd-report-chart")
        page.wait_for_function(
            "() => { const i = document.querySelector('img.pd-report-chart');"
            " return i && i.complete && i.naturalWidth > 300; }")
        assert chart.is_visible()
        overview = page.locator(".pd-report-overview").inner_text()
        assert "Verzoeken in totaal" in overview and "Beantwoord binnen één maand" in overview
        page.locator("button.pd-report-export").first.click()
        link = page.locator(".pd-report-export-links a.pd-download")
        link.wait_for()
        assert "demo-verzoeken.csv" in link.get_attribute("download")
    finally:
        ctx.close()


# -- accessibility (issue 16: no serious or critical axe-core finding on the three pages)

def test_axe_finds_nothing_serious_on_the_training_page(browser, training_server):
    ctx, page = open_page(browser, training_server.url, ".pd-train-step")
    try:
        assert axe_violations(page) == []
    finally:
        ctx.close()


def test_axe_finds_nothing_serious_on_the_report_page(browser, report_server):
    ctx, page = open_page(browser, report_server.url, ".pd-report-overview")
    try:
        assert axe_violations(page) == []
    finally:
        ctx.close()
