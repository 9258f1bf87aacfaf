"""The rule kinds: each a small module with `OPTIONS`, `check_options(options, fix)` and a
matching function. Every concrete rule is data naming one of these."""
from . import balance, checksum, frontmatter, lexicon, pattern, suppression

KINDS = {
    "lexicon": lexicon,
    "pattern": pattern,
    "checksum": checksum,
    "balance": balance,
    "frontmatter": frontmatter,
    "suppression": suppression,
}
from . import roster  # noqa: E402  (word branch: names and titles against a roster)
KINDS["roster"] = roster
