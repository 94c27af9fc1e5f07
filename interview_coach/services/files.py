"""Where uploaded files live: ``<instance>/uploads/resumes/<random name>``.

Stored names are random (never the user's file name), so uploads cannot collide, overwrite each
other or escape the folder.
"""

from __future__ import annotations

import logging
import os
import secrets
from pathlib import Path

from flask import current_app

log = logging.getLogger(__name__)


def resume_dir() -> Path:
    """The folder for résumé files (created on first use)."""
    path = Path(current_app.instance_path) / "uploads" / "resumes"
    path.mkdir(parents=True, exist_ok=True)
    return path


def save_resume_file(data: bytes, kind: str) -> str:
    """Write ``data`` under a new random name with the extension for ``kind``; return the name."""
    name = f"{secrets.token_hex(16)}.{kind}"
    target = resume_dir() / name
    tmp = target.with_suffix(".part")
    tmp.write_bytes(data)
    os.replace(tmp, target)
    return name


def resume_path(stored_name: str) -> Path:
    """The path of a stored résumé; refuses anything that is not a plain file name."""
    if not stored_name or Path(stored_name).name != stored_name:
        raise ValueError("bad stored file name")
    return resume_dir() / stored_name


def delete_resume_file(stored_name: str | None) -> None:
    """Remove a stored résumé if it exists; a missing file is not an error."""
    if not stored_name:
        return
    try:
        resume_path(stored_name).unlink(missing_ok=True)
    except (OSError, ValueError):
        log.warning("could not delete stored résumé %r", stored_name, exc_info=True)
