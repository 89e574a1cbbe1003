"""Wine 8 stand-in for the Windows test harness (packaging/windows): never shipped.

Python 3.12+'s shutil copies with _winapi.CopyFile2, which Wine 8 does not implement.
Without the attribute shutil uses its portable copy, as it did before 3.12.
"""

import _winapi

if hasattr(_winapi, "CopyFile2"):
    del _winapi.CopyFile2
