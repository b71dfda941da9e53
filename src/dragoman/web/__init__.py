"""The explorer: a JSON API and server-rendered pages over ``store.reads`` (the one read API).

``create_app(db_path)`` builds the FastAPI app; ``dragoman serve`` runs it with uvicorn.
"""
from dragoman.web.app import create_app

__all__ = ["create_app"]
