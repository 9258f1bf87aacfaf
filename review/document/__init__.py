"""Reading a draft: bytes to text (source), the front matter exactly as MkDocs reads it
(frontmatter), Markdown masking (markdown), length-preserving character folding (folding),
and what a reader sees, with a map back (normalize). The only reader of files and front matter."""
