"""Which AI engine wrote a mock interview's feedback: ``feedback.engine`` (``builtin``,
``llm:<model>`` or ``builtin-fallback``) and ``feedback.engine_notice``, the sentence the feedback page
shows when the built-in engine stood in for a configured LLM; ``feedback.score_note``, the reason an
LLM gave for moving the rubric's score by one point; ``feedback.annotations``, the rubric's mark and
notes for each answered question, shown with the transcript.

Hand-reviewed: four nullable columns, so existing rows stay valid (they were all written by the
built-in engine); batch mode for SQLite downgrades.

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-22 12:00:00

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.add_column(sa.Column('engine', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('engine_notice', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('score_note', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('annotations', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('feedback', schema=None) as batch_op:
        batch_op.drop_column('annotations')
        batch_op.drop_column('score_note')
        batch_op.drop_column('engine_notice')
        batch_op.drop_column('engine')
