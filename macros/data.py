"""Load and validate every file in `data/` once, with German error messages for editors.

Each problem names the file, the line, the entry id and the field, and says what was expected.
All problems of all files are collected first, then raised together as one `DataError`.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Callable
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
    """Line (1-based) of the deepest YAML node that `loc` reaches; for a field, its key's line."""
    line = node.start_mark.line + 1
    for key in loc:
        if isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            node = node.value[key]
            line = node.start_mark.line + 1
        elif isinstance(node, yaml.MappingNode):
            found = next(((k, value) for k, value in node.value if k.value == str(key)), None)
            if found is None:
                break
            line, node = found[0].start_mark.line + 1, found[1]
        else:
            break
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
    "finite_number": "erwartet eine endliche Zahl (nicht .nan oder .inf)",
    "string_too_long": "ist zu lang",
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
        hint = f" – meintest du „{close[0]}“?" if close else ""
        return f"unbekanntes Feld (Tippfehler?){hint}"
    if kind == "string_pattern_mismatch":
        return _PATTERN_MESSAGES.get(ctx.get("pattern", ""), "enthält Zeichen, die hier nicht erlaubt sind")
    if kind == "literal_error":
        allowed = re.findall(r"'([^']*)'", str(ctx.get("expected", "")))
        return "erlaubt sind: " + ", ".join(f"„{value}“" for value in allowed)
    if kind == "value_error":
        return str(ctx.get("error", error["msg"]))
    if kind in _BOUNDS:
        wording, key = _BOUNDS[kind]
        return f"{wording} {_number(ctx.get(key))} sein"
    if kind in {"string_too_long", "too_long"}:
        return f"ist zu lang (höchstens {ctx.get('max_length')} Zeichen)"
    return _MESSAGES.get(kind, error["msg"])


_PATTERN_MESSAGES = {
    models.PARTIAL_DATE_PATTERN: "erwartet ein Datum im Format JJJJ-MM-TT, JJJJ-MM oder JJJJ",
    models.ID_PATTERN: "erwartet nur Kleinbuchstaben, Ziffern und Unterstriche",
    r"^$|" + models.ID_PATTERN: "erwartet eine id (Kleinbuchstaben, Ziffern, Unterstriche) oder nichts",
    models.SHORT_NAME_PATTERN: "erwartet einen Kurznamen aus Buchstaben, Ziffern, Leerzeichen, Punkt "
    "oder Bindestrich (höchstens 40 Zeichen, kein HTML)",
    models.UNIT_PATTERN: "erwartet eine Einheit aus Buchstaben, Ziffern, %, €, $, £, Punkt, Schrägstrich "
    "oder Leerzeichen (höchstens 20 Zeichen, kein HTML)",
}
_BOUNDS = {
    "greater_than": ("muss größer als", "gt"),
    "greater_than_equal": ("muss mindestens", "ge"),
    "less_than": ("muss kleiner als", "lt"),
    "less_than_equal": ("darf höchstens", "le"),
}


def _number(value: object) -> str:
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    if isinstance(value, int | float) and not isinstance(value, bool) and abs(value) >= 1e6:
        return f"{value:,.0f}".replace(",", ".")
    return str(value).replace(".", ",")


def _found(error: dict[str, Any], expected: str) -> str:
    if error["type"] in {"missing", "extra_forbidden"} or isinstance(error["input"], dict | list):
        return ""
    text = str(error["input"])[:60]
    return "" if text in expected else f" (gefunden: „{text}“)"


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
    expected = _expected(error)
    return f"{place}: {expected}{_found(error, expected)}"


# --- loading ---------------------------------------------------------------


MAX_FILE_BYTES = 1_000_000  # the largest data file has about 12 KB
MAX_DEPTH = 12  # the deepest real nesting is 4 (cases → figures → source → title)


def _decode(path: Path, where: str) -> str:
    try:
        raw = path.read_bytes()
    except FileNotFoundError:
        raise DataError([f"{where}: Datei fehlt"]) from None
    if len(raw) > MAX_FILE_BYTES:
        raise DataError([f"{where}: Datei ist größer als {MAX_FILE_BYTES // 1000} KB; "
                         "so groß ist keine Datendatei, bitte prüfen"])
    try:
        return raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise DataError([f"{where}, Zeile {line}: ungültiges Zeichen (Byte 0x{raw[exc.start]:02x}); "
                         "die Datei muss als UTF-8 gespeichert sein (im Editor: Kodierung UTF-8)"]) from None


def _hostile_constructs(events: list[yaml.Event], where: str) -> list[str]:
    """Anchors, aliases, explicit tags and deep nesting, found by one linear pass over the
    parser's events (no alias is ever followed, so no input can make this slow)."""
    problems, depth = [], 0
    for event in events:
        line = event.start_mark.line + 1
        if isinstance(event, yaml.AliasEvent) or getattr(event, "anchor", None):
            problems.append(f"{where}, Zeile {line}: Anker und Verweise (&name, *name) sind in data/ "
                            "nicht erlaubt; bitte den Wert ausschreiben")
        elif getattr(event, "tag", None) and not isinstance(event, yaml.DocumentStartEvent):
            tag = event.tag.replace("tag:yaml.org,2002:", "!!")
            problems.append(f"{where}, Zeile {line}: Typangaben wie „{tag}“ sind in data/ nicht "
                            "erlaubt; bitte den Wert ohne „!“ schreiben (Text in Anführungszeichen)")
        depth += isinstance(event, yaml.CollectionStartEvent) - isinstance(event, yaml.CollectionEndEvent)
        if depth > MAX_DEPTH:
            return [*problems, f"{where}, Zeile {line}: mehr als {MAX_DEPTH} Ebenen verschachtelt; "
                    "so tief ist keine Datendatei, bitte die Einrückung prüfen"]
        if len(problems) >= 10:
            break
    return problems


class _EventReplay(yaml.composer.Composer, yaml.constructor.SafeConstructor, yaml.resolver.Resolver):
    """Composes and constructs from events already parsed (and checked): each file is parsed
    once. Resolves plain scalars as _DataLoader does (dates stay text)."""

    yaml_implicit_resolvers = _DataLoader.yaml_implicit_resolvers

    def __init__(self, events: list[yaml.Event]):
        self._events, self._next = events, 0
        yaml.composer.Composer.__init__(self)
        yaml.constructor.SafeConstructor.__init__(self)
        yaml.resolver.Resolver.__init__(self)

    def check_event(self, *choices: type) -> bool:
        if self._next >= len(self._events):
            return False
        return not choices or isinstance(self._events[self._next], choices)

    def peek_event(self) -> yaml.Event:
        return self._events[self._next]

    def get_event(self) -> yaml.Event:
        self._next += 1
        return self._events[self._next - 1]


def _syntax_error(exc: yaml.YAMLError, text: str, where: str) -> DataError:
    if isinstance(exc, yaml.reader.ReaderError):
        line = text[: exc.position].count("\n") + 1
        return DataError([f"{where}, Zeile {line}: unsichtbares Steuerzeichen (U+{exc.character:04X}) "
                          "im Text; bitte entfernen"])
    mark = getattr(exc, "problem_mark", None)
    place = f"{where}, Zeile {mark.line + 1}, Spalte {mark.column + 1}" if mark else where
    problem = getattr(exc, "problem", None) or str(exc)
    return DataError([f"{place}: YAML-Syntaxfehler ({problem}). Häufige Ursachen: Tabulator statt "
                      "Leerzeichen, falsche Einrückung, Doppelpunkt im Text ohne Anführungszeichen"])


def _read_yaml(path: Path, where: str) -> tuple[Any, yaml.Node | None]:
    text = _decode(path, where)
    try:
        events = list(yaml.parse(text, Loader=_DataLoader))
        hostile = _hostile_constructs(events, where)
        if hostile:
            raise DataError(hostile)
        replay = _EventReplay(events)
        node = replay.get_single_node()
        raw = replay.construct_document(node) if node is not None else None
    except yaml.YAMLError as exc:
        raise _syntax_error(exc, text, where) from None
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


def _nested_duplicate_ids(node: yaml.Node | None, where: str, depth: int = 0) -> list[str]:
    """The same id twice in a list inside an entry (e.g. two figures of one case)."""
    problems: list[str] = []
    if isinstance(node, yaml.MappingNode):
        for _, value in node.value:
            problems += _nested_duplicate_ids(value, where, depth + 1)
    elif isinstance(node, yaml.SequenceNode):
        if depth > 0:
            problems += _repeated_ids(node, where)
        for item in node.value:
            problems += _nested_duplicate_ids(item, where, depth + 1)
    return problems


def _repeated_ids(sequence: yaml.SequenceNode, where: str) -> list[str]:
    first_line: dict[str, int] = {}
    problems = []
    for item in sequence.value:
        if not isinstance(item, yaml.MappingNode):
            continue
        key = next((k for k, v in item.value if k.value == "id" and isinstance(v, yaml.ScalarNode)), None)
        if key is None:
            continue
        value = next(v.value for k, v in item.value if k is key)
        line = key.start_mark.line + 1
        if value in first_line:
            problems.append(f"{where}, Zeile {line}, Eintrag „{value}“, Feld „id“: die id gibt es in "
                            f"dieser Liste schon (Zeile {first_line[value]}); jede id darf nur einmal "
                            "vorkommen")
        first_line.setdefault(value, line)
    return problems


def load_file(path: Path, model: type[BaseModel]) -> Any:
    """Read one YAML file and validate it against its model; raise DataError on problems."""
    where = f"{path.parent.name}/{path.name}"
    raw, node = _read_yaml(path, where)
    problems = _duplicate_keys(node, where) + _nested_duplicate_ids(node, where)
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
    owner = {stat.id: "data/stats.yml" for stat in stats}
    problems = []
    for case in cases:
        for figure in case.figures:
            if figure.id in owner:
                problems.append(
                    f"data/cases.yml, Eintrag „{case.id}“, Feld „figures.id“: die id „{figure.id}“ gibt "
                    f"es schon in {owner[figure.id]}; Zahlen-ids müssen in data/stats.yml und "
                    "data/cases.yml zusammen eindeutig sein")
            owner.setdefault(figure.id, f"data/cases.yml (Eintrag „{case.id}“)")
    return problems


def _calibration_references(reach: models.ReachModel, facts: dict[str, Figure]) -> list[str]:
    """reach.yml `calibration` names figures by id; each must exist, and views must be above 0."""
    where = "data/reach.yml, Feld „calibration."
    settings = reach.calibration
    problems = []
    if settings.followers_fact not in facts:
        problems.append(f"{where}followers_fact“: unbekannte Zahl „{settings.followers_fact}“; erwartet die "
                        "id einer Zahl aus data/stats.yml oder data/cases.yml")
    for prefix in settings.snapshots:
        for kind in ("views", "likes", "comments", "saves"):
            if f"{prefix}_{kind}" not in facts:
                problems.append(f"{where}snapshots“: zu „{prefix}“ fehlt die Zahl „{prefix}_{kind}“ in "
                                "data/stats.yml (je Stichtag: _views, _likes, _comments, _saves)")
        views = facts.get(f"{prefix}_views")
        if views is not None and views.value <= 0:
            problems.append(f"{where}snapshots“: „{prefix}_views“ ist 0; aus 0 Aufrufen lässt sich keine "
                            "Rate berechnen")
    return problems


def unknown_files(data_dir: Path) -> list[str]:
    """Files in data/ that nothing reads (a misspelt name, or a file meant for somewhere else)."""
    expected = set(DATA_FILES) | {"schemas"}
    return [
        f"data/{path.name}: unbekannte Datei, sie wird nicht gelesen; erwartet werden nur "
        f"{', '.join(DATA_FILES)} (Tippfehler im Namen?)"
        for path in sorted(data_dir.iterdir())
        if path.name not in expected and not path.name.startswith(".")
    ] if data_dir.is_dir() else []


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
_parsed: dict[Path, tuple[object, Any]] = {}


def _load_file_once(path: Path, model: type[BaseModel]) -> Any:
    """`load_file`, again only after the file changed (in `make serve` a save changes one file)."""
    try:
        stat = path.stat()
    except OSError:  # missing: load_file names the problem
        return load_file(path, model)
    stamp = (stat.st_mtime_ns, stat.st_size, model)
    cached = _parsed.get(path.resolve())
    if cached is None or cached[0] != stamp:
        cached = _parsed[path.resolve()] = (stamp, load_file(path, model))
    return cached[1]


def _files_stamp(data_dir: Path) -> object:
    names = [path.name for path in data_dir.iterdir()] if data_dir.is_dir() else []
    stats = {name: (data_dir / name).stat() for name in names}
    return sorted((name, stat.st_mtime_ns, stat.st_size) for name, stat in stats.items())


def load_site_data(data_dir: Path) -> SiteData:
    """All of `data/`, validated; loaded again only when a file changed (the macros plugin and
    the hooks both ask for it in one build). Raises one DataError listing every problem."""
    stamp = _files_stamp(data_dir)
    cached = _loaded.get(data_dir.resolve())
    if cached and cached[0] == stamp:
        return cached[1]
    data = read_site_data(data_dir, _load_file_once)
    _loaded[data_dir.resolve()] = (stamp, data)
    return data


def read_site_data(data_dir: Path, load: Callable[[Path, type[BaseModel]], Any] = load_file) -> SiteData:
    """Read and validate every file in `data/` (each with `load`; the default caches nothing)."""
    problems: list[str] = unknown_files(data_dir)
    loaded: dict[str, Any] = {}
    for filename, model in DATA_FILES.items():
        try:
            loaded[filename.removesuffix(".yml")] = load(data_dir / filename, model)
        except DataError as exc:
            problems += exc.problems
    if not problems:
        problems = (_shared_fact_ids(loaded["stats"], loaded["cases"]) + _unknown_references(loaded)
                    + _glossary_clashes(loaded["glossary"]))
    if not problems:
        problems = (relations.current_problems(loaded["stats"], loaded["cases"])
                    + relations.chart_problems(loaded["stats"])
                    + _calibration_references(loaded["reach"], SiteData(**loaded).facts))
    if problems:
        raise DataError(problems)
    return SiteData(**loaded)
