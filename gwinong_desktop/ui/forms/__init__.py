"""Record dialogs: house, lease, operator, works and funding, annual plan.

Each dialog keeps what was typed, shows every refusal beside its field in Korean, asks a reason
for each broken program rule (``WarningsDialog``) and closes only once the service has written
the record in one unit (``RecordDialog.saved``). A changed form never goes without asking
저장 / 버리기 / 계속 쓰기 (``guard``: any dialog, wizard or panel with input uses it; ``inputs``
finds what a form holds, with no code per field).
"""
