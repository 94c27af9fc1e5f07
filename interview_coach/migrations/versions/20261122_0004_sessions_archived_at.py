"""Retention: ``sessions.archived_at``, set when ``interview-coach retention`` archives an interview
and anonymises its CV text.

Hand-reviewed: one nullable column, so existing rows stay valid; batch mode for SQLite downgrades.

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-22 06:10:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('archived_at', sa.DateTime(), nullable=True))


def downgrade():
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_column('archived_at')
