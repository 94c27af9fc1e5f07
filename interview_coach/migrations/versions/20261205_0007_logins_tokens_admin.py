"""Server-side logins, throttled login names, token expiry and scope, e-mail change, administrators.

- ``user_login`` (one row per browser login) replaces ``user.auth_version``: a session or remember-me
  cookie now works only while its login row is live, so the column is dropped. Every login made before
  this migration ends (its cookie names no login row), which is the safe choice.
- ``login_throttle``: failed logins per hashed login name.
- ``api_token.expires_at`` and ``scope``: existing tokens become read-write (what they could do) and
  expire 90 days after the upgrade (the new default), never at once.
- ``user.is_admin`` (false for everyone: promote with ``interview-coach users promote NAME``),
  ``pending_email``, ``email_change_token``, ``email_change_expiry``.

Hand-reviewed; batch mode for SQLite.

Revision ID: 0007
Revises: 0006
Create Date: 2026-12-05 17:00:00

"""
from datetime import UTC, datetime, timedelta

from alembic import op
import sqlalchemy as sa


# revision identifiers, used by Alembic.
revision = '0007'
down_revision = '0006'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table(
        'user_login',
        sa.Column('id', sa.Integer(), nullable=False),
        sa.Column('user_id', sa.Integer(), nullable=False),
        sa.Column('key_hash', sa.String(length=64), nullable=False),
        sa.Column('remember', sa.Boolean(), nullable=False),
        sa.Column('created_at', sa.DateTime(), nullable=False),
        sa.Column('last_seen_at', sa.DateTime(), nullable=False),
        sa.Column('ended_at', sa.DateTime(), nullable=True),
        sa.ForeignKeyConstraint(['user_id'], ['user.id'], name=op.f('fk_user_login_user_id_user'),
                                ondelete='CASCADE'),
        sa.PrimaryKeyConstraint('id', name=op.f('pk_user_login')),
        sa.UniqueConstraint('key_hash', name=op.f('uq_user_login_key_hash')),
    )
    with op.batch_alter_table('user_login', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_user_login_user_id'), ['user_id'], unique=False)

    op.create_table(
        'login_throttle',
        sa.Column('key_hash', sa.String(length=64), nullable=False),
        sa.Column('failures', sa.Integer(), nullable=False),
        sa.Column('first_failure_at', sa.DateTime(), nullable=False),
        sa.Column('blocked_until', sa.DateTime(), nullable=True),
        sa.PrimaryKeyConstraint('key_hash', name=op.f('pk_login_throttle')),
    )

    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.add_column(sa.Column('expires_at', sa.DateTime(), nullable=True))
        batch_op.add_column(sa.Column('scope', sa.String(length=20), server_default='read_write', nullable=False))
    expiry = datetime.now(UTC).replace(tzinfo=None) + timedelta(days=90)
    op.get_bind().execute(sa.text("UPDATE api_token SET expires_at = :expiry WHERE revoked_at IS NULL"),
                          {"expiry": expiry})

    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('is_admin', sa.Boolean(), server_default=sa.false(), nullable=False))
        batch_op.add_column(sa.Column('pending_email', sa.String(length=120), nullable=True))
        batch_op.add_column(sa.Column('email_change_token', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('email_change_expiry', sa.DateTime(), nullable=True))
        batch_op.create_unique_constraint(batch_op.f('uq_user_email_change_token'), ['email_change_token'])
        batch_op.drop_column('auth_version')


def downgrade():
    with op.batch_alter_table('user', schema=None) as batch_op:
        batch_op.add_column(sa.Column('auth_version', sa.Integer(), server_default='0', nullable=False))
        batch_op.drop_constraint(batch_op.f('uq_user_email_change_token'), type_='unique')
        batch_op.drop_column('email_change_expiry')
        batch_op.drop_column('email_change_token')
        batch_op.drop_column('pending_email')
        batch_op.drop_column('is_admin')
    with op.batch_alter_table('api_token', schema=None) as batch_op:
        batch_op.drop_column('scope')
        batch_op.drop_column('expires_at')
    op.drop_table('login_throttle')
    with op.batch_alter_table('user_login', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_user_login_user_id'))
    op.drop_table('user_login')
