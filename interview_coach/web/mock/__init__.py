"""Mock interview pages (issue 6): a CV + job-description interview in the browser."""
