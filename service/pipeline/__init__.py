"""The one pipeline: ingest, backend draft, verify. Knows nothing of HTTP, Slack or the CLI."""
