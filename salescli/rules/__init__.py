"""Pure policy logic, one module per chapter of POLICY.md. No Typer, Rich or file I/O here."""
