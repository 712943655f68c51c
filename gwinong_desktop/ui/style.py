"""The main window's style sheet: quiet colours, clear headings, the platform's own widgets.

Scoped by object names so that dialogs and standard widgets keep the native look.
"""

from __future__ import annotations

ACCENT = "#3f7a34"
NAV_BG = "#f2f4f0"
BORDER = "#d9ddd6"

MAIN_STYLE = f"""
QListWidget#navigation {{
    background: {NAV_BG};
    border: none;
    border-right: 1px solid {BORDER};
    padding: 10px 8px;
    outline: 0;
}}
QListWidget#navigation::item {{
    padding: 8px 10px;
    margin: 1px 0;
    border-radius: 6px;
    color: #26332c;
}}
QListWidget#navigation::item:hover {{
    background: #e4e9e1;
}}
QListWidget#navigation::item:selected {{
    background: #dcebd5;
    color: #1f4a19;
    font-weight: bold;
}}
QLabel#navTitle {{
    background: {NAV_BG};
    color: {ACCENT};
    font-size: 11pt;
    font-weight: bold;
    padding: 14px 16px 4px 16px;
    border-right: 1px solid {BORDER};
}}
QLabel#pageHeading {{
    font-size: 17pt;
    font-weight: bold;
    color: #1f2a24;
}}
QLabel#pageBlurb {{
    color: #5a6660;
}}
QLabel#sectionHeading {{
    font-size: 12pt;
    font-weight: bold;
    color: #2b3830;
}}
QLabel#countLabel {{
    color: #44514a;
}}
QTableView#houseTable {{
    border: 1px solid {BORDER};
    gridline-color: #e7e9e5;
    alternate-background-color: #f7f9f6;
    selection-background-color: #cfe3c6;
    selection-color: #10220c;
}}
QTableView#houseTable::item {{
    padding: 0 6px;
}}
QTableView#houseTable QHeaderView::section {{
    background: #eef1ec;
    border: none;
    border-bottom: 1px solid {BORDER};
    border-right: 1px solid #e2e6df;
    padding: 5px 6px;
    font-weight: bold;
    color: #2b3830;
}}
QWidget#houseDetail {{
    border: 1px solid {BORDER};
    background: #ffffff;
}}
QWidget#detailBody {{
    background: #ffffff;
}}
QLabel#detailEmpty {{
    color: #7a857f;
    background: #ffffff;
}}
QLabel#detailTitle {{
    font-size: 15pt;
    font-weight: bold;
    color: #1f2a24;
}}
QLabel#detailSubtitle {{
    color: #4c5852;
}}
QLabel#detailSection {{
    font-weight: bold;
    color: {ACCENT};
    border-bottom: 1px solid #e3e7e0;
    padding-bottom: 3px;
}}
QLabel#detailLabel {{
    color: #66726b;
}}
QLabel#detailValue {{
    color: #1d2621;
}}
QFrame#statCard {{
    background: #ffffff;
    border: 1px solid {BORDER};
    border-radius: 8px;
}}
QLabel#statTitle {{
    color: #5a6660;
}}
QFrame#statCard:hover {{
    border-color: #9cc48c;
}}
QLabel#statValue {{
    font-size: 18pt;
    font-weight: bold;
}}
QFrame#chartCard {{
    background: #ffffff;
    border: 1px solid {BORDER};
    border-radius: 8px;
}}
QStatusBar QLabel {{
    color: #4c5852;
    padding: 0 6px;
}}
"""
