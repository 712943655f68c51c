"""The ``process`` marker is kept: a test that starts a process without it fails, even when the
code under test swallows the guard's exception, and the run ends with what process tests cost."""

from __future__ import annotations

from pathlib import Path

import pytest

pytest_plugins = ("pytester",)

CONFTEST = Path(__file__).with_name("conftest.py")


@pytest.mark.process  # the inner run's marked test really starts one
def test_an_unmarked_test_that_starts_a_process_fails(pytester: pytest.Pytester) -> None:
    pytester.makeconftest(CONFTEST.read_text(encoding="utf-8"))
    pytester.makeini("[pytest]\nmarkers =\n    process: starts a process\n")
    pytester.makepyfile(
        test_sample="""
        import os
        import subprocess
        import sys

        import pytest

        def test_runs_python_unmarked():
            subprocess.run([sys.executable, "-c", "pass"], check=True)

        def test_swallows_the_refusal():
            try:
                subprocess.check_output([sys.executable, "--version"])
            except Exception:
                pass

        def test_os_system_unmarked():
            os.system("exit 0")

        def test_qprocess_unmarked():
            from PySide6.QtCore import QProcess

            QProcess.execute(sys.executable, ["-c", "pass"])

        def test_opens_a_folder_unmarked(tmp_path):
            from PySide6.QtCore import QUrl
            from PySide6.QtGui import QDesktopServices

            QDesktopServices.openUrl(QUrl.fromLocalFile(str(tmp_path)))

        @pytest.mark.process
        def test_runs_python_marked():
            done = subprocess.run([sys.executable, "-c", "print(7)"], capture_output=True)
            assert done.stdout.strip() == b"7"

        def test_starts_nothing():
            assert sum([1, 2]) == 3
        """
    )
    result = pytester.runpytest("-p", "no:cacheprovider")
    result.assert_outcomes(passed=2, failed=5)
    out = result.stdout.str()
    for name in ("runs_python", "swallows_the_refusal", "os_system", "qprocess", "opens_a_folder"):
        unmarked = name if name == "swallows_the_refusal" else f"{name}_unmarked"
        assert f"FAILED test_sample.py::test_{unmarked}" in out, out
    assert "without @pytest.mark.process" in out or "mark it @pytest.mark.process" in out
    result.stdout.fnmatch_lines(["process tests: 1 ran, * s of * s spent in tests (*%)"])
