"""The LLM backend: any OpenAI-compatible server, never trusted (its draft is verified)."""
