"""Factories for sign-off chain tests."""

from __future__ import annotations


def minimal_pdf(lines: list[str]) -> bytes:
    """A one-page PDF with a Helvetica text layer (ASCII lines)."""
    text_ops = ["BT", "/F1 12 Tf", "72 720 Td", "14 TL"]
    for line in lines:
        escaped = line.replace("\\", "\\\\").replace("(", "\\(").replace(")", "\\)")
        text_ops.append(f"({escaped}) Tj T*")
    text_ops.append("ET")
    stream = "\n".join(text_ops).encode("latin-1")
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents 4 0 R "
        b"/Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length " + str(len(stream)).encode() + b" >>\nstream\n" + stream
        + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(len(out))
        out += f"{number} 0 obj\n".encode() + body + b"\nendobj\n"
    xref = len(out)
    out += f"xref\n0 {len(objects) + 1}\n0000000000 65535 f \n".encode()
    for offset in offsets:
        out += f"{offset:010d} 00000 n \n".encode()
    out += (f"trailer\n<< /Size {len(objects) + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n"
            .encode())
    return bytes(out)


def make_staff(*, township, roles=None, email: bool = True) -> dict:
    """One user per chain role in a township: {role: user}."""
    from tests.factories import make_member
    from townships.models import Role

    roles = roles or [Role.AUTHOR, Role.OFFICE_HEAD, Role.SUPERVISOR, Role.INFO_LEADER,
                      Role.PRINCIPAL, Role.PUBLISHER]
    staff = {}
    for role in roles:
        user = make_member(township=township, role=role)
        if email:
            user.email = f"{user.username}@example.gov.cn"
            user.save(update_fields=["email"])
        staff[role] = user
    return staff


def make_draft(*, township, author, **fields):
    from tests.factories import make_item

    item = make_item(township=township, **fields)
    item.created_by = author
    item.save(update_fields=["created_by"])
    return item


def sign_all(review, staff, *, upto: int | None = None):
    """Sign every step (or the first `upto` steps) with the matching staff member."""
    from signoff import chain

    steps = review.steps[:upto] if upto is not None else review.steps
    for index, step in enumerate(steps):
        review = chain.approve(review, staff[step["role"]], expected_version=review.version,
                               attest_confidentiality=index == 0)
    return review
