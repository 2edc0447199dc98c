"""Why a build failed, in German, for the terminal and the error page of `make serve`.

Takes what a failed MkDocs build left behind (its warning and error messages, the exception)
and returns one line per mistake with file and line, as far as they can be found. Plain Python:
`macros/serve.py` collects the messages from MkDocs and passes them in.
"""

from __future__ import annotations

import re
import traceback
from pathlib import Path

import jinja2

from .data import DataError, load_site_data
from .doccheck import check_docs, pages_report, split_front_matter
from .render import render_template

_LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains a link '(?P<link>[^']+)', but (?P<why>.*)")
_MISSING_TARGET = re.compile(r"the target '(?P<target>[^']+)' is not found among documentation files")
_MISSING_ANCHOR = re.compile(r"the doc '(?P<doc>[^']+)' does not contain an anchor '(?P<anchor>[^']+)'")
_OTHER_LINK = re.compile(r"Doc file '(?P<page>[^']+)' contains an? (?P<kind>[\w ]+) link '(?P<link>[^']+)'")
_PAGE_ERROR = re.compile(r"Error (?:reading|building) page '(?P<page>[^']+)':\s*(?P<rest>.*)", re.DOTALL)
_SUMMARY = ("Aborted with", "Error reading page", "Error building page")
_UNDEFINED = re.compile(r"'(?P<name>\w+)' is undefined")


def failure_report(messages: list[str], error: BaseException | None, project: Path) -> list[str]:
    """One German line (or block) per mistake, without repeats; never empty."""
    lines = [_describe_message(message, project) for message in messages]
    lines.append(_describe_error(error, project) if error is not None else "")
    unique = list(dict.fromkeys(item for line in lines for item in _items(line)))
    return unique or ["Der Bau ist ohne nähere Meldung gescheitert – die letzte Änderung prüfen"]


def page_failure(page: str, error: BaseException, project: Path) -> str:
    """The German report for a page whose macros failed while mkdocs-macros rendered it.

    The build stops at the first such page, so the report lists every problem the page check
    finds in docs/ (file order, with line and hint), and the error itself unless the check
    names its place already. No traceback: the place comes from the error's template frame.
    """
    problems = _page_problems(project)
    place, text = _page_error(page, error, project)
    if not any(problem.startswith(f"{place}:") for problem in problems):
        problems.append(f"{place}: {text}")
    return pages_report(problems)


def _items(report: str) -> list[str]:
    """The entries of a "Fehler in den Daten (n) …:\n  - …" report, or the line itself."""
    head, *rest = report.splitlines() or [""]
    if rest and head.endswith(":") and all(line.startswith("  - ") for line in rest):
        return [line.removeprefix("  - ") for line in rest]
    return [report] if report else []


def _page_problems(project: Path) -> list[str]:
    try:
        return check_docs(project / "docs", load_site_data(project / "data"))
    except DataError:
        return []  # reported by the build itself
    except Exception:  # noqa: BLE001 - the report names the build's own error then; it never fails
        return []


def _describe_message(message: str, project: Path) -> str:
    if match := _LINK.match(message):
        return _broken_link(match, project)
    if match := _OTHER_LINK.match(message):
        where = _page_place(project, match["page"], match["link"])
        return (f"{where}: den Link „{match['link']}“ kann MkDocs keiner Seite zuordnen – auf eine Seite "
                "als relativen Pfad mit .md verlinken, z. B. ../wissen/glossar.md")
    if match := _PAGE_ERROR.match(message):
        rest = match["rest"].strip()
        return f"Seite docs/{match['page']}: {rest}" if rest else ""
    if message.startswith(_SUMMARY):
        return ""
    return message


def _broken_link(match: re.Match[str], project: Path) -> str:
    where = _page_place(project, match["page"], match["link"])
    if target := _MISSING_TARGET.search(match["why"]):
        return (f"{where}: der Link „{match['link']}“ führt ins Leere – die Seite „{target['target']}“ "
                "gibt es nicht; Pfad prüfen (relativ zu dieser Seite, mit .md)")
    if anchor := _MISSING_ANCHOR.search(match["why"]):
        return (f"{where}: der Link „{match['link']}“ führt ins Leere – die Seite „{anchor['doc']}“ "
                f"hat keinen Abschnitt „{anchor['anchor']}“; Anker prüfen (Überschrift in "
                "Kleinbuchstaben, Leerzeichen als -)")
    return f"{where}: der Link „{match['link']}“ führt ins Leere ({match['why']})"


def _page_place(project: Path, page: str, needle: str) -> str:
    """ "Seite docs/x.md, Zeile n" with the first line that contains `needle`, if any."""
    try:
        lines = (project / "docs" / page).read_text(encoding="utf-8").splitlines()
    except OSError:
        return f"Seite docs/{page}"
    number = next((n for n, line in enumerate(lines, 1) if needle in line), None)
    return f"Seite docs/{page}, Zeile {number}" if number else f"Seite docs/{page}"


def _page_error(page: str, error: BaseException, project: Path) -> tuple[str, str]:
    """("Seite docs/x.md, Zeile n", what went wrong) for an error raised while rendering a page."""
    where = f"Seite docs/{page}"
    text = str(error).removeprefix(f"{where}: ")
    if isinstance(error, jinja2.TemplateSyntaxError):
        line: int | None = error.lineno
        text = f"Fehler in der Makro-Schreibweise ({error.message}) – jedes {{{{ braucht sein }}}}"
    else:
        frames = traceback.extract_tb(error.__traceback__)
        line = next((f.lineno for f in reversed(frames) if f.filename == "<template>"), None)
        if undefined := _UNDEFINED.fullmatch(text):
            text = f"unbekanntes Makro „{undefined['name']}“ – Schreibweise prüfen (Redaktionshandbuch)"
        elif not isinstance(error, (ValueError, KeyError)):  # not one of our German messages
            text = f"{type(error).__name__}: {text}"
        template = next((f for f in reversed(frames) if f.filename.endswith(".html")), None)
        if template:
            text += f" (in der Vorlage {_relative(template.filename, project)}, Zeile {template.lineno})"
    if line:
        try:
            _, _, offset = split_front_matter((project / "docs" / page).read_text(encoding="utf-8"))
        except OSError:
            offset = 0
        where += f", Zeile {line + offset}"
    return where, text


def _describe_error(error: BaseException, project: Path) -> str:
    if isinstance(error, SystemExit) or str(error).startswith(_SUMMARY):
        return ""  # the macros plugin or MkDocs has logged the reason already
    if isinstance(error, DataError):
        return str(error)
    if isinstance(error, jinja2.TemplateSyntaxError):
        name = _relative(error.filename or error.name or "?", project)
        return f"Vorlage {name}, Zeile {error.lineno}: Fehler in der Vorlagen-Schreibweise ({error.message})"
    frames = [f for f in traceback.extract_tb(error.__traceback__) if _inside(f.filename, project)]
    place = f" (in {_relative(frames[-1].filename, project)}, Zeile {frames[-1].lineno})" if frames else ""
    return f"{type(error).__name__}: {error}{place}"


def _inside(filename: str, project: Path) -> bool:
    return Path(filename).resolve().is_relative_to(project.resolve()) and ".venv" not in filename


def _relative(filename: str, project: Path) -> str:
    path = Path(filename)
    if path.is_absolute() and path.resolve().is_relative_to(project.resolve()):
        return path.resolve().relative_to(project.resolve()).as_posix()
    return filename


def error_page(problems: list[str], site_name: str, when: str) -> str:
    """The German page `make serve` shows for every page while the last build failed."""
    return render_template("error_page.html", problems=problems, site_name=site_name, when=when)
