"""Integration tests run on SQLite and, when TEST_DATABASE_URL is set, on PostgreSQL."""

import pytest


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.postgres)])
def db_backend(request):
    return request.param
