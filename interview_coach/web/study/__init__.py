"""Study plan pages: a day-by-day plan for the user's weak areas, written by the AI engine."""
