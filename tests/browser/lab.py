"""Drive JupyterLab in Debian's Chromium through Playwright: start, open, run, read.

Recipe from ../shared/TESTING.md: a token-protected server on a free loopback
port, settings that silence the news pop-up, and a gate that waits for the
notebook's kernel before running anything.
"""

from __future__ import annotations

import contextlib
import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from dataclasses import dataclass
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / ".test-artifacts"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]
PANEL = ".jp-NotebookPanel:not(.lm-mod-hidden)"
ERROR_OUTPUT = '.jp-OutputArea-output[data-mime-type="application/vnd.jupyter.stderr"]'


def chromium_binary() -> str | None:
    """The Debian chromium binary on PATH, if any."""
    return shutil.which("chromium") or shutil.which("chromium-browser")


def free_port() -> int:
    """A free TCP port on the loopback interface."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@dataclass
class LabServer:
    """A running JupyterLab server for one test session."""

    process: subprocess.Popen[bytes]
    port: int
    token: str
    home: Path

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def url(self, path: str) -> str:
        joiner = "&" if "?" in path else "?"
        return f"{self.base}{path}{joiner}token={self.token}"

    def api(self, path: str) -> Any:
        with urllib.request.urlopen(self.url(path), timeout=10) as response:
            return json.loads(response.read())

    def stop(self) -> None:
        """Stop the server and everything it started (its own process group)."""
        for sig in (signal.SIGTERM, signal.SIGKILL):
            with contextlib.suppress(ProcessLookupError):
                os.killpg(self.process.pid, sig)
            try:
                self.process.wait(timeout=15)
                return
            except subprocess.TimeoutExpired:
                continue


def write_settings(settings_dir: Path) -> None:
    """User settings: no news or update pop-up; every cell rendered (no virtual scrolling),
    so tests can read every prompt and output without scrolling."""
    files = {
        ("apputils-extension", "notification"): {"fetchNews": "false", "checkForUpdates": False},
        ("notebook-extension", "tracker"): {"windowingMode": "none"},
    }
    for (extension, name), values in files.items():
        target = settings_dir / "@jupyterlab" / extension
        target.mkdir(parents=True, exist_ok=True)
        (target / f"{name}.jupyterlab-settings").write_text(json.dumps(values))


def start_lab(home: Path, root_dir: Path, progress_db: Path, via_make: bool = False) -> LabServer:
    """Start JupyterLab on a free loopback port with a token; wait until it answers.

    With ``via_make`` the server is started by the README's own command, ``make lab``.
    """
    port, token = free_port(), "course-browser-test"
    write_settings(home / "settings")
    env = {
        **os.environ,
        "JUPYTERLAB_SETTINGS_DIR": str(home / "settings"),
        "JUPYTER_RUNTIME_DIR": str(home / "runtime"),
        "COURSE_PROGRESS_DB": str(progress_db),
        "COURSE_DATA": str(ROOT / "data"),
    }
    command = [
        sys.executable,
        "-m",
        "jupyter",
        "lab",
        "--no-browser",
        "--allow-root",
        "--ServerApp.ip=127.0.0.1",
        f"--ServerApp.port={port}",
        f"--IdentityProvider.token={token}",
        f"--ServerApp.root_dir={root_dir}",
        f"--LabApp.workspaces_dir={home / 'workspaces'}",
        "--LabApp.check_for_updates_class=jupyterlab.NeverCheckForUpdate",
    ]
    if via_make:
        flags = [arg for arg in command[4:] if not arg.startswith("--ServerApp.root_dir")]
        command = ["make", "-s", "-C", str(ROOT), "lab", f"LAB_ARGS={' '.join(flags)}"]
    log = (home / "lab.log").open("wb")
    process = subprocess.Popen(
        command, env=env, stdout=log, stderr=subprocess.STDOUT, start_new_session=True
    )
    server = LabServer(process, port, token, home)
    wait_until(
        lambda: answers(server), 60, "JupyterLab did not start; see " + str(home / "lab.log")
    )
    return server


def answers(server: LabServer) -> bool:
    try:
        server.api("/api/status")
    except OSError:
        return False
    return True


def wait_until(condition: Any, seconds: float, message: str, interval: float = 0.25) -> None:
    """Poll ``condition`` until it is true, or fail with ``message``."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        if condition():
            return
        time.sleep(interval)
    raise AssertionError(message)


def kernel_ready(server: LabServer, notebook: str) -> bool:
    """True when this notebook's kernel is idle and the page is connected to it."""
    for session in server.api("/api/sessions"):
        if session.get("path", "").endswith(notebook):
            kernel = session.get("kernel") or {}
            return bool(
                kernel.get("execution_state") == "idle" and kernel.get("connections", 0) >= 1
            )
    return False


def open_notebook(page: Any, server: LabServer, notebook: str) -> None:
    """Open a notebook in a fresh layout and wait for its kernel."""
    page.goto(server.url(f"/lab/tree/{notebook}?reset"))
    page.wait_for_selector(f"{PANEL} .jp-Notebook", timeout=60_000)
    wait_until(
        lambda: kernel_ready(server, notebook), 60, f"kernel for {notebook} never became idle"
    )
    page.wait_for_timeout(1000)


def menu(page: Any, top: str, item: str) -> None:
    """Click a menu-bar menu, then one of its items."""
    page.locator(".lm-MenuBar-itemLabel", has_text=top).first.click()
    page.locator(".lm-Menu-itemLabel", has_text=item).first.click()


def restart_and_run_all(
    page: Any, server: LabServer, notebook: str, timeout_s: float = 120
) -> None:
    """Kernel > Restart Kernel and Run All Cells, accept, and wait until every cell has run."""
    menu(page, "Kernel", "Restart Kernel and Run All Cells")
    page.locator(".jp-Dialog .jp-mod-accept").click()
    page.wait_for_timeout(1500)
    wait_until(
        lambda: all_cells_ran(page) and kernel_ready(server, notebook),
        timeout_s,
        f"{notebook} did not finish running",
    )
    page.wait_for_timeout(500)


def all_cells_ran(page: Any) -> bool:
    """True when no code cell is queued or running and every code cell has a number."""
    prompts = page.locator(f"{PANEL} .jp-CodeCell .jp-InputArea-prompt").all_inner_texts()
    return bool(prompts) and all(p.strip() not in ("[*]:", "[ ]:", "") for p in prompts)


def error_texts(page: Any) -> list[str]:
    """Every error shown in the notebook: tracebacks, and widgets that failed to display."""
    errors = page.locator(f"{PANEL} {ERROR_OUTPUT}").all_inner_texts()
    body = page.locator(PANEL).inner_text()
    errors += [
        phrase for phrase in ("Error displaying widget", "model not found") if phrase in body
    ]
    return errors


def screenshot(page: Any, name: str) -> Path:
    """Save a full-page screenshot under the ignored .test-artifacts folder."""
    ARTIFACTS.mkdir(exist_ok=True)
    path = ARTIFACTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    return path


def quiz(page: Any, index: int = 0) -> Any:
    """The quiz widget at this position in the open notebook."""
    return page.locator(f"{PANEL} .course-quiz").nth(index)


def click_button(scope: Any, text: str) -> None:
    """Click the widget button whose visible words are exactly ``text``."""
    exact = re.compile(rf"^\s*{re.escape(text)}\s*$")
    scope.locator("button.jupyter-button", has_text=text).filter(has_text=exact).first.click()


def feedback_text(scope: Any, contains: str, seconds: float = 15) -> str:
    """Wait until the question's feedback shows ``contains``; return the feedback text."""
    locator = scope.locator(".course-feedback", has_text=contains).first
    locator.wait_for(timeout=seconds * 1000)
    return str(locator.inner_text())
