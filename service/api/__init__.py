"""The HTTP shell: FastAPI app factory, routes, problem+json errors."""

from service.api.app import create_app

__all__ = ["create_app"]
