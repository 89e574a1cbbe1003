"""Check the built exes carry the version of pyproject.toml and the icon (pefile).

    python packaging/check_exe_resources.py DIST_FOLDER VERSION

packaging/build_windows.sh runs it with the Windows Python (pefile comes with PyInstaller).
Exits 1 naming what is missing or wrong.
"""

from __future__ import annotations

import sys
from pathlib import Path

import pefile  # type: ignore[import-untyped]

RT_ICON = 3


def problems(exe: Path, version: str) -> list[str]:
    pe = pefile.PE(str(exe), fast_load=False)
    strings: dict[str, str] = {}
    for info in getattr(pe, "FileInfo", [[]])[0]:
        if info.Key == b"StringFileInfo":
            for table in info.StringTable:
                strings.update({k.decode(): v.decode() for k, v in table.entries.items()})
    found = []
    for key in ("FileVersion", "ProductVersion"):
        if strings.get(key) != version:
            said = strings.get(key)
            found.append(f"{exe.name}: {key} is {said!r}, pyproject.toml says {version}")
    if strings.get("ProductName") != "Complaints Desktop":
        found.append(f"{exe.name}: no ProductName")
    icons = [e for e in pe.DIRECTORY_ENTRY_RESOURCE.entries if e.id == RT_ICON]
    if not icons or len(icons[0].directory.entries) < 5:
        found.append(f"{exe.name}: the icon is missing")
    return found


def main(argv: list[str]) -> int:
    folder, version = Path(argv[0]), argv[1]
    found = [
        p
        for name in ("complaints-desktop.exe", "complaints-desktop-cli.exe")
        for p in problems(folder / name, version)
    ]
    for problem in found:
        print(problem)
    print("exe resources: " + ("wrong" if found else f"version {version} and icon in both exes"))
    return 1 if found else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
