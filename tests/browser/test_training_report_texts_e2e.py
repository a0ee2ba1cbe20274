"""End to end, in headless Chromium: what only a browser can show of the training's
presentation mode and the report's language switch and chart alt text (issue 16).

The CSS of presentation mode has to beat ipywidgets' own rules (disabled buttons at
60% opacity, white text on green or red); here the computed styles are checked.
"""

from __future__ import annotations

import pytest
from voila_helpers import open_page

pytestmark = pytest.mark.browser


STYLE = """(el) => { const s = getComputedStyle(el);
  return {size: parseFloat(s.fontSize), opacity: parseFloat(s.opacity), color: s.color,
          background: s.backgroundColor}; }"""


def test_presentation_mode_is_large_unfaded_and_dark_on_light(browser, training_server):
    ctx, page = open_page(browser, training_server.url, ".pd-train-step")
    try:
        page.get_by_role("tab", name="Quiz").click()
        page.locator(".pd-quiz-position", has_text="Vraag 1 van").wait_for()
        normal = page.locator(".pd-quiz-prompt").evaluate(STYLE)
        page.locator("button.pd-present-toggle").click()
        page.locator(".pd-present").wait_for()
        prompt = page.locator(".pd-quiz-prompt .widget-html-content")
        assert prompt.evaluate(STYLE)["size"] >= 28 > normal["size"]
        page.locator("button.pd-quiz-choice").first.click()
        page.locator(".pd-quiz-feedback .pd-quiz-source").wait_for()
        page.locator("button.pd-choice-right").wait_for()
        for button in page.locator("button.pd-quiz-choice").all():
            style = button.evaluate(STYLE)
            assert button.is_disabled()
            assert style["opacity"] == 1, style                # answered, not faded
            assert style["size"] >= 22, style
            assert style["color"] == "rgb(0, 0, 0)", style     # never white on red/green
        right = page.locator("button.pd-choice-right").evaluate(STYLE)
        assert right["background"] == "rgb(200, 240, 208)"
        # switching language keeps the question and the score
        page.locator(".pd-lang button", has_text="EN").click()
        page.locator(".pd-quiz-position", has_text="Question 1 of").wait_for()
        assert "Score so far: " in page.locator(".pd-quiz-score").inner_text()
        assert page.locator("button.pd-choice-right").count() == 1
    finally:
        ctx.close()


def test_report_charts_have_alt_text_and_the_report_switches_language(browser,
                                                                      report_server):
    ctx, page = open_page(browser, report_server.url, "img.pd-report-chart")
    try:
        for selector in ("img.pd-report-chart", "img.pd-report-handling"):
            alt = page.locator(selector).get_attribute("alt")
            assert alt.startswith("DEMO-GEGEVENS") and len(alt) > 80, alt
        assert "Geteld over" in page.locator(".pd-report-overview").inner_text()
        page.locator(".pd-lang button", has_text="EN").click()
        page.locator(".pd-report-overview", has_text="Requests in total").wait_for()
        page.locator('img.pd-report-chart[alt^="DEMO DATA"]').wait_for()
        alt = page.locator("img.pd-report-chart").get_attribute("alt")
        assert "Stacked bar chart" in alt
        assert "DEMO DATA" in page.locator(".pd-demo-banner").inner_text()
    finally:
        ctx.close()
