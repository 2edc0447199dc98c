"""Reach model: properties, calibration against the article's test account, parity with reach.js."""

from __future__ import annotations

import gzip
import itertools
import json
import subprocess
from dataclasses import replace

import pytest
from conftest import PROJECT, page_html, without_tooltips

from macros.data import load_site_data
from macros.reach import Inputs, browser_parameters, calibrate, simulate

DATA = load_site_data(PROJECT / "data")
MODEL = DATA.reach
REACH_JS = PROJECT / "docs" / "assets" / "js" / "reach.js"

FOLLOWERS = [0, 10, 400, 10_000, 2_000_000]
COMPLETIONS = [0.0, 0.25, 0.5, 0.65, 1.0]
RATES = [0.0, 0.005, 0.03, 0.1]


def grid() -> list[Inputs]:
    """5 × 5 × 4 × 4 = 400 inputs, covering every wave boundary and the cap."""
    return [
        Inputs(followers, completion, like, like / 20, like / 10, like / 4)
        for followers, completion, like, _ in itertools.product(FOLLOWERS, COMPLETIONS, RATES, [0])
    ] + [
        Inputs(400, completion, 0.05, comment, 0.01, save)
        for completion, comment, save in itertools.product(COMPLETIONS, RATES, RATES)
    ]


def test_total_never_below_initial_audience() -> None:
    for inputs in grid():
        assert simulate(MODEL, inputs).total >= MODEL.initial_audience.value


@pytest.mark.parametrize("field", ["followers", "completion", "like", "comment", "share", "save"])
def test_monotonic_in_each_input(field: str) -> None:
    for inputs in grid():
        base = simulate(MODEL, inputs).total
        current = getattr(inputs, field)
        more = current * 2 + (1 if field == "followers" else 0.01)
        if field != "followers":
            more = min(more, 1.0)
        assert simulate(MODEL, replace(inputs, **{field: more})).total >= base


def test_deterministic() -> None:
    assert [simulate(MODEL, i) for i in grid()] == [simulate(MODEL, i) for i in grid()]


def test_waves_grow_by_the_factor_up_to_the_cap() -> None:
    result = simulate(MODEL, Inputs(2_000_000, 1.0, 0.1, 0.05, 0.05, 0.05))
    assert len(result.waves) == len(MODEL.waves) + 1
    assert max(result.waves) == MODEL.max_wave_views.value
    strong = simulate(MODEL, Inputs(10, 1.0, 0.1, 0.05, 0.05, 0.05))
    for earlier, later in itertools.pairwise(strong.waves):
        assert later == pytest.approx(earlier * MODEL.growth_factor.value)


def test_calibration_against_the_test_account() -> None:
    """Feb 2024: the model meets the test video's views within the tolerance in data/reach.yml."""
    february, july = calibrate(MODEL, DATA.facts)
    assert february.as_of == "2024-02"
    assert february.like_rate == pytest.approx(2000 / 30000)
    assert abs(february.deviation) <= MODEL.calibration.tolerance
    assert july.views > february.views  # later virality, which a timeless model cannot show


def _run_js(inputs: list[Inputs]) -> list[dict[str, object]]:
    script = (
        "const {simulate} = require(process.argv[1]);"
        "const [model, inputs] = JSON.parse(require('fs').readFileSync(0, 'utf8'));"
        "process.stdout.write(JSON.stringify(inputs.map(x => simulate(model, x))));"
    )
    payload = json.dumps([browser_parameters(MODEL), [vars(i) for i in inputs]])
    done = subprocess.run(["node", "-e", script, str(REACH_JS)], input=payload,
                          capture_output=True, text=True, check=True, timeout=60)
    return json.loads(done.stdout)


def test_javascript_and_python_give_identical_results() -> None:
    inputs = grid()
    assert len(inputs) >= 50
    for given, js in zip(inputs, _run_js(inputs), strict=True):
        py = simulate(MODEL, given)
        assert js["waves"] == list(py.waves), given
        assert js["total"] == py.total, given
        for key in ("interaction_rate", "likes", "comments", "shares", "saves"):
            assert js[key] == getattr(py, key), (given, key)


def test_script_is_small() -> None:
    assert len(gzip.compress(REACH_JS.read_bytes())) <= 4096


def test_calculator_page_tells_the_story_without_javascript(site) -> None:
    html = without_tooltips(page_html(site, "wissen/reichweitenrechner/"))
    assert "nicht TikToks Algorithmus" in html
    assert html.count("<tr>") >= 1 + len(MODEL.scenarios) * len(MODEL.scenario_followers)
    february = calibrate(MODEL, DATA.facts)[0]
    assert f"{round(february.modelled.total):,}".replace(",", ".") in html
    assert "6,7\u00a0%" in html  # likes per view in Feb 2024, computed from the data
    model_attr = json.dumps(browser_parameters(MODEL), separators=(",", ":")).replace('"', "&#34;")
    assert f'data-model="{model_attr}"' in html
