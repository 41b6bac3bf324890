"""Test e-mail backends: a township whose mail never goes (its addresses' SMTP is unreachable)."""

from django.core.mail.backends.locmem import EmailBackend

UNREACHABLE_DOMAIN = "down.example.gov.cn"


class OneTownshipUnreachable(EmailBackend):
    """locmem, except that a message to an address @down.example.gov.cn raises the error
    smtplib gives for an unreachable host."""

    def send_messages(self, messages):
        for message in messages:
            if any(a.endswith("@" + UNREACHABLE_DOMAIN) for a in message.recipients()):
                raise ConnectionRefusedError(111, "Connection refused (smtp.down.example.gov.cn)")
        return super().send_messages(messages)
