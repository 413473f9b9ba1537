# The operator portal's apiTokens for legacy clients
# (app/src/ui/pages/admin/tokens.rs): issue one, see when it was last used, revoke.

## Issuing a token

admin-tokens-heading = API tokens for legacy clients
# The name of the program that will use the token.
admin-tokens-client-name = Client name
# Placeholder: an example of a client name.
admin-tokens-client-name-example = billing scheduler
admin-tokens-days = Valid for (days)
admin-tokens-days-invalid = must be a whole number of days
# Button.
admin-tokens-issue = Issue token
# $time is when the token expires, $zone the time zone it is written in
# (e.g. Africa/Nairobi).
admin-tokens-copy-now = Copy this token now: it is not shown again. Valid until { $time } ({ $zone }).

## The tokens

admin-tokens-col-client = Client
# When the token was issued.
admin-tokens-col-issued = Issued
admin-tokens-col-expires = Expires
admin-tokens-col-last-used = Last used
admin-tokens-col-state = State
# A token's state in the table.
admin-tokens-revoked = revoked
# Button; it asks admin-tokens-revoke-question first.
admin-tokens-revoke = Revoke
# $client is the client's name.
admin-tokens-revoke-question = Revoke the token of { $client }? A client using it is refused from now on and must sign in again.
# The answer to the question that revokes the token.
admin-tokens-revoke-it = Revoke it
