"""Initial schema: every table and field of both seeds, plus api_token.

Hand-reviewed. Tables from the first seed: user, interview_session, user_mastery,
adaptive_interview_session, question_history, subtopic_mastery, study_action_plan,
debugging_session, debugging_challenge; from the second seed: sessions, messages, feedback.
Additions (see the model docstrings): user.resume_text / resume_stored_name / resume_uploaded_at /
auth_version, sessions.deleted_at, the api_token table, per-user indexes, and the feedback score
CHECK constraint. Every foreign key to user cascades on delete; messages and feedback cascade with
their session; debugging challenges with their debugging session.

Revision ID: 0001
Revises: 
Create Date: 2026-11-22 04:25:08.274360

"""
from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('user',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('username', sa.String(length=80), nullable=False),
    sa.Column('email', sa.String(length=120), nullable=False),
    sa.Column('password_hash', sa.String(length=120), nullable=False),
    sa.Column('full_name', sa.String(length=100), nullable=True),
    sa.Column('phone', sa.String(length=20), nullable=True),
    sa.Column('experience_years', sa.Integer(), nullable=True),
    sa.Column('skills', sa.JSON(), nullable=True),
    sa.Column('resume_filename', sa.String(length=255), nullable=True),
    sa.Column('reset_token', sa.String(length=100), nullable=True),
    sa.Column('reset_token_expiry', sa.DateTime(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('resume_text', sa.Text(), nullable=True),
    sa.Column('resume_stored_name', sa.String(length=64), nullable=True),
    sa.Column('resume_uploaded_at', sa.DateTime(), nullable=True),
    sa.Column('auth_version', sa.Integer(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user'))
    )
    op.create_index(op.f('ix_user_email'), 'user', ['email'], unique=True)
    op.create_index(op.f('ix_user_reset_token'), 'user', ['reset_token'], unique=True)
    op.create_index(op.f('ix_user_username'), 'user', ['username'], unique=True)

    op.create_table('adaptive_interview_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.String(length=100), nullable=False),
    sa.Column('start_time', sa.DateTime(), nullable=True),
    sa.Column('end_time', sa.DateTime(), nullable=True),
    sa.Column('duration', sa.Integer(), nullable=True),
    sa.Column('questions_asked', sa.Integer(), nullable=True),
    sa.Column('avg_semantic', sa.Float(), nullable=True),
    sa.Column('avg_keyword', sa.Float(), nullable=True),
    sa.Column('overall_score', sa.Float(), nullable=True),
    sa.Column('learning_velocity', sa.Float(), nullable=True),
    sa.Column('attention_score', sa.Float(), nullable=True),
    sa.Column('topics_covered', sa.JSON(), nullable=True),
    sa.Column('weakest_topics', sa.JSON(), nullable=True),
    sa.Column('strongest_topics', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_adaptive_interview_session_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_adaptive_interview_session'))
    )
    op.create_index(op.f('ix_adaptive_interview_session_session_id'), 'adaptive_interview_session', ['session_id'], unique=True)
    op.create_index(op.f('ix_adaptive_interview_session_user_id'), 'adaptive_interview_session', ['user_id'], unique=False)

    op.create_table('api_token',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('name', sa.String(length=100), nullable=False),
    sa.Column('token_hash', sa.String(length=64), nullable=False),
    sa.Column('prefix', sa.String(length=16), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=False),
    sa.Column('last_used_at', sa.DateTime(), nullable=True),
    sa.Column('revoked_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_api_token_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_token')),
    sa.UniqueConstraint('token_hash', name=op.f('uq_api_token_token_hash'))
    )
    op.create_index(op.f('ix_api_token_user_id'), 'api_token', ['user_id'], unique=False)

    op.create_table('debugging_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('start_time', sa.DateTime(), nullable=True),
    sa.Column('end_time', sa.DateTime(), nullable=True),
    sa.Column('count', sa.Integer(), nullable=True),
    sa.Column('avg_score', sa.Float(), nullable=True),
    sa.Column('summary', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_debugging_session_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_debugging_session'))
    )
    op.create_index(op.f('ix_debugging_session_user_id'), 'debugging_session', ['user_id'], unique=False)

    op.create_table('interview_session',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('session_type', sa.String(length=50), nullable=False),
    sa.Column('questions', sa.JSON(), nullable=True),
    sa.Column('score', sa.Float(), nullable=True),
    sa.Column('feedback', sa.Text(), nullable=True),
    sa.Column('duration', sa.Integer(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('completed_at', sa.DateTime(), nullable=True),
    sa.Column('speech_metrics', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_interview_session_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_interview_session'))
    )
    op.create_index(op.f('ix_interview_session_user_id'), 'interview_session', ['user_id'], unique=False)

    op.create_table('question_history',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.String(length=100), nullable=False),
    sa.Column('topic', sa.String(length=50), nullable=False),
    sa.Column('subtopic', sa.String(length=100), nullable=True),
    sa.Column('question', sa.Text(), nullable=False),
    sa.Column('answer', sa.Text(), nullable=True),
    sa.Column('expected_answer', sa.Text(), nullable=True),
    sa.Column('sampled_concepts', sa.JSON(), nullable=True),
    sa.Column('semantic_score', sa.Float(), nullable=True),
    sa.Column('keyword_score', sa.Float(), nullable=True),
    sa.Column('depth', sa.String(length=20), nullable=True),
    sa.Column('confidence', sa.String(length=20), nullable=True),
    sa.Column('key_terms', sa.JSON(), nullable=True),
    sa.Column('difficulty', sa.String(length=20), nullable=True),
    sa.Column('response_time', sa.Float(), nullable=True),
    sa.Column('timestamp', sa.DateTime(), nullable=True),
    sa.Column('missing_concepts', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_question_history_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_question_history'))
    )
    op.create_index(op.f('ix_question_history_session_id'), 'question_history', ['session_id'], unique=False)
    op.create_index(op.f('ix_question_history_timestamp'), 'question_history', ['timestamp'], unique=False)
    op.create_index(op.f('ix_question_history_user_id'), 'question_history', ['user_id'], unique=False)

    op.create_table('sessions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=True),
    sa.Column('job_title', sa.String(length=200), nullable=False),
    sa.Column('company_name', sa.String(length=200), nullable=False),
    sa.Column('cv_text', sa.Text(), nullable=True),
    sa.Column('job_description_text', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.Column('deleted_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_sessions_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sessions'))
    )
    op.create_index(op.f('ix_sessions_user_id_created_at'), 'sessions', ['user_id', 'created_at'], unique=False)

    op.create_table('study_action_plan',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('days', sa.Integer(), nullable=False),
    sa.Column('topics', sa.String(length=255), nullable=False),
    sa.Column('plan_markdown', sa.Text(), nullable=False),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_study_action_plan_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_study_action_plan'))
    )
    op.create_index(op.f('ix_study_action_plan_created_at'), 'study_action_plan', ['created_at'], unique=False)
    op.create_index(op.f('ix_study_action_plan_user_id'), 'study_action_plan', ['user_id'], unique=False)

    op.create_table('subtopic_mastery',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=50), nullable=False),
    sa.Column('subtopic', sa.String(length=200), nullable=False),
    sa.Column('mastery_level', sa.Float(), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=True),
    sa.Column('last_asked', sa.DateTime(), nullable=True),
    sa.Column('subtopic_status', sa.String(length=20), nullable=True),
    sa.Column('concept_data', sa.JSON(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_subtopic_mastery_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_subtopic_mastery')),
    sa.UniqueConstraint('user_id', 'topic', 'subtopic', name=op.f('uq_subtopic_mastery_user_id_topic_subtopic'))
    )
    op.create_index(op.f('ix_subtopic_mastery_user_id'), 'subtopic_mastery', ['user_id'], unique=False)

    op.create_table('user_mastery',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('topic', sa.String(length=50), nullable=False),
    sa.Column('sessions_attempted', sa.Integer(), nullable=True),
    sa.Column('last_session_date', sa.DateTime(), nullable=True),
    sa.Column('mastery_level', sa.Float(), nullable=True),
    sa.Column('semantic_avg', sa.Float(), nullable=True),
    sa.Column('keyword_avg', sa.Float(), nullable=True),
    sa.Column('questions_attempted', sa.Integer(), nullable=True),
    sa.Column('correct_count', sa.Integer(), nullable=True),
    sa.Column('avg_response_time', sa.Float(), nullable=True),
    sa.Column('mastery_velocity', sa.Float(), nullable=True),
    sa.Column('last_mastery', sa.Float(), nullable=True),
    sa.Column('current_difficulty', sa.String(length=20), nullable=True),
    sa.Column('consecutive_good', sa.Integer(), nullable=True),
    sa.Column('consecutive_poor', sa.Integer(), nullable=True),
    sa.Column('concept_masteries', sa.JSON(), nullable=True),
    sa.Column('missing_concepts', sa.JSON(), nullable=True),
    sa.Column('weak_concepts', sa.JSON(), nullable=True),
    sa.Column('strong_concepts', sa.JSON(), nullable=True),
    sa.Column('concept_stagnation', sa.JSON(), nullable=True),
    sa.Column('first_attempt', sa.DateTime(), nullable=True),
    sa.Column('last_attempt', sa.DateTime(), nullable=True),
    sa.Column('last_seen', sa.Float(), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_user_mastery_user_id_user'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_user_mastery')),
    sa.UniqueConstraint('user_id', 'topic', name=op.f('uq_user_mastery_user_id_topic'))
    )
    op.create_table('debugging_challenge',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=20), nullable=True),
    sa.Column('topic', sa.String(length=100), nullable=True),
    sa.Column('buggy_code', sa.Text(), nullable=False),
    sa.Column('expected_answer', sa.Text(), nullable=False),
    sa.Column('correct_code', sa.Text(), nullable=True),
    sa.Column('user_explanation', sa.Text(), nullable=True),
    sa.Column('ai_score', sa.Float(), nullable=True),
    sa.Column('ai_feedback', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['debugging_session.id'], name=op.f('fk_debugging_challenge_session_id_debugging_session'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_debugging_challenge'))
    )
    op.create_index(op.f('ix_debugging_challenge_session_id'), 'debugging_challenge', ['session_id'], unique=False)

    op.create_table('feedback',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('interview_score', sa.Integer(), nullable=False),
    sa.Column('strengths', sa.Text(), nullable=True),
    sa.Column('weaknesses', sa.Text(), nullable=True),
    sa.Column('cv_improvements', sa.Text(), nullable=True),
    sa.Column('created_at', sa.DateTime(), nullable=True),
    sa.CheckConstraint('interview_score BETWEEN 1 AND 10', name=op.f('ck_feedback_interview_score_range')),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_feedback_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_feedback')),
    sa.UniqueConstraint('session_id', name=op.f('uq_feedback_session_id'))
    )
    op.create_table('messages',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('session_id', sa.Integer(), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('content', sa.Text(), nullable=False),
    sa.Column('timestamp', sa.DateTime(), nullable=True),
    sa.ForeignKeyConstraint(['session_id'], ['sessions.id'], name=op.f('fk_messages_session_id_sessions'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_messages'))
    )
    op.create_index(op.f('ix_messages_session_id_role'), 'messages', ['session_id', 'role'], unique=False)
    op.create_index(op.f('ix_messages_session_id_timestamp'), 'messages', ['session_id', 'timestamp'], unique=False)


def downgrade():
    # Dropping a table drops its indexes; children before parents.
    op.drop_table('messages')
    op.drop_table('feedback')
    op.drop_table('debugging_challenge')
    op.drop_table('user_mastery')
    op.drop_table('subtopic_mastery')
    op.drop_table('study_action_plan')
    op.drop_table('sessions')
    op.drop_table('question_history')
    op.drop_table('interview_session')
    op.drop_table('debugging_session')
    op.drop_table('api_token')
    op.drop_table('adaptive_interview_session')
    op.drop_table('user')
