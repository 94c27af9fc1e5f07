"""The job table: background work's status, progress, result reference, error, attempts and streamed output.

Hand-reviewed: a new table only. Indexes serve the per-user cap (user_id, status) and the dispatcher's
scan for jobs due to run (status, run_after).

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-05 19:50:00

"""
from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'job',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=True),
        sa.Column('kind', sa.String(length=40), nullable=False),
        sa.Column('params', sa.JSON(), nullable=False),
        sa.Column('status', sa.String(length=12), nullable=False),
        sa.Column('progress', sa.Float(), nullable=False),
        sa.Column('message', sa.String(length=200), nullable=False),
        sa.Column('result_ref', sa.String(length=100), nullable=True),
        sa.Column('error', sa.Text(), nullable=True),
        sa.Column('attempts', sa.Integer(), nullable=False),
        sa.Column('output', sa.Text(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('run_after', sa.DateTime(), nullable=False),
        sa.Column('started_at', sa.DateTime(), nullable=True),
        sa.Column('heartbeat_at', sa.DateTime(), nullable=True),
        sa.Column('finished_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_job_user_id_user'), ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_job')),
    )
    op.create_index('ix_job_user_id_status', 'job', ['user_id', 'status'], unique=False)
    op.create_index('ix_job_status_run_after', 'job', ['status', 'run_after'], unique=False)


def downgrade():
    op.drop_index('ix_job_status_run_after', table_name='job')
    op.drop_index('ix_job_user_id_status', table_name='job')
    op.drop_table('job')
