"""The map page's script: the ES modules of ``verkosto/web`` joined into one classic script.

The modules are real ES modules (linted by ESLint, imported by the Node unit tests in
``tests/js``), but a page opened from disk cannot import files, so they are inlined: each
module becomes a function scope that returns its exports, placed after the modules it
imports, and each ``import {a, b as c} from "./x.js"`` becomes ``const {a, b: c} = <x's
exports>``. Only that import form and ``export function|const|let|class`` are accepted;
anything else is an error here, not a broken page. The result is the same text for the same
files.

Differences from the browser's module loader, none of which the page relies on: exports are
read once when the importing module starts (no live bindings, so a module must not reassign
an exported ``let``), and all modules share the strict mode of the one script.
"""

from __future__ import annotations

import functools
import re
from pathlib import Path

__all__ = ["WEB", "BundleError", "bundle"]

#: The folder of the page's modules and style sheet.
WEB = Path(__file__).resolve().parent / "web"

_IMPORT = re.compile(r'^import\s*\{([^}]*)\}\s*from\s*"\./([\w-]+\.js)";[ \t]*\n', re.MULTILINE)
_EXPORT = re.compile(r"^export\s+((?:async\s+)?function\*?|const|let|class)\s+([A-Za-z_$][\w$]*)", re.MULTILINE)
_LEFTOVER = re.compile(r"^\s*(import|export)\b.*$", re.MULTILINE)
_NAME = re.compile(r"^[A-Za-z_$][\w$]*$")


class BundleError(ValueError):
    """A module uses a form of import or export the bundler does not support, or a cycle."""


def _scope_name(file: str) -> str:
    return "__" + re.sub(r"\W", "_", file.removesuffix(".js"))


def _bindings(spec: str, file: str) -> str:
    parts = []
    for item in (part.strip() for part in spec.split(",")):
        if not item:
            continue
        name, _, alias = (word.strip() for word in item.partition(" as "))
        if not _NAME.match(name) or (alias and not _NAME.match(alias)):
            raise BundleError(f"{file}: cannot read the import {item!r}")
        parts.append(f"{name}: {alias}" if alias and alias != name else name)
    return ", ".join(parts)


def _module(folder: Path, file: str) -> tuple[list[str], str, list[str]]:
    """A module's imports (files), its body as a function body, and its export names."""
    source = (folder / file).read_text(encoding="utf-8")
    for marker in ("</script", "<!--"):
        if marker in source.lower():
            raise BundleError(f"{file}: holds {marker!r}, which would end the page's <script> element")
    imports: list[str] = []

    def to_const(match: re.Match) -> str:
        imports.append(match.group(2))
        return f"const {{ {_bindings(match.group(1), file)} }} = {_scope_name(match.group(2))};\n"

    body = _IMPORT.sub(to_const, source)
    exports = [match.group(2) for match in _EXPORT.finditer(body)]
    body = _EXPORT.sub(lambda m: f"{m.group(1)} {m.group(2)}", body)
    leftover = _LEFTOVER.search(body)
    if leftover:
        line = body[: leftover.start()].count("\n") + 1
        raise BundleError(
            f"{file}, line {line}: unsupported {leftover.group(1)} {leftover.group(0).strip()!r}; "
            'use import { name } from "./file.js" and export function|const|let|class'
        )
    return imports, body, exports


@functools.cache
def bundle(entry: str = "main.js", folder: Path = WEB) -> str:
    """*entry* and the modules it imports as one script, dependencies first.

    Examples
    --------
    >>> script = bundle()
    >>> script.startswith("(() => {")
    True
    >>> script.index("// module ./fold.js") < script.index("// module ./search.js") < script.index("// module ./main.js")
    True
    """
    order: list[str] = []
    modules: dict[str, tuple[list[str], str, list[str]]] = {}

    def visit(file: str, path: tuple[str, ...]) -> None:
        if file in path:
            raise BundleError(f"import cycle: {' -> '.join([*path, file])}")
        if file in modules:
            return
        modules[file] = _module(folder, file)
        for dependency in modules[file][0]:
            visit(dependency, (*path, file))
        order.append(file)

    visit(entry, ())
    parts = ['(() => {\n"use strict";\n']
    for file in order:
        _, body, exports = modules[file]
        head = f"// module ./{file}\n"
        if file == entry:
            parts.append(f"{head}(() => {{\n{body}}})();\n")
        else:
            parts.append(f"{head}const {_scope_name(file)} = (() => {{\n{body}return {{ {', '.join(exports)} }};\n}})();\n")
    parts.append("})();\n")
    return "".join(parts)
