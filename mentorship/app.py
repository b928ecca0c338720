"""The application factory: the only place that wires plugins, middleware and features together."""

from __future__ import annotations

import gc
from typing import Any

from advanced_alchemy.extensions.litestar import SQLAlchemyPlugin
from advanced_alchemy.extensions.litestar.store import SQLAlchemyStore
from litestar import Litestar
from litestar.config.csrf import CSRFConfig
from litestar.di import Provide
from litestar.exceptions import HTTPException
from litestar.logging.config import LoggingConfig
from litestar.openapi.config import OpenAPIConfig
from litestar.plugins.htmx import HTMXPlugin
from litestar.static_files import create_static_files_router
from litestar.stores.registry import StoreRegistry
from sqlalchemy.exc import OperationalError
from sqlalchemy.exc import TimeoutError as PoolTimeout

from mentorship import __version__
from mentorship.accounts.api import AuthApiController
from mentorship.accounts.auth import provide_me, user_middleware
from mentorship.accounts.controllers import AccountController
from mentorship.accounts.sessions import RotatingSessionConfig
from mentorship.checkins.action_pages import ActionItemController
from mentorship.checkins.api import CheckinApiController, PulseApiController, TemplateApiController
from mentorship.checkins.controllers import CheckinController
from mentorship.checkins.personal import CalendarController, WellbeingController
from mentorship.checkins.template_pages import TemplateController
from mentorship.cohorts.api import CohortApiController
from mentorship.cohorts.controllers import CohortBannerController, CohortController
from mentorship.config import PROJECT_ROOT, Settings
from mentorship.database import build_sqlalchemy_config
from mentorship.engine.suggest import load_engine_in_background
from mentorship.events.api import EventApiController
from mentorship.events.controllers import EventController
from mentorship.health.controllers import HealthController
from mentorship.home.controllers import CommunityApiController, HomeController
from mentorship.imports.api import ImportApiController
from mentorship.imports.controllers import ImportController
from mentorship.jobs.config import build_jobs_plugin
from mentorship.lib.apidocs import LocalSwaggerRenderPlugin
from mentorship.lib.errors import (
    DomainError,
    busy_handler,
    domain_error_handler,
    http_exception_handler,
    internal_error_handler,
    operational_error_handler,
)
from mentorship.lib.head import head_as_get
from mentorship.lib.hygiene import MAX_BODY_BYTES, malformed_address_middleware, recursion_error_handler
from mentorship.lib.i18n import locale_middleware
from mentorship.lib.reasons import use_topic_labels
from mentorship.lib.security import security_headers_middleware
from mentorship.lib.store import DatabaseStore
from mentorship.manual.api import MatchApiController
from mentorship.manual.controllers import MatchController
from mentorship.models import StoreItem
from mentorship.notifications.api import NotificationApiController
from mentorship.notifications.controllers import NotificationController
from mentorship.privacy.api import AccountDataApiController
from mentorship.privacy.controllers import AccountDataController
from mentorship.profiles.api import ProfileApiController
from mentorship.profiles.controllers import ProfileController
from mentorship.profiles.roster import RosterController
from mentorship.programs.api import ProgramApiController
from mentorship.programs.controllers import ProgramController
from mentorship.programs.member_pages import ProgramMemberController
from mentorship.programs.question_api import ProgramQuestionApiController
from mentorship.programs.question_pages import ProgramQuestionController
from mentorship.proposals.api import ProposalApiController
from mentorship.proposals.controllers import ProposalController
from mentorship.relationships.api import DashboardApiController, RelationshipApiController
from mentorship.relationships.controllers import DashboardController, RelationshipController
from mentorship.rounds.api import RoundApiController
from mentorship.rounds.controllers import RoundController
from mentorship.templating import build_template_config
from mentorship.topics.api import TopicApiController
from mentorship.topics.controllers import TopicController
from mentorship.topics.labels import topic_label, topic_labels_middleware

STATIC_DIR = PROJECT_ROOT / "static"


def create_app(settings: Settings | None = None) -> Litestar:
    """Build the Litestar app for the given settings."""
    settings = settings or Settings.from_env()
    db_config = build_sqlalchemy_config(settings)
    template_config = build_template_config(settings)
    # Reasons name topics by their label in the reader's language: the database's, then the seed catalog's.
    use_topic_labels(topic_label)

    def store_factory(name: str) -> SQLAlchemyStore[Any]:
        return DatabaseStore(db_config, model=StoreItem, namespace=name)

    session_config = RotatingSessionConfig(
        store="sessions",
        key="session",
        max_age=settings.session_max_age,
        secure=settings.secure_cookies,
        httponly=True,
        samesite="lax",
        renew_on_access=False,
    )
    app = Litestar(
        route_handlers=[
            HomeController,
            AccountController,
            AuthApiController,
            ProfileController,
            AccountDataController,
            AccountDataApiController,
            RosterController,
            ProgramController,
            ProgramMemberController,
            ProgramQuestionController,
            ProgramApiController,
            ProgramQuestionApiController,
            ImportController,
            ImportApiController,
            MatchController,
            MatchApiController,
            TopicController,
            RoundController,
            RoundApiController,
            ProposalController,
            ProposalApiController,
            TopicApiController,
            ProfileApiController,
            CommunityApiController,
            NotificationController,
            NotificationApiController,
            EventController,
            EventApiController,
            RelationshipController,
            RelationshipApiController,
            DashboardController,
            DashboardApiController,
            CohortController,
            CohortApiController,
            CohortBannerController,
            CheckinController,
            ActionItemController,
            TemplateController,
            WellbeingController,
            CalendarController,
            CheckinApiController,
            TemplateApiController,
            PulseApiController,
            HealthController,
            create_static_files_router(
                path="/static", directories=[STATIC_DIR], name="static", include_in_schema=False
            ),
        ],
        plugins=[SQLAlchemyPlugin(config=db_config), HTMXPlugin(), build_jobs_plugin(settings, db_config)],
        middleware=[
            security_headers_middleware,
            locale_middleware,
            malformed_address_middleware,
            session_config.middleware,
            user_middleware(db_config),
            topic_labels_middleware(db_config),
        ],
        csrf_config=CSRFConfig(
            secret=settings.secret_key,
            cookie_name="csrftoken",
            header_name="x-csrftoken",
            cookie_secure=settings.secure_cookies,
            cookie_samesite="lax",
            safe_methods={"GET", "HEAD", "OPTIONS"},
        ),
        stores=StoreRegistry(default_factory=store_factory),
        template_config=template_config,
        openapi_config=OpenAPIConfig(
            title="Mentorship API",
            version=__version__,
            path="/schema",
            render_plugins=[LocalSwaggerRenderPlugin()],
            description="Session-authenticated JSON API. Unsafe requests echo the `csrftoken` cookie "
            "in the `x-csrftoken` header.",
        ),
        exception_handlers={
            HTTPException: http_exception_handler,
            # The domain's refusals (not found, forbidden, conflict, invalid) map to HTTP here, once.
            DomainError: domain_error_handler,
            RecursionError: recursion_error_handler,
            # Waiting longer than the pool timeout for a database connection: busy, not broken.
            PoolTimeout: busy_handler,
            # Refused (too many clients, down) or locked out: busy too, so clients retry; else a 500.
            OperationalError: operational_error_handler,
            Exception: internal_error_handler,
        },
        request_max_body_size=MAX_BODY_BYTES,
        logging_config=LoggingConfig(
            log_exceptions="always",
            # Client errors are answers, not faults: log them without a stack trace.
            disable_stack_trace={400, 401, 403, 404, 405, 409, 429},
            root={"level": settings.log_level, "handlers": ["queue_listener"]},
            configure_root_logger=True,
        ),
        dependencies={
            "settings": Provide(lambda: settings, use_cache=True, sync_to_thread=False),
            # The signed-in user, once for every handler: `me: NamedDependency[User]`.
            "me": Provide(provide_me, sync_to_thread=False),
        },
        debug=False,
    )
    app.state.settings = settings
    # Litestar routes HEAD only to handlers that declare it; every GET page should answer HEAD too.
    app.asgi_handler = head_as_get(app.asgi_handler)
    return app


GC_YOUNG_THRESHOLD = 10_000  # allocations between young collections (CPython's default: 700)


def create_app_from_env() -> Litestar:
    """Factory for uvicorn workers: settings come from the environment."""
    # Served, not in tests: the first "Find a mentor now" must not wait seconds for the engine to load.
    load_engine_in_background()
    app = create_app(Settings.from_env())
    app.on_startup.append(_settle_memory)
    return app


def _settle_memory() -> None:
    """Keep the start-up's objects out of the garbage collector's full passes.

    A served worker holds a few hundred thousand long-lived objects (the app, templates, topic
    catalogs); every full collection walked them all, a pause of up to 250 ms at the 99th percentile.
    Frozen, they are never walked again; and young collections run less often.
    """
    gc.collect()
    gc.freeze()
    gc.set_threshold(GC_YOUNG_THRESHOLD, 20, 20)
