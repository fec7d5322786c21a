"""``pip install .`` and ``pip install -e .`` both give a working ``verkosto`` and ``python -m verkosto``.

Each install goes into a fresh virtual environment that sees this interpreter's packages
(``--system-site-packages``, and a ``.pth`` file naming this interpreter's site-packages, for
when the suite itself runs in a virtual environment) and gets verkosto alone (``--no-deps``),
installed by this interpreter's pip (``pip --python``; the environments have no pip of their
own, which saves seconds). The two installs and their commands run side by side.
"""

import os
import re
import site
import subprocess
import sys
import sysconfig
import venv
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest
import typer

from cli import app
from verkosto.example import example_path
from verkosto.graph import build_graph
from verkosto.i18n import text
from verkosto.load import load_roster

ROOT = Path(__file__).resolve().parent.parent
KINDS = ("wheel", "editable")
# What the environments must not inherit: this checkout on the path would hide the install.
ENV = {k: v for k, v in os.environ.items() if k not in {"PYTHONPATH", "PYTHONHOME", "VERKOSTO_LANG"}}
ENV.update({"COLUMNS": "200", "NO_COLOR": "1", "TERM": "dumb"})


def _pip_usable() -> str | None:
    """Why pip cannot install into another environment here, or None."""
    try:
        import pip
    except ImportError:
        return "pip is not installed for this Python"
    if tuple(int(part) for part in re.findall(r"\d+", pip.__version__)[:2]) < (22, 3):
        return f"pip {pip.__version__} has no --python (pip 22.3 or later needed)"
    return None


def _run(cmd, cwd) -> subprocess.CompletedProcess:
    return subprocess.run(cmd, cwd=cwd, env=ENV, capture_output=True, text=True, stdin=subprocess.DEVNULL, timeout=300,
                          check=False)


def _install_and_run(kind: str, base: Path) -> dict:
    """Install verkosto as *kind* into a new environment under *base*; run its commands there."""
    home = base / kind
    venv.EnvBuilder(system_site_packages=True, with_pip=False).create(home)
    # --system-site-packages reaches the base interpreter's packages, not those of a virtual
    # environment the suite runs in. The name sorts after hatchling's _editable_impl_verkosto.pth,
    # so an editable install's checkout comes before an outer environment's installed verkosto.
    own = Path(sysconfig.get_path("purelib", "venv", vars={"base": str(home), "platbase": str(home)}))
    (own / "zz_outer_site_packages.pth").write_text("\n".join(site.getsitepackages()) + "\n", encoding="utf-8")
    python = home / "bin" / "python"
    source = ["-e", str(ROOT)] if kind == "editable" else [str(ROOT)]
    install = _run([sys.executable, "-m", "pip", "--python", str(python), "install", "--quiet", "--no-deps", *source], base)
    results = {"home": home, "install": install}
    if install.returncode:
        return results
    html = base / f"{kind}.html"
    commands = {
        "package": [str(python), "-c", "import verkosto; print(verkosto.__file__)"],
        "help": [str(home / "bin" / "verkosto"), "--lang", "en", "--help"],
        "module help": [str(python), "-m", "verkosto", "--lang", "en", "--help"],
        "map": [str(home / "bin" / "verkosto"), "map", "--lang", "en", "-o", str(html)],
    }
    results.update({name: _run(cmd, base) for name, cmd in commands.items()})
    results["html"] = html
    return results


@pytest.fixture(scope="module")
def installed(tmp_path_factory):
    reason = _pip_usable()
    if reason:
        pytest.skip(reason)
    base = tmp_path_factory.mktemp("packaging")
    with ThreadPoolExecutor(len(KINDS)) as pool:
        results = dict(zip(KINDS, pool.map(lambda kind: _install_and_run(kind, base), KINDS)))
    for kind, result in results.items():
        install = result["install"]
        if install.returncode and re.search(r"No matching distribution found for (hatchling|editables)", install.stderr):
            pytest.skip(f"pip cannot fetch the build backend here: {install.stderr.strip().splitlines()[-1]}")
        assert install.returncode == 0, f"pip install ({kind}) failed:\n{install.stderr}"
    return results


def _ok(result: subprocess.CompletedProcess) -> str:
    assert result.returncode == 0, f"{' '.join(result.args)} exited {result.returncode}:\n{result.stderr}"
    return result.stdout


@pytest.mark.parametrize("kind", KINDS)
def test_installed_package_is_the_one_imported(installed, kind):
    # A wheel's package is in the environment; an editable install imports this checkout.
    result = installed[kind]
    where = Path(_ok(result["package"]).strip())
    expected = ROOT / "verkosto" / "__init__.py" if kind == "editable" else None
    if expected:
        assert where == expected
    else:
        assert where.is_relative_to(result["home"]) and where.name == "__init__.py"


@pytest.mark.parametrize("kind", KINDS)
@pytest.mark.parametrize(("command", "program"), [("help", "verkosto"), ("module help", "python -m verkosto")])
def test_help_names_every_command(installed, kind, command, program):
    out = _ok(installed[kind][command])
    assert f"{text('cli.typer.usage', 'en')} {program} [OPTIONS] COMMAND [ARGS]..." in out
    for name in typer.main.get_command(app).commands:
        assert re.search(rf"^\W*{re.escape(name)}\s", out, re.MULTILINE), f"{name} missing from:\n{out}"


@pytest.mark.parametrize("kind", KINDS)
def test_map_of_the_example(installed, kind):
    result = installed[kind]
    G = build_graph(load_roster(example_path()))
    expected = text("cli.map.done", "en", output=result["html"], nodes=G.number_of_nodes(), edges=G.number_of_edges())
    assert _ok(result["map"]) == expected + text("cli.example.mark", "en", names=example_path().name) + "\n"
    assert result["map"].stderr == text("cli.example", "en", name=example_path().name) + "\n"
    assert result["html"].read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
