"""PyInstaller's own Qt hook, keeping only the plugins and translations buildconfig lists.

Hooks in installer/hooks take precedence over PyInstaller's; buildconfig is importable because
the spec puts installer/ on sys.path."""

from buildconfig import filtered_qt_collection
from PyInstaller.utils.hooks.qt import add_qt6_dependencies

hiddenimports, binaries, datas = filtered_qt_collection(*add_qt6_dependencies(__file__))
