"""Field kits in the GUI: the export dialog (파일 → 현장 자료 내보내기…) and the banner a field
copy shows above every page."""
