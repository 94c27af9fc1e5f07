"""Quick interview pages: choose, answer one question at a time, read the scored result."""
