"""The FastAPI app: routers, middleware and the one error handler."""

import functools
import logging
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager

from fastapi import FastAPI
from fastapi.middleware.cors import CORSMiddleware

from app import analysis, storage
from app.ads.router import router as ads_router
from app.auth.router import router as auth_router
from app.batches import service as batches_service
from app.batches.router import router as batches_router
from app.body_limit import BodySizeLimit
from app.config import get_settings
from app.db import session_factory
from app.error_handlers import install_error_handlers
from app.health.router import router as health_router
from app.jobs import recovery
from app.jobs.router import router as jobs_router
from app.media_routes import router as media_router
from app.providers import registry
from app.songs.router import router as songs_router
from app.tracks.router import router as tracks_router
from app.usage import ledger
from app.videos.production import retention
from app.videos.production.router import router as production_router
from app.videos.router import router as videos_router
from app.youtube import quota
from app.youtube.router import router as youtube_router
from app.youtube.video_router import router as youtube_video_router


@functools.cache  # once per process, however often the app starts (tests start it many times)
def _warm_up() -> None:
    """Load the configured providers' code now (the local synthesiser brings scipy, ~2 s of
    imports) and compile (or load from its cache) the music analyser, so that the first
    generation or analysis after a start does not wait for them."""
    try:
        registry.music_provider()
        registry.image_provider()
    except Exception:
        pass
    try:
        analysis.warm()
    except Exception:
        logging.getLogger("app").exception("warming the music analyser failed")


SWEEP_EVERY = 6 * 3600  # seconds between removals of what old failed videos left


def _sweep_periodically(stop: threading.Event) -> None:
    while not stop.wait(SWEEP_EVERY):
        try:
            with session_factory()() as db:
                retention.sweep(db)
        except Exception:
            logging.getLogger("app").exception("removing what failed videos left failed")


@asynccontextmanager
async def lifespan(_: FastAPI) -> AsyncIterator[None]:
    threading.Thread(target=_warm_up, name="warm-up", daemon=True).start()
    storage.ensure_dirs()
    with session_factory()() as db:
        interrupted = (
            recovery.fail_interrupted(db)
            + batches_service.fail_interrupted(db)
            + ledger.close_interrupted(db)
            + quota.release_all(db)
        )
        recovery.remove_scratch(db)
        retention.sweep(db)
    if interrupted:
        logging.getLogger("app").warning(
            "closed %d step(s), batch(es), provider call(s) or quota hold(s) interrupted by the last stop",
            interrupted,
        )
    stop = threading.Event()
    threading.Thread(target=_sweep_periodically, args=(stop,), name="retention", daemon=True).start()
    yield
    stop.set()


def create_app() -> FastAPI:
    settings = get_settings()
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    app = FastAPI(
        title="Ambient Studio API",
        version="0.1.0",
        description="Prompt or song → music, cover art, video → YouTube. Sign in with POST /api/auth/login.",
        lifespan=lifespan,
    )
    install_error_handlers(app)
    # A song upload is multipart and large; JSON bodies stay small.
    song_limit = settings.songs.max_bytes + 1_000_000
    app.add_middleware(
        BodySizeLimit, max_bytes=settings.web.max_request_bytes, route_limits={"/api/songs": song_limit}
    )
    app.add_middleware(
        CORSMiddleware,
        allow_origins=settings.web.cors_origins,
        allow_methods=["*"],
        allow_headers=["*"],
        expose_headers=["Retry-After", "Content-Range", "Accept-Ranges"],
    )
    for router in (
        auth_router,
        tracks_router,
        songs_router,
        videos_router,
        production_router,
        jobs_router,
        batches_router,
        youtube_router,
        youtube_video_router,
        health_router,
        media_router,
        ads_router,
    ):
        app.include_router(router)
    return app


app = create_app()
