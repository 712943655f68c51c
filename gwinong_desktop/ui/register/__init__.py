"""The register workbook in the GUI: the import wizard and the export dialog.

From the main window (import lazily, so that start-up stays light)::

    from gwinong_desktop.ui.register import RegisterImportWizard, export_register_dialog

    wizard = RegisterImportWizard(self.services, self)
    wizard.sig_imported.connect(lambda summary: self.reload_houses())
    wizard.open()

    export_register_dialog(self, self.services)
"""

from .export import export_register_dialog
from .wizard import RegisterImportWizard

__all__ = ["RegisterImportWizard", "export_register_dialog"]
