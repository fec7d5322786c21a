"""``python -m verkosto`` and the ``verkosto`` command: run the command line of ``cli.py``.

``cli.py`` sits at the repository root, beside the package. A wheel (``pip install .``)
carries it inside the package as ``verkosto/cli.py`` (hatchling's ``force-include``). A
checkout, and an editable install (``pip install -e .``, which puts the repository on
``sys.path`` and leaves the package where it is), has it only at the root; :func:`main`
loads it from there, by its path, so that no other module named ``cli`` can stand in for it.
"""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path
from types import ModuleType

__all__ = ["main"]


def main() -> None:
    """Run the ``verkosto`` command line (the ``main`` of ``cli.py``)."""
    try:
        from verkosto.cli import main as run
    except ModuleNotFoundError as err:
        if err.name != "verkosto.cli":  # cli.py is there but something it imports is missing
            raise
        run = _root_cli(err).main
    run()


def _root_cli(err: ModuleNotFoundError) -> ModuleType:
    """``cli.py`` of the checkout this package lives in, imported as ``verkosto.cli``."""
    path = Path(__file__).resolve().parent.parent / "cli.py"
    spec = importlib.util.spec_from_file_location("verkosto.cli", path) if path.is_file() else None
    if spec is None or spec.loader is None:
        raise ModuleNotFoundError(
            f"the verkosto command line is neither verkosto/cli.py (a wheel) nor {path} (a checkout); "
            "reinstall it with: pip install . (in the repository)",
            name="verkosto.cli",
        ) from err
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # as an import would: cli.py's classes look their module up there
    try:
        spec.loader.exec_module(module)
    except BaseException:
        del sys.modules[spec.name]
        raise
    return module


if __name__ == "__main__":
    main()
