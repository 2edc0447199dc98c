"""Load and validate every file in `data/` once, with German error messages for editors.

Each problem names the file, the line, the entry id and the field, and says what was expected.
All problems of all files are collected first, then raised together as one `DataError`.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from functools import cached_property
from pathlib import Path
from typing import Any

import yaml
from pydantic import BaseModel, ValidationError

from . import models, relations
from .models import Figure

# --- YAML with line numbers ------------------------------------------------


class _DataLoader(getattr(yaml, "CSafeLoader", yaml.SafeLoader)):  # C parser where available
    """SafeLoader that keeps dates as text, so the models (not PyYAML) check them."""


_DataLoader.yaml_implicit_resolvers = {
    first: [(tag, rx) for tag, rx in resolvers if tag != "tag:yaml.org,2002:timestamp"]
    for first, resolvers in yaml.SafeLoader.yaml_implicit_resolvers.items()
}


class DataError(Exception):
    """One or more problems in `data/`; `str()` is the German report for editors."""

    def __init__(self, problems: list[str]):
        super().__init__(problems)
        self.problems = problems

    def __str__(self) -> str:
        lines = "\n".join(f"  - {problem}" for problem in self.problems)
        return f"Fehler in den Daten ({len(self.problems)}), nichts wurde gebaut:\n{lines}"


def _line_at(node: yaml.Node, loc: tuple[Any, ...]) -> int:
    """Line (1-based) of the deepest YAML node that `loc` reaches."""
    line = node.start_mark.line + 1
    for key in loc:
        if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
        elif isinstance(node, yaml.MappingNode):
            found = next((value for k, value in node.value if k.value == str(key)), None)
            if found is None:
                break
            node = found
        else:
            break
        line = node.start_mark.line + 1
    return line


def _duplicate_keys(node: yaml.Node | None, where: str) -> list[str]:
    if isinstance(node, yaml.MappingNode):
        problems, seen = [], set()
        for key, value in node.value:
            if key.value in seen:
                problems.append(
                    f"{where}, Zeile {key.start_mark.line + 1}: Feld „{key.value}“ steht "
                    "zweimal im selben Eintrag"
                )
            seen.add(key.value)
            problems += _duplicate_keys(value, where)
        return problems
    if isinstance(node, yaml.SequenceNode):
        return [p for item in node.value for p in _duplicate_keys(item, where)]
    return []


# --- German wording of validation errors -----------------------------------

_MESSAGES = {
    "missing": "Pflichtfeld fehlt",
    "string_type": "erwartet Text",
    "float_type": "erwartet eine Zahl",
    "float_parsing": "erwartet eine Zahl (ohne Tausenderpunkte, Komma als Punkt: 25.7)",
    "int_type": "erwartet eine ganze Zahl",
    "int_parsing": "erwartet eine ganze Zahl",
    "int_from_float": "erwartet eine ganze Zahl",
    "bool_type": "erwartet true oder false",
    "bool_parsing": "erwartet true oder false",
    "list_type": "erwartet eine Liste (Zeilen, die mit „- “ beginnen)",
    "model_type": "erwartet einen Block mit Feldern (feld: wert)",
    "dict_type": "erwartet einen Block mit Feldern (feld: wert)",
    "string_too_short": "darf nicht leer sein",
    "too_short": "braucht mindestens einen Eintrag",
    "url_parsing": "erwartet eine Web-Adresse, die mit https:// oder http:// beginnt",
    "url_scheme": "erwartet eine Web-Adresse, die mit https:// oder http:// beginnt",
    "url_type": "erwartet eine Web-Adresse, die mit https:// oder http:// beginnt",
}


def _all_field_names() -> set[str]:
    names: set[str] = set()
    for model in vars(models).values():
        if isinstance(model, type) and issubclass(model, BaseModel):
            names |= set(model.model_fields) - {"root"}
    return names


def _expected(error: dict[str, Any]) -> str:
    kind, ctx = error["type"], error.get("ctx", {})
    if kind == "extra_forbidden":
        field = str(error["loc"][-1])
        close = difflib.get_close_matches(field, _all_field_names(), n=1)
        hint = f" – meinten Sie „{close[0]}“?" if close else ""
        return f"unbekanntes Feld (Tippfehler?){hint}"
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == models.PARTIAL_DATE_PATTERN:
            return "erwartet ein Datum im Format JJJJ-MM-TT, JJJJ-MM oder JJJJ"
        return "erwartet nur Kleinbuchstaben, Ziffern und Unterstriche"
    if kind == "literal_error":
        return f"erlaubt sind: {ctx.get('expected', '')}"
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind == "greater_than":
        return f"muss größer als {ctx.get('gt')} sein"
    return _MESSAGES.get(kind, error["msg"])


def _found(error: dict[str, Any]) -> str:
    if error["type"] in {"missing", "extra_forbidden"} or isinstance(error["input"], dict | list):
        return ""
    text = str(error["input"])
    return f" (gefunden: „{text[:60]}“)"


def _entry_id(raw: Any, loc: tuple[Any, ...]) -> str:
    if loc and isinstance(loc[0], int) and isinstance(raw, list) and loc[0] < len(raw):
        entry = raw[loc[0]]
        if isinstance(entry, dict) and entry.get("id"):
            return f"Eintrag „{entry['id']}“"
        return f"Eintrag Nr. {loc[0] + 1}"
    return ""


def _describe(where: str, node: yaml.Node, raw: Any, error: dict[str, Any]) -> str:
    loc = tuple(error["loc"])
    field_path = ".".join(str(part) for part in loc if not isinstance(part, int))
    parts = [where, f"Zeile {_line_at(node, loc)}", _entry_id(raw, loc)]
    if field_path:
        parts.append(f"Feld „{field_path}“")
    place = ", ".join(part for part in parts if part)
    return f"{place}: {_expected(error)}{_found(error)}"


# --- loading ---------------------------------------------------------------


def _read_yaml(path: Path, where: str) -> tuple[Any, yaml.Node | None]:
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise DataError([f"{where}: Datei fehlt"]) from None
    try:
        node = yaml.compose(text, Loader=_DataLoader)
        raw = yaml.load(text, Loader=_DataLoader)  # noqa: S506 - a SafeLoader subclass
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        place = f"{where}, Zeile {mark.line + 1}, Spalte {mark.column + 1}" if mark else where
        problem = getattr(exc, "problem", None) or str(exc)
        raise DataError(
            [
                f"{place}: YAML-Syntaxfehler ({problem}). Häufige Ursachen: Tabulator statt "
                "Leerzeichen, falsche Einrückung, Doppelpunkt im Text ohne Anführungszeichen"
            ]
        ) from None
    return raw, node


def _duplicate_ids(entries: list[Any], node: yaml.Node, where: str) -> list[str]:
    problems, first_line = [], {}
    for index, entry in enumerate(entries):
        line = _line_at(node, (index, "id"))
        if entry.id in first_line:
            problems.append(
                f"{where}, Zeile {line}, Eintrag „{entry.id}“, Feld „id“: die id gibt es schon "
                f"(Zeile {first_line[entry.id]}); jede id darf nur einmal vorkommen"
            )
        first_line.setdefault(entry.id, line)
    return problems


def load_file(path: Path, model: type[BaseModel]) -> Any:
    """Read one YAML file and validate it against its model; raise DataError on problems."""
    where = f"{path.parent.name}/{path.name}"
    raw, node = _read_yaml(path, where)
    problems = _duplicate_keys(node, where)
    try:
        parsed = model.model_validate(raw if raw is not None else [])
    except ValidationError as exc:
        empty = yaml.compose("[]", Loader=_DataLoader)
        problems += [_describe(where, node or empty, raw, err) for err in exc.errors()]
        raise DataError(problems) from None
    value = getattr(parsed, "root", parsed)
    if isinstance(value, list) and value and hasattr(value[0], "id"):
        problems += _duplicate_ids(value, node, where)
    if problems:
        raise DataError(problems)
    return value


DATA_FILES: dict[str, type[BaseModel]] = {
    "site.yml": models.SiteInfo,
    "timeline.yml": models.TimelineFile,
    "stats.yml": models.StatsFile,
    "laws.yml": models.LawsFile,
    "cases.yml": models.CasesFile,
    "platforms.yml": models.PlatformsFile,
    "fines.yml": models.FinesFile,
    "reach.yml": models.ReachModel,
    "glossary.yml": models.GlossaryFile,
    "article_fixes.yml": models.ArticleFixesFile,
}


@dataclass(frozen=True)
class SiteData:
    site: models.SiteInfo
    timeline: list[models.TimelineEvent]
    stats: list[models.Stat]
    laws: list[models.Law]
    cases: list[models.Case]
    platforms: list[models.Platform]
    fines: list[models.Fine]
    reach: models.ReachModel
    glossary: list[models.GlossaryEntry]
    article_fixes: list[models.ArticleFix]

    @cached_property
    def facts(self) -> dict[str, Figure]:
        """Every figure that pages may quote with `fact(id)`: statistics and case figures."""
        case_figures = [figure for case in self.cases for figure in case.figures]
        return {figure.id: figure for figure in [*self.stats, *case_figures]}


def _shared_fact_ids(stats: list[models.Stat], cases: list[models.Case]) -> list[str]:
    stat_ids = {stat.id for stat in stats}
    return [
        f"data/cases.yml, Eintrag „{case.id}“, Feld „figures.id“: die id „{figure.id}“ gibt es "
        "schon in data/stats.yml; Zahlen-ids müssen in beiden Dateien zusammen eindeutig sein"
        for case in cases
        for figure in case.figures
        if figure.id in stat_ids
    ]


def _unknown_references(data: dict[str, Any]) -> list[str]:
    """References across files: fines → laws, figures → newer figures."""
    law_ids = {law.id for law in data["laws"]}
    figures = [("data/stats.yml", stat) for stat in data["stats"]] + [
        ("data/cases.yml", figure) for case in data["cases"] for figure in case.figures
    ]
    figure_ids = {figure.id for _, figure in figures}
    return [
        f"data/fines.yml, Eintrag „{fine.id}“, Feld „laws“: unbekanntes Gesetz „{law}“; "
        f"erwartet eine id aus data/laws.yml ({', '.join(sorted(law_ids))})"
        for fine in data["fines"]
        for law in fine.laws
        if law not in law_ids
    ] + [
        f"{where}, Eintrag „{figure.id}“, Feld „current“: unbekannte Zahl „{figure.current}“; "
        "erwartet die id einer Zahl aus data/stats.yml oder data/cases.yml"
        for where, figure in figures
        if figure.current and figure.current not in figure_ids
    ]


def _glossary_clashes(entries: list[models.GlossaryEntry]) -> list[str]:
    """A word may belong to one glossary entry only, or its tooltip would be ambiguous."""
    owner: dict[str, str] = {}
    problems = []
    for entry in entries:
        for form in (entry.term, *entry.forms):
            if form in owner and owner[form] != entry.id:
                problems.append(
                    f"data/glossary.yml, Eintrag „{entry.id}“: „{form}“ gehört schon zum Eintrag "
                    f"„{owner[form]}“; jede Schreibweise darf nur zu einem Begriff gehören"
                )
            owner.setdefault(form, entry.id)
    return problems


_loaded: dict[Path, tuple[object, SiteData]] = {}


def _files_stamp(data_dir: Path) -> object:
    stats = {name: (data_dir / name).stat() for name in DATA_FILES if (data_dir / name).exists()}
    return sorted((name, stat.st_mtime_ns, stat.st_size) for name, stat in stats.items())


def load_site_data(data_dir: Path) -> SiteData:
    """All of `data/`, validated; loaded again only when a file changed (the macros plugin and
    the hooks both ask for it in one build). Raises one DataError listing every problem."""
    stamp = _files_stamp(data_dir)
    cached = _loaded.get(data_dir.resolve())
    if cached and cached[0] == stamp:
        return cached[1]
    data = read_site_data(data_dir)
    _loaded[data_dir.resolve()] = (stamp, data)
    return data


def read_site_data(data_dir: Path) -> SiteData:
    """Read and validate every file in `data/` (no cache)."""
    problems: list[str] = []
    loaded: dict[str, Any] = {}
    for filename, model in DATA_FILES.items():
        try:
            loaded[filename.removesuffix(".yml")] = load_file(data_dir / filename, model)
        except DataError as exc:
            problems += exc.problems
    if not problems:
        problems = (_shared_fact_ids(loaded["stats"], loaded["cases"]) + _unknown_references(loaded)
                    + _glossary_clashes(loaded["glossary"]))
    if not problems:
        problems = (relations.current_problems(loaded["stats"], loaded["cases"])
                    + relations.chart_problems(loaded["stats"]))
    if problems:
        raise DataError(problems)
    return SiteData(**loaded)
