"""Helpers to write hostile pages that are otherwise clean (the only problem is the trick)."""


def page(title: str, body: str, front: str = "") -> str:
    return f"---\ntitle: {title}\n{front}---\n\n# {title}\n\n{body}\n"
