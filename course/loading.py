"""Read YAML and CSV content files and validate them against their JSON Schema.

Every failure raises :class:`~course.errors.ContentError` naming the file, the
place inside it, what is wrong and how to fix it.
"""

from __future__ import annotations

import csv
import hashlib
import io
import json
import os
import sys
from functools import cache
from pathlib import Path
from typing import TYPE_CHECKING, Any

import yaml

from course import paths
from course.errors import ContentError

if TYPE_CHECKING:
    import jsonschema

VALIDATION_CACHE_ENV = "COURSE_VALIDATION_CACHE"

CSV_VERSION_PREFIX = "#schema_version="
LIST_SEPARATOR = ";"


@cache
def load_schema(kind: str) -> dict[str, Any]:
    """Return the JSON Schema for a kind of data file (``"course"``, ``"quiz"``, ...)."""
    resource = paths.schema_file(kind)
    if not resource.is_file():
        raise ContentError(
            f"course/schemas/{kind}.schema.json",
            "",
            "no such schema",
            "add the schema file or use a known kind",
        )
    schema: dict[str, Any] = json.loads(resource.read_text(encoding="utf-8"))
    return schema


def display_path(path: Path) -> str:
    """Return ``path`` relative to the content folder's parent when possible (shorter messages)."""
    try:
        return str(path.resolve().relative_to(paths.data_dir().parent))
    except ValueError:
        return str(path)


def read_text(path: Path) -> str:
    """Read a content file as UTF-8, or raise a ContentError that says how to fix it."""
    if not path.is_file():
        raise ContentError(
            display_path(path),
            "",
            "the file does not exist",
            "create it, or correct the name that points to it",
        )
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError as exc:
        raise ContentError(
            display_path(path), f"byte {exc.start}", "is not valid UTF-8", "save the file as UTF-8"
        ) from exc
    if not text.strip():
        raise ContentError(
            display_path(path),
            "",
            "the file is empty",
            "add the content, starting with 'schema_version: 1'",
        )
    return text


def parse_yaml(path: Path) -> Any:
    """Parse a YAML file; syntax errors name the line and column."""
    text = read_text(path)
    try:
        return yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f"line {mark.line + 1}, column {mark.column + 1}" if mark else "somewhere"
        problem = getattr(exc, "problem", None) or str(exc)
        raise ContentError(
            display_path(path),
            where,
            f"YAML syntax error: {problem}",
            "check indentation, colons and quotes at that line (quote text that contains ': ')",
        ) from exc


def load_yaml(path: Path, kind: str) -> dict[str, Any]:
    """Load a YAML content file and validate it against the schema for ``kind``."""
    document = parse_yaml(path)
    if not isinstance(document, dict):
        raise ContentError(
            display_path(path),
            "top level",
            "is not a mapping of fields",
            "start the file with 'schema_version: 1' and the fields its schema lists",
        )
    validate(document, kind, path)
    return document


def load_csv(path: Path, kind: str) -> list[dict[str, Any]]:
    """Load a CSV table, convert cells to the types its row schema asks for, and validate."""
    text = read_text(path)
    first, _, body = text.partition("\n")
    if not first.startswith(CSV_VERSION_PREFIX):
        raise ContentError(
            display_path(path),
            "line 1",
            "does not declare the schema version",
            f"make the first line '{CSV_VERSION_PREFIX}1'",
        )
    version = first[len(CSV_VERSION_PREFIX) :].strip()
    row_schema = load_schema(kind)
    rows = [
        convert_row(raw, row_schema, path, number)
        for number, raw in enumerate(csv.DictReader(io.StringIO(body)), start=3)
    ]
    document = {"schema_version": int(version) if version.isdigit() else version, "rows": rows}
    validate(document, kind, path, table=True)
    return rows


def convert_row(
    raw: dict[str | None, Any], schema: dict[str, Any], path: Path, line: int
) -> dict[str, Any]:
    """Turn one CSV row of strings into typed values, guided by the row schema."""
    if None in raw:
        raise ContentError(
            display_path(path),
            f"line {line}",
            "has more cells than the header",
            "quote cells that contain commas, or remove the extra cells",
        )
    properties = schema.get("$defs", {}).get("row", {}).get("properties", {})
    row: dict[str, Any] = {}
    for column, cell in raw.items():
        if column is None or cell is None:
            continue
        value = cell.strip()
        if value == "":
            continue
        row[column] = convert_cell(value, properties.get(column, {}))
    return row


def convert_cell(value: str, prop: dict[str, Any]) -> Any:
    """Convert one non-empty cell to the schema type; leave it as text when it does not fit.

    Examples
    --------
    >>> convert_cell("a; b", {"type": "array"})
    ['a', 'b']
    >>> convert_cell("yes", {"type": "boolean"}), convert_cell("3", {"type": "integer"})
    (True, 3)
    """
    kind = prop.get("type")
    if kind == "array":
        return [item.strip() for item in value.split(LIST_SEPARATOR) if item.strip()]
    if kind == "boolean":
        return {"yes": True, "no": False}.get(value.lower(), value)
    if kind in ("integer", "number"):
        try:
            number = float(value)
        except ValueError:
            return value
        return int(number) if kind == "integer" and number.is_integer() else number
    return value


def validate(document: dict[str, Any], kind: str, path: Path, table: bool = False) -> None:
    """Validate a document against its schema; raise the most useful error as a ContentError.

    A document whose exact content already passed the exact same schema on this
    machine is not validated again (see :func:`validation_marker`): a lesson
    kernel then never imports jsonschema, which saves about 18 MiB and a
    noticeable pause. ``python -m course check`` and the tests always validate.
    """
    schema = load_schema(kind)
    marker = validation_marker(document, schema)
    if marker is not None and marker.exists():
        return
    errors = sorted(validator_for(kind).iter_errors(document), key=error_rank)
    if errors:
        raise to_content_error(errors[0], document, path, table)
    remember_valid(marker)


@cache
def validator_for(kind: str) -> jsonschema.protocols.Validator:
    """A Draft 2020-12 validator for one kind of data file (jsonschema imported on first use)."""
    # jsonschema imports the optional ``rfc3987_syntax`` format checker when it is installed
    # (JupyterLab's dependencies install it); building its grammar takes about 1.5 s.
    # The course's schemas use no "format" keywords, so keep it out.
    sys.modules.setdefault("rfc3987_syntax", None)  # type: ignore[arg-type]
    import jsonschema

    validator: jsonschema.protocols.Validator = jsonschema.Draft202012Validator(load_schema(kind))
    return validator


def validation_marker(document: dict[str, Any], schema: dict[str, Any]) -> Path | None:
    """The cache file that records "this content passed this schema", or None when caching is off.

    The name is a SHA-256 of the schema and of the parsed content, so any change to
    either means a fresh validation. ``COURSE_VALIDATION_CACHE=off`` turns caching off.
    """
    setting = os.environ.get(VALIDATION_CACHE_ENV, "on").lower()
    if setting in ("off", "0", "no", "false"):
        return None
    digest = hashlib.sha256()
    for part in (schema, document):
        digest.update(json.dumps(part, sort_keys=True, default=str).encode("utf-8"))
    return paths.cache_dir() / "validated" / digest.hexdigest()


def remember_valid(marker: Path | None) -> None:
    """Record a successful validation; a read-only cache folder only costs speed."""
    if marker is None:
        return
    try:
        marker.parent.mkdir(parents=True, exist_ok=True)
        marker.touch()
    except OSError:
        return


def error_rank(error: jsonschema.ValidationError) -> tuple[int, int, str]:
    """Order errors: schema version first, then the deepest (most specific), then by path."""
    version_first = 0 if list(error.absolute_path)[:1] == ["schema_version"] else 1
    return (version_first, -len(error.absolute_path), str(list(error.absolute_path)))


def to_content_error(
    error: jsonschema.ValidationError, document: Any, path: Path, table: bool
) -> ContentError:
    """Translate a jsonschema error into a ContentError with a location and a fix."""
    location = describe_location(list(error.absolute_path), document, table)
    problem, fix = describe_problem(error)
    return ContentError(display_path(path), location, problem, fix)


def describe_location(parts: list[str | int], document: Any, table: bool) -> str:
    """Describe a JSON path for a person: ``questions[3] (id 'rf-4') > choices[1]``.

    Table rows are named by their line in the CSV file, counting the version and header lines.
    """
    if not parts:
        return "top level"
    if table and parts[0] == "rows" and len(parts) > 1 and isinstance(parts[1], int):
        row = document["rows"][parts[1]]
        where = f"line {parts[1] + 3}{item_label(row)}"
        return where + (f", column '{parts[2]}'" if len(parts) > 2 else "")
    words: list[str] = []
    node: Any = document
    for part in parts:
        node = node[part] if isinstance(node, (dict, list)) else None  # type: ignore[index]
        if isinstance(part, int) and words:
            words[-1] = f"{words[-1]}[{part}]{item_label(node)}"
        else:
            words.append(str(part))
    return " > ".join(words)


def item_label(node: Any) -> str:
    """Name a list item by its id-like field, if it has one."""
    if isinstance(node, dict):
        for field_name in ("id", "key", "term", "marker"):
            if field_name in node:
                return f" ({field_name} '{node[field_name]}')"
    return ""


def describe_problem(error: jsonschema.ValidationError) -> tuple[str, str]:
    """Say what is wrong and how to fix it, by the kind of rule broken."""
    rule = str(error.validator)
    value: Any = error.validator_value
    if rule == "required":
        missing = error.message.split("'")[1] if "'" in error.message else str(value)
        return f"the field '{missing}' is missing", f"add '{missing}'"
    if rule == "const":
        return (
            f"has {error.instance!r} where {value!r} is required",
            f"set it to {value!r} (this course reads version {value} files)",
        )
    if rule == "enum":
        allowed = ", ".join(repr(item) for item in value)
        return f"{error.instance!r} is not an allowed value", f"use one of: {allowed}"
    if rule == "type":
        return f"{error.instance!r} is not of type {value}", f"write a value of type {value}"
    if rule == "additionalProperties":
        return error.message, "remove or rename the field (check the spelling against the schema)"
    if rule in ("minItems", "minLength"):
        return error.message, f"give at least {value}"
    if rule in ("maxItems", "maxLength"):
        return error.message, f"give at most {value}"
    if rule == "pattern":
        examples = error.schema.get("examples") if isinstance(error.schema, dict) else None
        hint = f"write it like {examples[0]!r}" if examples else f"match the pattern {value}"
        return f"{error.instance!r} does not have the expected form", hint
    if rule in ("minimum", "maximum"):
        return error.message, f"use a value within the allowed range ({rule} {value})"
    if rule == "anyOf" and all(set(option) == {"required"} for option in value):
        fields = [name for option in value for name in option["required"]]
        listed = " or ".join(repr(name) for name in fields)
        return f"has none of the fields {listed}", f"add {listed}"
    if rule == "anyOf":
        return error.message, "give one of the alternatives the schema allows"
    return error.message, "correct the value to match the schema"
