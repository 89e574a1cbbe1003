"""The Windows packaging's inputs: one version number, the icon, the installer script.

The build itself (PyInstaller under Wine, the installer installed and removed) runs in CI
through packaging/build_windows.sh and packaging/installer_test.sh.
"""

from __future__ import annotations

import importlib.util
import os
import shutil
import struct
import subprocess
import sys
import tomllib
from pathlib import Path
from types import ModuleType

import pytest

import complaints_desktop

ROOT = Path(__file__).resolve().parents[2]
PACKAGING = ROOT / "packaging"


def _version_resource() -> ModuleType:
    spec = importlib.util.spec_from_file_location(
        "version_resource", PACKAGING / "version_resource.py"
    )
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def test_the_version_everywhere_is_pyprojects() -> None:
    with (ROOT / "pyproject.toml").open("rb") as f:
        number = tomllib.load(f)["project"]["version"]
    vr = _version_resource()
    assert vr.version() == number == complaints_desktop.__version__
    text = vr.version_info_text(number, "complaints-desktop-cli")
    assert f"StringStruct('ProductVersion', '{number}')" in text
    assert "StringStruct('OriginalFilename', 'complaints-desktop-cli.exe')" in text
    assert f'!define VERSION "{number}"' in vr.nsis_text(number)


@pytest.mark.parametrize(
    ("number", "windows"),
    [
        ("0.1.0", (0, 1, 0, 0)),
        ("2.10", (2, 10, 0, 0)),
        ("1.2.3rc1", (1, 2, 3, 0)),
        ("3", (3, 0, 0, 0)),
    ],
)
def test_windows_four_part_version(number: str, windows: tuple[int, ...]) -> None:
    assert _version_resource().four_numbers(number) == windows


def test_the_icon_has_every_size_windows_asks_for() -> None:
    data = (PACKAGING / "complaints_desktop.ico").read_bytes()
    reserved, kind, count = struct.unpack_from("<HHH", data)
    assert (reserved, kind) == (0, 1)
    sizes = []
    for i in range(count):
        w, _h, _c, _r, _planes, bits, length, offset = struct.unpack_from(
            "<BBBBHHII", data, 6 + 16 * i
        )
        assert bits == 32
        assert offset + length <= len(data)
        sizes.append(w or 256)
    assert {16, 24, 32, 48, 256} <= set(sizes)


@pytest.mark.skipif(shutil.which("makensis") is None, reason="NSIS (makensis) is not installed")
def test_the_installer_script_builds(tmp_path: Path) -> None:
    """makensis compiles packaging/installer.nsi against a stand-in of the PyInstaller folder."""
    dist = tmp_path / "complaints_desktop"
    (dist / "_internal").mkdir(parents=True)
    for name in ("complaints-desktop.exe", "complaints-desktop-cli.exe", "_internal/x.dll"):
        (dist / name).write_bytes(b"stand-in")
    subprocess.run(
        [sys.executable, str(PACKAGING / "version_resource.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    setup = tmp_path / "setup-test.exe"
    done = subprocess.run(
        [
            "makensis",
            "-V2",
            f"-DDIST={dist}",
            f"-DVERSION_NSH={tmp_path / 'version.nsh'}",
            f"-DOUTFILE={setup}",
            str(PACKAGING / "installer.nsi"),
        ],
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stdout + done.stderr
    assert setup.stat().st_size > 50_000


@pytest.mark.skipif(
    not all(shutil.which(tool) for tool in ("makensis", "osslsigncode", "openssl", "bash")),
    reason="needs makensis, osslsigncode and openssl (Linux signing)",
)
def test_a_configured_certificate_signs_the_installer_and_its_uninstaller(
    tmp_path: Path,
) -> None:
    """With CODESIGN_PFX set, makensis signs the uninstaller it embeds and the installer
    (through packaging/sign.sh); a throwaway self-signed certificate stands in."""
    key, cert, pfx = tmp_path / "k.pem", tmp_path / "c.pem", tmp_path / "t.pfx"
    subprocess.run(
        ["openssl", "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", str(key),
         "-out", str(cert), "-days", "2", "-subj", "/CN=Test Council Code Signing",
         "-addext", "extendedKeyUsage=codeSigning"],
        check=True, capture_output=True,
    )  # fmt: skip
    subprocess.run(
        ["openssl", "pkcs12", "-export", "-inkey", str(key), "-in", str(cert), "-out", str(pfx),
         "-passout", "pass:test"],
        check=True, capture_output=True,
    )  # fmt: skip
    dist = tmp_path / "complaints_desktop"
    (dist / "_internal").mkdir(parents=True)
    for name in ("complaints-desktop.exe", "complaints-desktop-cli.exe"):
        (dist / name).write_bytes(b"stand-in")
    subprocess.run(
        [sys.executable, str(PACKAGING / "version_resource.py"), str(tmp_path)],
        check=True,
        capture_output=True,
    )
    setup = tmp_path / "signed-setup.exe"
    env = {
        "PATH": os.environ["PATH"],
        "CODESIGN_PFX": str(pfx),
        "CODESIGN_PASSWORD": "test",
        "CODESIGN_TIMESTAMP_URL": "none",  # no network in tests
    }
    done = subprocess.run(
        ["makensis", "-V2", f"-DDIST={dist}", f"-DVERSION_NSH={tmp_path / 'version.nsh'}",
         f"-DOUTFILE={setup}", f"-DSIGN=bash {PACKAGING / 'sign.sh'}",
         str(PACKAGING / "installer.nsi")],
        capture_output=True, text=True, env=env, check=False,
    )  # fmt: skip
    assert done.returncode == 0, done.stdout + done.stderr
    assert done.stdout.count("signed ") == 2  # the uninstaller, then the installer
    verified = subprocess.run(
        ["osslsigncode", "verify", "-in", str(setup), "-CAfile", str(cert)],
        capture_output=True, text=True, check=False,
    )  # fmt: skip
    assert verified.returncode == 0, verified.stdout + verified.stderr
    assert "Test Council Code Signing" in verified.stdout
