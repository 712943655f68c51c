"""Build the one-folder frozen app on this operating system, and check its size.

    uv run python installer/build.py [--dist DIR] [--work DIR] [--installer]

The build lands in ``DIR/gwinong-desktop/`` (default ``dist/``); PyInstaller's intermediate files
go to ``--work`` (default ``build/``). The unpacked size is printed at the end; over the limit in
``buildconfig.SIZE_LIMIT_MB`` the command fails with exit code 1.

On Windows, ``--installer`` then runs Inno Setup's compiler on ``installer/gwinong-desktop.iss``
with the version from pyproject.toml, making ``DIR/installer/gwinong-desktop-<version>-setup.exe``;
without it, the exact ``iscc`` command is printed.
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

if str(Path(__file__).resolve().parent) not in sys.path:  # imported from elsewhere (tests)
    sys.path.append(str(Path(__file__).resolve().parent))

import buildconfig as cfg

SPEC = Path(__file__).resolve().parent / "gwinong-desktop.spec"
ISS = Path(__file__).resolve().parent / "gwinong-desktop.iss"


def build(dist: Path, work: Path, *, quiet: bool = False) -> Path:
    """Run PyInstaller on the spec; returns the one-folder build's directory."""
    command = [
        sys.executable,
        "-m",
        "PyInstaller",
        str(SPEC),
        "--noconfirm",
        "--clean",
        "--distpath",
        str(dist),
        "--workpath",
        str(work),
        "--log-level",
        "WARN" if quiet else "INFO",
    ]
    subprocess.run(command, check=True, cwd=cfg.ROOT)
    return dist / cfg.APP_NAME


def find_iscc() -> Path | None:
    """Inno Setup 6's command-line compiler: on PATH, or where its installer puts it."""
    found = shutil.which("iscc")
    if found:
        return Path(found)
    for base in ("LOCALAPPDATA", "ProgramFiles(x86)", "ProgramFiles"):
        root = os.environ.get(base)
        if not root:
            continue
        for sub in (r"Programs\Inno Setup 6", "Inno Setup 6"):
            candidate = Path(root) / sub / "ISCC.exe"
            if candidate.is_file():
                return candidate
    return None


def iscc_command(iscc: str | Path, folder: Path, output: Path, version: str) -> list[str]:
    """The Inno Setup command for this build: version from pyproject, the build and output dirs."""
    numbers = ".".join(str(n) for n in cfg.numeric_version(version))
    return [
        str(iscc),
        f"/DAppVersion={version}",
        f"/DAppFileVersion={numbers}",
        f"/DDistDir={folder}",
        f"/O{output}",
        str(ISS),
    ]


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--dist", type=Path, default=cfg.ROOT / "dist", help="output folder")
    parser.add_argument("--work", type=Path, default=cfg.ROOT / "build", help="work folder")
    parser.add_argument("--quiet", action="store_true", help="PyInstaller warnings only")
    parser.add_argument(
        "--size-limit-mb",
        type=float,
        default=cfg.SIZE_LIMIT_MB,
        help="fail above this unpacked size (0: report only; the frozen test checks it itself)",
    )
    parser.add_argument(
        "--installer", action="store_true", help="Windows: also make the setup file (Inno Setup 6)"
    )
    args = parser.parse_args(argv)
    dist = args.dist.resolve()

    started = time.monotonic()
    try:
        folder = build(dist, args.work.resolve(), quiet=args.quiet)
    except subprocess.CalledProcessError as exc:
        print(f"PyInstaller failed (exit code {exc.returncode})", file=sys.stderr)
        return 1
    seconds = time.monotonic() - started

    size_mb = cfg.directory_size(folder) / 1_000_000
    version = cfg.project_version()
    print(f"built {cfg.APP_NAME} {version} in {seconds:.0f} s: {folder}")
    print(f"unpacked size: {size_mb:.1f} MB (limit {cfg.SIZE_LIMIT_MB} MB)", flush=True)
    limit = args.size_limit_mb
    if limit and size_mb > limit:
        print(f"over {limit:g} MB: trim it (installer/buildconfig.py)", file=sys.stderr)
        return 1

    if sys.platform != "win32":
        if args.installer:
            print("the installer is made on Windows (Inno Setup)", file=sys.stderr)
            return 1
        return 0
    command = iscc_command(find_iscc() or "iscc", folder, dist / "installer", version)
    if not args.installer:
        print("installer: " + subprocess.list2cmdline(command))
        return 0
    if not Path(command[0]).is_file():
        print("Inno Setup 6 not found (ISCC.exe): see README.md", file=sys.stderr)
        return 1
    done = subprocess.run(command, check=False)
    if done.returncode != 0:
        print(f"Inno Setup failed (exit code {done.returncode})", file=sys.stderr)
        return 1
    setup = dist / "installer" / f"{cfg.APP_NAME}-{version}-setup.exe"
    print(f"installer: {setup} ({setup.stat().st_size / 1_000_000:.1f} MB)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
