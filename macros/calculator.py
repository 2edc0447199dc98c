"""Renderers for the reach calculator page: parameters, scenarios, calibration, the form."""

from __future__ import annotations

from . import fmt, text
from .models import Figure, ReachModel
from .reach import browser_parameters, calibrate, scenario_inputs, simulate
from .render import render_template, table

FORM_FIELDS = [
    ("followers", "Follower", "400"),
    ("completion", "Abschlussrate in %", "40"),
    ("like", "Like-Rate in %", "4"),
    ("comment", "Kommentar-Rate in %", "0,2"),
    ("share", "Teilen-Rate in %", "0,3"),
    ("save", "Speicher-Rate in %", "0,6"),
]


def parameters_table(model: ReachModel) -> str:
    rows = [
        (name, shown, parameter.meaning, parameter.why)
        for name, shown, parameter in (
            ("Testpublikum", f"{fmt.full_number(model.initial_audience.value)} Aufrufe",
             model.initial_audience),
            ("Follower-Anteil", fmt.percent(model.follower_share.value), model.follower_share),
            ("Wachstum je Welle", f"× {fmt.full_number(model.growth_factor.value)}", model.growth_factor),
            ("Obergrenze je Welle", f"{fmt.full_number(model.max_wave_views.value)} Aufrufe",
             model.max_wave_views),
        )
    ]
    weights = model.weights
    rows.append(("Gewichte", f"Like {fmt.full_number(weights.like)}, Kommentar "
                 f"{fmt.full_number(weights.comment)}, Teilen {fmt.full_number(weights.share)}, "
                 f"Speichern {fmt.full_number(weights.save)}",
                 "So viel zählt jede Interaktion in der gewichteten Interaktionsrate", model.weights_why))
    headers = ("Parameter", "Wert", "Bedeutung", "Warum")
    return table("Annahmen des Modells", headers, rows)


def waves_table(model: ReachModel) -> str:
    rows = [
        (str(number), fmt.percent(wave.completion_min), fmt.percent(wave.interaction_min))
        for number, wave in enumerate(model.waves, start=1)
    ]
    return table("Schwellen je Verbreitungswelle", ("Welle", "Abschlussrate mindestens",
                                                      "Gewichtete Interaktionsrate mindestens"), rows)


def scenarios_table(model: ReachModel) -> str:
    rows = []
    for label, followers, inputs in scenario_inputs(model):
        result = simulate(model, inputs)
        rows.append((fmt.full_number(followers), label, fmt.percent(inputs.completion),
                     str(len(result.waves) - 1), fmt.full_number(round(result.total)),
                     fmt.full_number(round(result.likes))))
    headers = ("Follower", "Inhalt", "Abschlussrate", "Zusätzliche Wellen", "Aufrufe", "Likes")
    return table("Szenarien: was ein Video erwarten kann", headers, rows)


def calibration_table(model: ReachModel, facts: dict[str, Figure]) -> str:
    rows = [
        (fmt.partial_date(s.as_of), fmt.full_number(s.views), fmt.percent(s.like_rate),
         fmt.percent(s.comment_rate), fmt.percent(s.save_rate),
         fmt.full_number(round(s.modelled.total)), fmt.change(s.deviation))
        for s in calibrate(model, facts)
    ]
    headers = ("Stand", "Aufrufe laut Artikel", "Like-Rate", "Kommentar-Rate", "Speicher-Rate",
               "Aufrufe laut Modell", "Abweichung")
    return table("Der Testaccount aus dem Artikel gegen das Modell", headers, rows)


def calculator_form(model: ReachModel) -> str:
    fields = [{"name": name, "label": label, "value": value} for name, label, value in FORM_FIELDS]
    model_json = text.json_text(browser_parameters(model))
    waves = range(1, len(model.waves) + 2)  # the test audience plus every wave the model can unlock
    return render_template("calculator.html", fields=fields, model_json=model_json, waves=waves)
