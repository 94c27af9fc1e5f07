"""Mock interview plan: the built-in interviewer's stored 8-question plan and which planned question
each assistant message asks, so an interview resumes after a restart.

Hand-reviewed: only nullable JSON columns are added, so existing rows stay valid. Batch mode lets
SQLite drop the columns again on downgrade.

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-22 05:58:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.add_column(sa.Column('plan', sa.JSON(), nullable=True))
        batch_op.add_column(sa.Column('plan_state', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('sessions', schema=None) as batch_op:
        batch_op.drop_column('plan_state')
        batch_op.drop_column('plan')
