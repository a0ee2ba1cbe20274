"""Benchmark the Voila app in headless Chromium against a trivial baseline, in one run.

    python bench/bench_app.py            # 8 page loads each, 30 questions
    python bench/bench_app.py --quick    # 3 page loads each, 10 questions

Every server is started the way ``privacy-desk app`` starts one (python -m
privacy_kb.serve). Measures, with the same browser and machine in the same run:

* page ready: ``goto`` until Voila's ``#loading`` is gone and the first widget is
  visible — the app (privacy_desk.ipynb on a register with demo requests), the app with
  one preheated kernel (``privacy-desk app --preheat 1``: Voila keeps a kernel that has
  already run the notebook), and a one-widget notebook (a Text box) served the same
  way, the baseline. Preheated loads are spaced so the pool has refilled;
* click to answer: pressing Enter in the question box until the new answer is on the
  page — the app against the baseline notebook echoing the text into an HTML widget
  (a pure round trip through the kernel);
* kernel memory: resident size (RSS) of the kernel serving an open page, app and
  baseline.

Prints median and p95 of each and the ratios to the baseline. Absolute figures depend
on the machine (2 cores here); compare the ratios. Needs Debian's chromium.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests" / "browser"))

import nbformat  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402
from voila_helpers import (NOTEBOOK, PAGE_TIMEOUT_MS, launch_browser,  # noqa: E402
                           new_context, start_voila, stop_voila)

from privacy_kb import open_register  # noqa: E402
from privacy_kb.register.demo import fill_demo  # noqa: E402

BASELINE_SOURCE = '''import ipywidgets as w
box = w.Text(continuous_update=False); box.add_class("pd-chat-input")
out = w.HTML(); out.add_class("pd-chat-log")
def echo(change):
    if change["new"].strip():
        out.value = '<div class="pd-turn"><div class="pd-q">' + change["new"] + "</div></div>"
        box.value = ""
box.observe(echo, "value")
w.VBox([box, out])'''

QUESTIONS = ["Hoe lang bewaren jullie mijn sollicitatie?", "Which cookies do you use?",
             "Wat doet de _ga cookie?", "Ik wil mijn gegevens laten verwijderen",
             "Can I unsubscribe from the newsletter?", "Waar kan ik een klacht indienen?",
             "Do you sell my data?", "Hoe kan ik cookies uitzetten?",
             "Welke gegevens verwerken jullie van klanten?", "wat is het weer morgen"]


def percentile(values: list[float], p: float) -> float:
    ordered = sorted(values)
    k = min(len(ordered) - 1, max(0, round(p / 100 * (len(ordered) - 1))))
    return ordered[k]


def _children(pid: int) -> list[int]:
    found = []
    for entry in Path("/proc").iterdir():
        if entry.name.isdigit():
            try:
                stat = (entry / "stat").read_text()
            except OSError:
                continue
            if int(stat.rsplit(")", 1)[1].split()[1]) == pid:
                found.append(int(entry.name))
    return found


def _rss_mb(pid: int) -> float:
    try:
        for line in (Path("/proc") / str(pid) / "status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
    except OSError:
        pass
    return 0.0


def page_ready(browser, server, memory: list[float] | None = None) -> float:
    """Seconds from navigation to the first widget being visible, in a fresh context.

    With ``memory``, appends the RSS of the largest of the server's kernels while the
    page is open (the page's own; a preheated spare has not run the page's widgets)."""
    ctx = new_context(browser)
    page = ctx.new_page()
    try:
        t0 = time.perf_counter()
        page.goto(server.url, timeout=PAGE_TIMEOUT_MS)
        page.wait_for_selector("#loading", state="detached", timeout=PAGE_TIMEOUT_MS)
        page.locator(".pd-chat-input input").wait_for(state="visible",
                                                      timeout=PAGE_TIMEOUT_MS)
        elapsed = time.perf_counter() - t0
        if memory is not None:
            memory.append(max(_rss_mb(pid) for pid in _children(server.proc.pid)))
        return elapsed
    finally:
        page.close(run_before_unload=True)  # as a closing tab: the kernel is shut
        ctx.close()


def wait_for_pool(server, size: int, seconds: float = 60) -> None:
    """Until the preheated server runs ``size`` kernels again, then long enough for the
    new one to have run the notebook (it renders in the background)."""
    deadline = time.monotonic() + seconds
    while len(_children(server.proc.pid)) != size and time.monotonic() < deadline:
        time.sleep(0.2)
    time.sleep(PREHEAT_SETTLE_S)


PREHEAT_SETTLE_S = 8.0


def click_to_answer(browser, url: str, questions: list[str]) -> list[float]:
    """Seconds from pressing Enter to the answer of that question being on the page."""
    ctx = new_context(browser)
    page = ctx.new_page()
    out = []
    try:
        page.goto(url, timeout=PAGE_TIMEOUT_MS)
        page.wait_for_selector("#loading", state="detached", timeout=PAGE_TIMEOUT_MS)
        box = page.locator(".pd-chat-input input")
        box.wait_for(state="visible", timeout=PAGE_TIMEOUT_MS)
        for i, question in enumerate(questions):
            text = f"{question} #{i}"          # unique, so we wait for this very answer
            box.fill(text)
            newest = page.locator(".pd-chat-log .pd-turn").first.locator(".pd-q",
                                                                         has_text=text)
            t0 = time.perf_counter()
            box.press("Enter")
            newest.wait_for(timeout=30_000)
            out.append(time.perf_counter() - t0)
    finally:
        ctx.close()
    return out


def summary(values: list[float]) -> tuple[float, float]:
    return statistics.median(values), percentile(values, 95)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--quick", action="store_true", help="fewer repetitions")
    parser.add_argument("--requests", type=int, default=200,
                        help="demo requests in the app's register (default 200)")
    args = parser.parse_args(argv)
    loads, asks = (3, 10) if args.quick else (8, 30)
    questions = (QUESTIONS * (asks // len(QUESTIONS) + 1))[:asks]

    with tempfile.TemporaryDirectory(prefix="privacy-desk-bench-") as tmp:
        tmp = Path(tmp)
        db = tmp / "register.sqlite3"
        reg = open_register(db)
        fill_demo(reg, args.requests, seed=1)
        reg.close()
        baseline_nb = tmp / "baseline.ipynb"
        nb = nbformat.v4.new_notebook()
        nb.cells = [nbformat.v4.new_code_cell(BASELINE_SOURCE)]
        nb.metadata["kernelspec"] = {"name": "python3", "display_name": "Python 3",
                                     "language": "python"}
        nbformat.write(nb, baseline_nb)

        app = start_voila(NOTEBOOK, db, tmp / "app.log")
        warm = start_voila(NOTEBOOK, db, tmp / "preheat.log", args=["--preheat", "1"])
        base = start_voila(baseline_nb, tmp / "unused.sqlite3", tmp / "base.log")
        try:
            with sync_playwright() as pw:
                browser = launch_browser(pw)
                page_ready(browser, base)          # warm-up: imports into the OS cache
                page_ready(browser, app)
                ready_app, ready_warm, ready_base = [], [], []
                mem_app, mem_base = [], []
                for _ in range(loads):             # interleaved: same conditions
                    ready_base.append(page_ready(browser, base, mem_base))
                    ready_app.append(page_ready(browser, app, mem_app))
                    wait_for_pool(warm, 1)
                    ready_warm.append(page_ready(browser, warm))
                answer_app = click_to_answer(browser, app.url, questions)
                answer_base = click_to_answer(browser, base.url, questions)
                browser.close()
        finally:
            for server in (app, warm, base):
                stop_voila(server)

    rows = [("page ready (s)", ready_app, ready_base),
            ("page ready, preheated (s)", ready_warm, ready_base),
            ("click to answer (ms)", [v * 1000 for v in answer_app],
             [v * 1000 for v in answer_base]),
            ("kernel RSS, page open (MB)", mem_app, mem_base)]
    print(f"Voila app benchmark: {loads} page loads each, {asks} questions, "
          f"{args.requests} demo requests in the register")
    print(f"{'':27} {'app median':>11} {'app p95':>9} {'base median':>12} {'base p95':>9} "
          f"{'ratio med':>10} {'ratio p95':>10}")
    for label, app_v, base_v in rows:
        am, ap = summary(app_v)
        bm, bp = summary(base_v)
        print(f"{label:27} {am:11.2f} {ap:9.2f} {bm:12.2f} {bp:9.2f} {am / bm:10.2f} "
              f"{ap / bp:10.2f}")
    am, _ = summary(ready_app)
    wm, _ = summary(ready_warm)
    print(f"preheated / cold page ready (median): {wm / am:.2f}")
    print("baseline: a one-widget notebook (Text echoing into HTML) served by the same "
          "Voila, measured in the same run")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
