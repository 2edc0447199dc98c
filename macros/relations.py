"""Relations between figures that must be true, not only well-typed.

- `current` links a figure to a newer figure of the same metric, unit and scope (a different
  metric never "replaces" a figure: ad reach is not monthly users, EU is not EEA + UK).
- A chart (`chart` name in data/stats.yml) compares like with like: one metric, one unit.
- A chain of `current` links ends at the newest figure; `newest()` follows it.

Each problem is a German sentence naming the file and the entries, for `make check-data`.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from .models import Case, Figure, Stat


def _scope(figure: Figure) -> str:
    return getattr(figure, "scope", "")


def _where(figure: Figure, stats_ids: set[str]) -> str:
    return "data/stats.yml" if figure.id in stats_ids else "data/cases.yml"


def _current_problem(old: Figure, new: Figure, where: str) -> str:
    place = f"{where}, Eintrag „{old.id}“, Feld „current“"
    if old.id == new.id:
        return f"{place}: eine Zahl kann sich nicht selbst ablösen"
    for label, mine, theirs in (("Kennzahl (metric)", old.metric, new.metric),
                                ("Einheit (unit)", old.unit, new.unit),
                                ("Bezug (scope)", _scope(old), _scope(new))):
        if mine != theirs:
            return (f"{place}: „{new.id}“ hat eine andere {label} („{theirs or 'leer'}“ statt "
                    f"„{mine or 'leer'}“); `current` darf nur auf eine neuere Zahl derselben "
                    "Kennzahl, Einheit und desselben Bezugs zeigen")
    if new.as_of <= old.as_of:
        return (f"{place}: „{new.id}“ (Stand {new.as_of}) ist nicht neuer als „{old.id}“ "
                f"(Stand {old.as_of}); `current` muss auf eine neuere Zahl zeigen")
    return ""


def _chain_problem(start: Figure, facts: Mapping[str, Figure], where: str) -> str:
    seen = [start.id]
    figure = start
    while figure.current and figure.current in facts:
        figure = facts[figure.current]
        if figure.id in seen:
            loop = " → ".join([*seen, figure.id])
            return f"{where}, Eintrag „{start.id}“, Feld „current“: Kreis ohne Ende ({loop})"
        seen.append(figure.id)
    return ""


def current_problems(stats: Sequence[Stat], cases: Sequence[Case]) -> list[str]:
    """Every `current` link that is not a newer figure of the same metric, unit and scope."""
    figures = [*stats, *(figure for case in cases for figure in case.figures)]
    facts = {figure.id: figure for figure in figures}
    stats_ids = {stat.id for stat in stats}
    problems = []
    for figure in figures:
        if not figure.current or figure.current not in facts:
            continue  # unknown ids are reported by data._unknown_references
        where = _where(figure, stats_ids)
        problem = (_current_problem(figure, facts[figure.current], where)
                   or _chain_problem(figure, facts, where))
        if problem:
            problems.append(problem)
    return problems


def chart_problems(stats: Sequence[Stat]) -> list[str]:
    """Every chart whose entries differ in metric or unit (they would not be comparable)."""
    series: dict[str, list[Stat]] = {}
    for stat in stats:
        if stat.chart:
            series.setdefault(stat.chart, []).append(stat)
    problems = []
    for name, entries in series.items():
        kinds = {(stat.metric, stat.unit) for stat in entries}
        if len(kinds) > 1:
            listed = "; ".join(f"„{s.id}“: {s.metric}{f' ({s.unit})' if s.unit else ''}"
                               for s in entries)
            problems.append(
                f"data/stats.yml, Diagramm „{name}“: die Einträge zählen Verschiedenes ({listed}); "
                "ein Diagramm vergleicht nur Zahlen derselben Kennzahl und Einheit – eigenen "
                "`chart`-Namen vergeben oder `chart` entfernen"
            )
    return problems


def newest(figure: Figure, facts: Mapping[str, Figure]) -> Figure:
    """The end of the `current` chain (validated to be finite): the newest figure of its kind."""
    while figure.current:
        figure = facts[figure.current]
    return figure
