"""The study site: everything the MkDocs hooks call, as plain functions (one module per job)."""
