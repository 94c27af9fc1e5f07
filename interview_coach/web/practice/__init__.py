"""Practice pages: adaptive sessions, their summaries, the progress dashboard and answer history."""
