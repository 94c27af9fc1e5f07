"""``interview-coach content …``: inspect the content bank from the command line.

``content stats`` prints counts as tables; ``--json`` prints one JSON object instead (see
:mod:`.stats` for its keys); ``--check`` exits with status 1 when a coverage target is not met.
The group needs no app context, so it also runs as a plain click group in tests.
"""

from __future__ import annotations

import json

import click

from .loader import ContentError, load_content
from .stats import content_stats, format_table

__all__ = ["content_cli"]


@click.group("content")
def content_cli() -> None:
    """Inspect the syllabus, question bank, behavioural bank, skills and debugging challenges."""


@content_cli.command("stats")
@click.option("--json", "as_json", is_flag=True, help="Print one JSON object instead of tables.")
@click.option("--check", is_flag=True, help="Exit with status 1 when a coverage target is not met.")
@click.option(
    "--path", type=click.Path(exists=True, file_okay=False), default=None,
    help="Content directory (default: the bundled content).",
)
def stats_command(as_json: bool, check: bool, path: str | None) -> None:
    """Counts per topic, subtopic, difficulty, language, competency and skill category."""
    try:
        bank = load_content(path)
    except ContentError as exc:
        raise click.ClickException(f"invalid content: {exc}") from None
    stats = content_stats(bank)
    click.echo(json.dumps(stats, indent=2, ensure_ascii=False) if as_json else format_table(stats))
    if check and not stats["targets_met"]:
        raise SystemExit(1)
