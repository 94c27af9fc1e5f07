"""Personal API tokens over the API: list, create, revoke."""

from __future__ import annotations

from ..services import tokens
from .accounts import _new_token, _token_dict
from .auth import SECURITY, api_user, token_required
from .blueprint import ApiBlueprint
from .schemas import ErrorSchema, NewTokenSchema, TokenCreateSchema, TokenSchema

blp = ApiBlueprint("tokens", __name__, description="Personal API tokens.")


@blp.get("/tokens")
@token_required
@blp.doc(security=SECURITY)
@blp.response(200, TokenSchema(many=True))
def list_tokens():
    """Your active tokens (the secrets are never shown again)."""
    return [_token_dict(t) for t in tokens.list_tokens(api_user().id)]


@blp.post("/tokens")
@token_required
@blp.doc(security=SECURITY)
@blp.arguments(TokenCreateSchema)
@blp.response(201, NewTokenSchema)
@blp.alt_response(409, schema=ErrorSchema, description="You already have the most tokens allowed (20); revoke one.")
def create_token(body):
    """Create another token; the response holds its secret, shown once."""
    return _new_token(api_user().id, body)


@blp.delete("/tokens/<int:token_id>")
@token_required
@blp.doc(security=SECURITY)
@blp.response(204)
@blp.alt_response(404, schema=ErrorSchema, description="No such token of yours.")
def revoke_token(token_id: int):
    """Revoke a token; it stops working at once."""
    tokens.revoke_token(api_user().id, token_id)
