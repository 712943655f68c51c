"""Writing an access record (접속·변경 기록) for something that has already happened.

A record written *before* what it records (opening a person's data) is written inside the use
case and, when it fails, stops the use case: nothing is shown that was not recorded. A record of
what is already done (a restore, a repair, a backup, the screen locking) cannot stop it any more;
then the failure is never swallowed: its traceback goes to the log (``logging``, the
``gwinong_desktop`` logger, which the app sends to its log file) and the officer is told in
Korean what could not be recorded and why (:func:`record_done`, :func:`unrecorded`).
"""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from .context import ServiceContext

log = logging.getLogger(__name__)


def unrecorded(what: str, exc: BaseException) -> str:
    """Log why the record of ``what`` (Korean, e.g. "백업에서 복원") was not written, with its
    traceback, and return the Korean line that tells the officer."""
    log.error("access record not written: %s", what, exc_info=exc)
    reason = getattr(exc, "message", None) or str(exc) or exc.__class__.__name__
    return (
        f"'{what}'을(를) 접속·변경 기록에 남기지 못했습니다 ({reason}). 작업 자체는 "
        "끝났습니다. 자세한 내용은 오류 기록 파일에 남겼으니 관리자에게 알려 주세요."
    )


def record_done(
    ctx: ServiceContext,
    action: str,
    entity: str,
    summary: str,
    uid: str | None = None,
    *,
    what: str,
) -> str | None:
    """Record, in its own transaction, something ``ctx.actor`` has done; None once written, else
    the Korean warning of :func:`unrecorded` (the caller shows it with the work's result)."""
    from gwinong_desktop.storage.audit import log_event

    try:
        with ctx.write() as s:
            log_event(s, action, entity, summary, uid)
    except Exception as exc:  # the work is done; the officer must learn that its record is not
        return unrecorded(what, exc)
    return None
