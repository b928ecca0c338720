"""The `mentorship` command: serve, migrate, load demo data, match from a CSV."""

from __future__ import annotations

import asyncio
import os
import time

import click

from mentorship.config import Settings


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="mentorship")
def cli() -> None:
    """Mentorship: explained mentor matching, group and peer mentoring, check-ins."""


@cli.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Interface to listen on.")
@click.option("--port", default=8000, show_default=True, type=int, help="Port to listen on.")
@click.option(
    "--workers", default=1, show_default=True, type=click.IntRange(1, 64), help="uvicorn worker processes."
)
@click.option("--reload", is_flag=True, help="Restart on code changes (development).")
def serve(host: str, port: int, workers: int, reload: bool) -> None:
    """Serve the web app with uvicorn."""
    import uvicorn

    from mentorship.jobs import sidecar

    settings = Settings.from_env()
    shown = "127.0.0.1" if host in {"0.0.0.0", "::"} else host  # noqa: S104
    click.secho(f"\n  Mentorship is running at http://{shown}:{port}\n", fg="green", bold=True)
    click.echo(f"  Demo sign-in: coordinator@example.org / {settings.demo_password}")
    click.echo("  (every demo account uses the same password; see the README)\n")
    # On SQLite, background jobs run in one process of their own beside the web workers.
    worker = sidecar.Sidecar(os.environ) if sidecar.wanted(settings.is_sqlite, os.environ) else None
    if worker is not None:
        worker.start()
    try:
        uvicorn.run(
            "mentorship.app:create_app_from_env",
            factory=True,
            host=host,
            port=port,
            workers=workers,
            reload=reload,
            # X-Forwarded-* is believed only from the configured proxies: anyone else could pick an address.
            proxy_headers=bool(settings.trusted_proxies),
            forwarded_allow_ips=",".join(settings.trusted_proxies) or None,
            log_level=settings.log_level.lower(),
        )
    finally:
        if worker is not None:
            worker.stop()


@cli.group()
def db() -> None:
    """Database migrations."""


@db.command()
@click.option("--revision", default="head", show_default=True)
def upgrade(revision: str) -> None:
    """Apply migrations up to a revision."""
    from mentorship import migrate

    settings = Settings.from_env()
    migrate.upgrade(settings, revision)
    click.echo(f"Database is at {revision}.")
    if revision == "head":
        added = migrate.seed_reference_data(settings)
        if added:
            click.echo(f"Added {added} curated topics.")


@db.command()
@click.option("--revision", default="-1", show_default=True, help='A revision, "-1" for one step, or "base".')
def downgrade(revision: str) -> None:
    """Revert migrations down to a revision."""
    from mentorship import migrate

    migrate.downgrade(Settings.from_env(), revision)


@db.command()
def check() -> None:
    """Fail if the models have changes that no migration covers."""
    from mentorship import migrate

    migrate.check(Settings.from_env())
    click.echo("Models and migrations agree.")


@db.command()
@click.option("-m", "--message", required=True)
def revision(message: str) -> None:
    """Write a new migration from the models (developers)."""
    from mentorship import migrate

    migrate.revision(Settings.from_env(), message)


@cli.group()
def demo() -> None:
    """The demo community."""


@demo.command("load")
@click.option("--if-empty", is_flag=True, help="Do nothing when the database already has people in it.")
@click.option("--seed", default=2026, show_default=True, type=int)
@click.option("--size", default=240, show_default=True, type=click.IntRange(10, 100_000))
def demo_load(if_empty: bool, seed: int, size: int) -> None:
    """Load a realistic, seeded demo community."""
    from mentorship.demo.loader import load_demo

    settings = Settings.from_env()
    result = asyncio.run(load_demo(settings, seed=seed, size=size, if_empty=if_empty))
    if result.skipped:
        click.echo("Demo data: the database already has people in it; left as it is.")
        return
    click.echo(
        f"Demo data: loaded {result.participants} participants, {result.topics} topics and a coordinator."
    )
    if result.matches.get("proposals"):
        click.echo(
            f"Demo matching: a published round with {result.matches['proposals']} proposals, "
            f"{result.matches['accepted']} accepted and {result.matches['declined']} declined."
        )
    click.echo(f"Sign in as coordinator@example.org with the password {settings.demo_password!r}.")


@cli.group()
def suggestions() -> None:
    """Stored suggestion lists."""


@suggestions.command("refresh")
def suggestions_refresh() -> None:
    """Build every suggestion list now (a background job otherwise does, after a change)."""
    from mentorship.proposals.refresh import refresh_every_list

    started = time.perf_counter()
    built = asyncio.run(refresh_every_list(Settings.from_env()))
    click.echo(f"Suggestions: {built} lists built in {time.perf_counter() - started:.1f} s.")


@cli.group()
def user() -> None:
    """Accounts."""


@user.command("create")
@click.argument("email")
@click.option("--name", default="", help="Display name (defaults to the part before @).")
@click.option("--coordinator", "is_coordinator", is_flag=True, help="Make the account a coordinator.")
@click.password_option(help="Password (asked for when not given).")
def user_create(email: str, name: str, is_coordinator: bool, password: str) -> None:
    """Create an account, e.g. the first coordinator: mentorship user create --coordinator EMAIL."""
    from mentorship.accounts.admin import create_user

    settings = Settings.from_env()
    try:
        created = asyncio.run(create_user(settings, email, name, password, coordinator=is_coordinator))
    except ValueError as exc:
        raise click.UsageError(str(exc)) from exc
    role = "coordinator" if created.is_coordinator else "participant"
    click.echo(f"Created {role} {created.email}.")


@cli.group()
def jobs() -> None:
    """Background jobs (matching rounds, emails, reminders)."""


@jobs.command("worker")
@click.option("--concurrency", default=4, show_default=True, type=click.IntRange(1, 64), help="Jobs at once.")
@click.option("--parent", type=int, hidden=True, help="Stop when this process does (serve's own worker).")
def jobs_worker(concurrency: int, parent: int | None) -> None:
    """Run a job worker until stopped (deployments on PostgreSQL or Redis run one or more)."""
    from mentorship.jobs.worker import run_worker

    if parent is not None:
        from mentorship.jobs.sidecar import exit_with_parent

        exit_with_parent(parent)
    asyncio.run(run_worker(Settings.from_env(), concurrency=concurrency))


def _register_match() -> None:
    from mentorship.match.command import match_command

    cli.add_command(match_command, "match")


_register_match()


def main() -> None:
    """Entry point of the console script."""
    cli()


if __name__ == "__main__":
    main()
