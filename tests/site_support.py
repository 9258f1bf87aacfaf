"""Helpers for the site tests: copy the site to a temporary folder, build it with the
real MkDocs, serve it on 127.0.0.1. The real site is built once per test process."""

from __future__ import annotations

import functools
import http.server
import importlib.util
import os
import shutil
import socketserver
import subprocess
import sys
import tempfile
import threading
from dataclasses import dataclass
from pathlib import Path

from conftest import ROOT

SITE_FILES = ("mkdocs.yml", "pyproject.toml", "lecture-categories.yml", "docs", "hooks", "overrides")


@dataclass(frozen=True)
class Build:
    returncode: int
    output: str  # stdout and stderr of mkdocs
    site: Path


def copy_site(dest: Path) -> Path:
    """A private copy of the site sources, so a test can add pages without touching docs/."""
    dest.mkdir(parents=True, exist_ok=True)
    for name in SITE_FILES:
        src = ROOT / name
        if src.is_dir():
            shutil.copytree(src, dest / name, ignore=shutil.ignore_patterns("__pycache__"))
        elif src.exists():
            shutil.copy2(src, dest / name)
    return dest


def build(project: Path, config: str = "mkdocs.yml", env: dict | None = None, site: Path | None = None) -> Build:
    site = site or project / "site-out"
    run_env = dict(os.environ, NO_MKDOCS_2_WARNING="1")
    # The review package is importable from the repository even without an install.
    run_env["PYTHONPATH"] = os.pathsep.join(p for p in (str(ROOT), run_env.get("PYTHONPATH", "")) if p)
    run_env.update(env or {})
    proc = subprocess.run(
        [sys.executable, "-m", "mkdocs", "build", "--strict", "-f", config, "-d", str(site)],
        cwd=project,
        env=run_env,
        capture_output=True,
        text=True,
        timeout=600,
    )
    return Build(proc.returncode, proc.stdout + proc.stderr, site)


@functools.lru_cache(maxsize=1)
def real_site() -> Build:
    """The real site (its own docs and git history), built once into a temporary folder
    and shared by every test."""
    return build(ROOT, site=Path(tempfile.mkdtemp(prefix="site-real-")) / "site")


def files_under(folder: Path):
    for path in sorted(folder.rglob("*")):
        if path.is_file():
            yield path


def load_hook(name: str):
    """Import one of hooks/*.py the way MkDocs does (its folder on sys.path)."""
    path = ROOT / "hooks" / f"{name}.py"
    sys.path.insert(0, str(path.parent))
    try:
        spec = importlib.util.spec_from_file_location(f"site_hook_{name}", path)
        module = importlib.util.module_from_spec(spec)
        spec.loader.exec_module(module)
    finally:
        sys.path.remove(str(path.parent))
    return module


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass


@dataclass
class Server:
    url: str
    httpd: socketserver.TCPServer

    def close(self):
        self.httpd.shutdown()
        self.httpd.server_close()


def serve(folder: Path) -> Server:
    """Serve a folder on 127.0.0.1 on a free port, from a background thread."""
    handler = functools.partial(_QuietHandler, directory=str(folder))
    httpd = socketserver.ThreadingTCPServer(("127.0.0.1", 0), handler)
    httpd.daemon_threads = True
    threading.Thread(target=httpd.serve_forever, daemon=True).start()
    return Server(f"http://127.0.0.1:{httpd.server_address[1]}/", httpd)
