"""The ``interview-coach`` console command (the same commands work as ``flask --app interview_coach``).

Feature packages add their own groups here with ``register_cli``.
"""

from __future__ import annotations

import click
from flask import Flask, current_app
from flask.cli import AppGroup, FlaskGroup, with_appcontext


@click.command("serve")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@click.option("--threads", default=8, show_default=True, type=int)
def serve_command(host: str, port: int, threads: int) -> None:
    """Serve the app with waitress, a multi-threaded production WSGI server that runs anywhere.

    For several processes behind a load balancer use gunicorn: see the README.
    """
    from waitress import serve

    from .serving import prepare_to_serve

    app = current_app._get_current_object()  # type: ignore[attr-defined]
    prepare_to_serve()
    click.echo(f" * Interview Coach: http://{host}:{port}/  (database: {_safe_db_url(app)})")
    serve(app, host=host, port=port, threads=threads, ident="interview-coach")


@click.command("retention")
@click.option("--days", type=int, default=None, help="Archive interviews older than this (default: RETENTION_DAYS, 90).")
@click.option("--deleted-days", type=int, default=None,
              help="Purge interviews deleted longer ago than this (default: DELETED_RETENTION_DAYS, 7).")
@click.option("--dry-run", is_flag=True, help="Only count what would be archived and purged.")
@click.option("--as-job", is_flag=True, help="Hand the sweep (configured periods) to the background workers.")
def retention_command(days: int | None, deleted_days: int | None, dry_run: bool, as_job: bool) -> None:
    """Archive and anonymise mock interviews past the retention period; purge deleted ones past theirs;
    remove login records that can no longer matter."""
    from .errors import Invalid

    if as_job:
        from . import jobs

        click.echo(f"retention sweep queued as job {jobs.enqueue('retention')}")
        return
    from .services.retention import archive_old_interviews, prune_login_records, purge_deleted_interviews

    config = current_app.config
    try:
        archived = archive_old_interviews(days if days is not None else config["RETENTION_DAYS"], dry_run=dry_run)
        purged = purge_deleted_interviews(deleted_days if deleted_days is not None else config["DELETED_RETENTION_DAYS"],
                                          dry_run=dry_run)
    except Invalid as exc:
        raise click.BadParameter(exc.message) from exc
    click.echo(f"{'would archive' if dry_run else 'archived'} {archived.archived} interview(s) created before "
               f"{archived.cutoff:%Y-%m-%d %H:%M} UTC")
    click.echo(f"{'would purge' if dry_run else 'purged'} {purged.purged} interview(s) deleted before "
               f"{purged.cutoff:%Y-%m-%d %H:%M} UTC")
    if not dry_run:
        click.echo(f"removed {prune_login_records()} old login record(s)")


@click.command("worker")
@click.option("--queues", default="interactive,maintenance", show_default=True,
              help="Comma-separated RQ queues to take jobs from.")
@click.option("--burst", is_flag=True, help="Stop once the queues are empty.")
@with_appcontext
def worker_command(queues: str, burst: bool) -> None:
    """Run background jobs from Redis (needs REDIS_URL): an RQ worker plus the dispatcher that retries
    jobs whose worker died or whose delivery was lost."""
    from .jobs.worker import work

    if not current_app.config.get("REDIS_URL"):
        raise click.ClickException("REDIS_URL is not set: without it jobs run inside the app process, "
                                   "and no worker is needed.")
    work(tuple(q.strip() for q in queues.split(",") if q.strip()), burst=burst)


@click.command("worker-health")
@with_appcontext
def worker_health_command() -> None:
    """Exit 0 when at least one worker reported in the last 15 seconds (for a service manager's check)."""
    from .jobs.worker import alive_workers

    names = alive_workers()
    click.echo(f"{len(names)} worker(s) alive" + (f": {', '.join(names)}" if names else ""))
    if not names:
        raise SystemExit(1)


@click.group("users", cls=AppGroup)
def users_cli() -> None:
    """Accounts: administrators."""


def _set_admin(username: str, is_admin: bool) -> None:
    from .errors import NotFound
    from .services.accounts import set_admin

    try:
        user = set_admin(username, is_admin)
    except NotFound as exc:
        raise click.ClickException(exc.message) from exc
    click.echo(f"{user.username} is {'now' if is_admin else 'no longer'} an administrator.")


@users_cli.command("promote")
@click.argument("username")
def promote_command(username: str) -> None:
    """Make USERNAME an administrator (sees the AI engine page)."""
    _set_admin(username, True)


@users_cli.command("demote")
@click.argument("username")
def demote_command(username: str) -> None:
    """Make USERNAME an ordinary user again."""
    _set_admin(username, False)


@click.group("llm", cls=AppGroup)
def llm_cli() -> None:
    """The AI engine: which one is active, and whether the configured LLM answers."""


@llm_cli.command("check")
def llm_check_command() -> None:
    """Show the active engine and send one test request to the configured LLM (exit 1 if it fails)."""
    from .ai import get_ai
    from .ai.check import check_engine

    report = check_engine(get_ai())
    for line in report.lines():
        click.echo(line)
    if not report.ok:
        raise SystemExit(1)


def _safe_db_url(app: Flask) -> str:
    from sqlalchemy.engine import make_url

    return make_url(app.config["SQLALCHEMY_DATABASE_URI"]).render_as_string(hide_password=True)


def register_cli(app: Flask) -> None:
    """Attach the project's commands to ``app.cli``."""
    app.cli.add_command(serve_command)
    app.cli.add_command(retention_command)
    app.cli.add_command(worker_command)
    app.cli.add_command(worker_health_command)
    app.cli.add_command(llm_cli)
    app.cli.add_command(users_cli)
    from .content.cli import content_cli

    app.cli.add_command(content_cli)


def _create_app():
    from . import create_app
    from .config import ConfigError

    try:
        return create_app()
    except ConfigError as exc:  # a clear one-line error instead of a traceback
        raise click.ClickException(str(exc)) from exc


@click.group(cls=FlaskGroup, create_app=_create_app, add_default_commands=True)
def main() -> None:
    """Interview Coach: run the server, manage the database, and maintenance commands."""


if __name__ == "__main__":  # `python -m interview_coach.cli`
    main()
