"""mastery_snapshot: each topic's mastery at the end of each practised day, so the dashboard's trend reads at
most one row per day and topic instead of replaying every answer; filled here by replaying question_history.

Hand-reviewed: a new table, and its backfill in batches of users with the mastery rules of
``interview_coach.engine.mastery`` (the rules the app applies to each new answer; an answer without an
answer time counts on the day of the upgrade, as the replay did).

Revision ID: 0010
Revises: 0009
Create Date: 2026-12-05 21:00:00

"""
from datetime import UTC, datetime
from itertools import groupby

from alembic import op
import sqlalchemy as sa


revision = '0010'
down_revision = '0009'
branch_labels = None
depends_on = None

USERS_PER_BATCH = 500


def upgrade():
    snapshot = op.create_table(
        'mastery_snapshot',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('topic', sa.String(length=50), nullable=False),
        sa.Column('day', sa.Date(), nullable=False),
        sa.Column('mastery_level', sa.Float(), nullable=False),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_mastery_snapshot_user_id_user'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_mastery_snapshot')),
        sa.UniqueConstraint('user_id', 'topic', 'day', name=op.f('uq_mastery_snapshot_user_id_topic_day')),
    )
    _backfill(op.get_bind(), snapshot)


def _backfill(conn, snapshot):
    from interview_coach.engine.mastery import daily_mastery

    history = sa.table('question_history', sa.column('id'), sa.column('user_id'), sa.column('topic'),
                       sa.column('semantic_score'), sa.column('keyword_score'), sa.column('response_time'),
                       sa.column('answered_at', sa.DateTime()), sa.column('answer'))
    answered = history.c.answer.is_not(None)
    today = datetime.now(UTC).date()
    users = conn.execute(sa.select(history.c.user_id).where(answered).distinct().order_by(history.c.user_id)
                         ).scalars().all()
    for start in range(0, len(users), USERS_PER_BATCH):
        batch = users[start:start + USERS_PER_BATCH]
        rows = conn.execute(
            sa.select(history.c.user_id, history.c.topic, history.c.semantic_score, history.c.keyword_score,
                      history.c.response_time, history.c.answered_at)
            .where(answered, history.c.user_id.in_(batch))
            .order_by(history.c.user_id, history.c.answered_at, history.c.id))
        points = []
        for user_id, answers in groupby(rows, key=lambda r: r[0]):
            days = daily_mastery((topic, s, k, t, at.date() if at else today) for _, topic, s, k, t, at in answers)
            points += [{'user_id': user_id, 'topic': topic, 'day': day, 'mastery_level': level}
                       for topic, levels in days.items() for day, level in levels.items()]
        if points:
            conn.execute(snapshot.insert(), points)


def downgrade():
    op.drop_table('mastery_snapshot')
