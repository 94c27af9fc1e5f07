"""Practice session state: which bank question each history row is, why it was chosen, when it was
answered, the scorer's outcome and readable details; the topics a learner chose for a session.

Hand-reviewed: only nullable columns are added, so existing rows stay valid. Batch mode lets
SQLite drop the columns again on downgrade.

Revision ID: 0002
Revises: 0001
Create Date: 2026-11-22 04:47:11.025160

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0002'
down_revision = '0001'
branch_labels = None
depends_on = None


def upgrade():
    with op.batch_alter_table('adaptive_interview_session', schema=None) as batch_op:
        batch_op.add_column(sa.Column('requested_topics', sa.JSON(), nullable=True))

    with op.batch_alter_table('question_history', schema=None) as batch_op:
        batch_op.add_column(sa.Column('question_ref', sa.String(length=100), nullable=True))
        batch_op.add_column(sa.Column('reason', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('answered_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('outcome', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('details', sa.JSON(), nullable=True))


def downgrade():
    with op.batch_alter_table('question_history', schema=None) as batch_op:
        batch_op.drop_column('details')
        batch_op.drop_column('outcome')
        batch_op.drop_column('answered_at')
        batch_op.drop_column('reason')
        batch_op.drop_column('question_ref')

    with op.batch_alter_table('adaptive_interview_session', schema=None) as batch_op:
        batch_op.drop_column('requested_topics')
