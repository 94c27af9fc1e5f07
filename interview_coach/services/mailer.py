"""Outgoing e-mail: SMTP when MAIL_SERVER is set, otherwise the message goes to the server log.

Logging the message keeps flows such as password reset usable offline on a laptop. Messages carry
live secrets (a reset link takes over the account for 30 minutes), so their text is logged only where
ALLOW_LOG_RESET_LINKS allows it (development and testing by default; production refuses to start
without MAIL_SERVER unless it is set).
"""

from __future__ import annotations

import logging
import smtplib
from email.message import EmailMessage

from flask import current_app

log = logging.getLogger("interview_coach.mail")


def send_mail(to: str, subject: str, body: str) -> None:
    """Send a plain-text e-mail. SMTP errors are logged, never shown to the requester."""
    config = current_app.config
    if not config.get("MAIL_SERVER"):
        if config.get("ALLOW_LOG_RESET_LINKS"):
            log.warning("MAIL_SERVER is not set; e-mail to %s written here instead.\nSubject: %s\n%s",
                        to, subject, body)
        else:
            log.error("MAIL_SERVER is not set: e-mail to %s (%s) was not sent, and its text is not logged "
                      "because ALLOW_LOG_RESET_LINKS is off.", to, subject)
        return
    message = EmailMessage()
    message["From"] = config["MAIL_FROM"]
    message["To"] = to
    message["Subject"] = subject
    message.set_content(body)
    try:
        with smtplib.SMTP(config["MAIL_SERVER"], config["MAIL_PORT"], timeout=15) as smtp:
            if config.get("MAIL_USE_TLS"):
                smtp.starttls()
            if config.get("MAIL_USERNAME"):
                smtp.login(config["MAIL_USERNAME"], config.get("MAIL_PASSWORD") or "")
            smtp.send_message(message)
    except (OSError, smtplib.SMTPException):
        log.exception("could not send e-mail to %s", to)
