"""The headless Chromium of the benchmarks: the browser tests' binary and flags, a page opened
offline (every request outside the page is refused and counted), and how long it took to be ready."""

from __future__ import annotations

import importlib.util
import sys
import time
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def test_setup():
    """tests/conftest.py, for its CHROMIUM, CHROMIUM_ARGS, LOCAL_SCHEMES and READY."""
    if "_conftest" in sys.modules:
        return sys.modules["_conftest"]
    spec = importlib.util.spec_from_file_location("_conftest", REPO / "tests" / "conftest.py")
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # its dataclasses look themselves up there
    spec.loader.exec_module(module)
    return module


def launch(playwright):
    conftest = test_setup()
    return playwright.chromium.launch(executable_path=conftest.CHROMIUM, args=conftest.CHROMIUM_ARGS)


def open_map(browser, path: Path, found: dict, *, width: int = 1400, height: int = 900, polling: int = 50):
    """Open the map *path* in a new context; JS errors and refused requests go into *found*'s
    ``errors`` and ``requests``. Returns the context, the page and the ms until it was ready."""
    conftest = test_setup()
    context = browser.new_context(viewport={"width": width, "height": height})
    page = context.new_page()

    def route(route):
        if route.request.url.startswith(conftest.LOCAL_SCHEMES):
            route.continue_()
        else:
            found["requests"].append(route.request.url)
            route.abort()

    page.route("**/*", route)
    page.on("pageerror", lambda error: found["errors"].append(str(error)))
    start = time.perf_counter()
    page.goto(path.resolve().as_uri(), timeout=300_000)
    page.wait_for_function(conftest.READY, timeout=300_000, polling=polling)
    return context, page, (time.perf_counter() - start) * 1000
