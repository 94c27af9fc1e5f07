"""question_history (user_id, answered_at, id): history pages and the mastery trend read a user's answers in
answer order from this index instead of sorting all of them (bench/scale.py shows the plans).

Hand-reviewed: one index.

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-05 20:20:00

"""
from alembic import op


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade():
    op.create_index('ix_question_history_user_id_answered_at', 'question_history', ['user_id', 'answered_at', 'id'],
                    unique=False)


def downgrade():
    op.drop_index('ix_question_history_user_id_answered_at', table_name='question_history')
