"""Which AI engine wrote a study plan: ``study_action_plan.engine`` (``builtin``, ``llm:<model>`` or
``builtin-fallback``) and ``study_action_plan.engine_notice``, the sentence the plan page shows when the
built-in engine stood in for a configured LLM.

Hand-reviewed: two nullable columns, so existing rows stay valid (they were all written by the
built-in engine); batch mode for SQLite downgrades.

Revision ID: 0006
Revises: 0005
Create Date: 2026-11-22 14:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0006'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('study_action_plan', schema=None) as batch_op:
        batch_op.add_column(sa.Column('engine', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('engine_notice', sa.Text(), nullable=True))


def downgrade():
    with op.batch_alter_table('study_action_plan', schema=None) as batch_op:
        batch_op.drop_column('engine_notice')
        batch_op.drop_column('engine')
