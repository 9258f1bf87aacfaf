"""Reading a draft: bytes to text (source), front matter and Markdown masking (markdown),
length-preserving character folding (folding). The only reader of files and front matter."""
