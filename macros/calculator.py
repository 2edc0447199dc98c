"""Renderers for the reach calculator page: parameters, scenarios, calibration, the form."""

from __future__ import annotations

from . import fmt, text
from .models import Figure, ReachModel
from .reach import browser_parameters, calibrate, scenario_inputs, simulate
from .render import render_template, table

FORM_FIELDS = [
    ("followers", "Follower", "400"),
    ("completion", "Abschlussrate in % (ganz angesehen)", "40"),
    ("like", "Likes je 100 Aufrufe (%)", "4"),
    ("comment", "Kommentare je 100 Aufrufe (%)", "0,2"),
    ("share", "Geteilt je 100 Aufrufe (%)", "0,3"),
    ("save", "Gespeichert je 100 Aufrufe (%)", "0,6"),
]


def parameters_table(model: ReachModel) -> str:
    rows = [
        (name, fmt.full_number(parameter.value), parameter.meaning, parameter.why)
        for name, parameter in (
            ("Testpublikum", model.initial_audience),
            ("Follower-Anteil", model.follower_share),
            ("Wachstum je Welle", model.growth_factor),
            ("Obergrenze je Welle", model.max_wave_views),
        )
    ]
    weights = model.weights
    rows.append(("Gewichte", f"Like {fmt.full_number(weights.like)}, Kommentar "
                 f"{fmt.full_number(weights.comment)}, Teilen {fmt.full_number(weights.share)}, "
                 f"Speichern {fmt.full_number(weights.save)}", "Gewichtete Interaktionsrate je Aufruf",
                 model.weights_why))
    headers = ("Parameter", "Wert", "Bedeutung", "Warum")
    return table("Parameter des Modells (aus data/reach.yml)", headers, rows)


def waves_table(model: ReachModel) -> str:
    rows = [
        (str(number), fmt.percent(wave.completion_min), fmt.full_number(wave.interaction_min))
        for number, wave in enumerate(model.waves, start=1)
    ]
    return table("Schwellen je Verbreitungswelle", ("Welle", "Abschlussrate mindestens",
                                                      "Interaktionsrate mindestens"), rows)


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
         fmt.full_number(round(s.modelled.total)), f"{s.deviation:+.0%}".replace("%", fmt.NBSP + "%"))
        for s in calibrate(model, facts)
    ]
    headers = ("Stand", "Aufrufe laut Artikel", "Likes je Aufruf", "Kommentare je Aufruf",
               "Speicherungen je Aufruf", "Aufrufe laut Modell", "Abweichung")
    return table("Der Testaccount aus dem Artikel gegen das Modell", headers, rows)


def calculator_form(model: ReachModel) -> str:
    fields = [{"name": name, "label": label, "value": value} for name, label, value in FORM_FIELDS]
    model_json = text.json_text(browser_parameters(model))
    return render_template("calculator.html", fields=fields, model_json=model_json)
