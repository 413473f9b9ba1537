# The operator portal's apiTokens for legacy clients
# (app/src/ui/pages/admin/tokens.rs): issue one, see when it was last used, revoke.

## Issuing a token

admin-tokens-heading = Tokeni za API kwa programu za zamani
# The name of the program that will use the token.
admin-tokens-client-name = Jina la programu
# Placeholder: an example of a client name.
admin-tokens-client-name-example = mfumo wa bili
admin-tokens-days = Halali kwa (siku)
admin-tokens-days-invalid = lazima iwe idadi kamili ya siku
# Button.
admin-tokens-issue = Toa tokeni
# $time is when the token expires, $zone the time zone it is written in
# (e.g. Africa/Nairobi).
admin-tokens-copy-now = Nakili tokeni hii sasa: haitaonyeshwa tena. Halali hadi { $time } ({ $zone }).

## The tokens

admin-tokens-col-client = Programu
# When the token was issued.
admin-tokens-col-issued = Ilitolewa
admin-tokens-col-expires = Inaisha
admin-tokens-col-last-used = Ilitumika mwisho
admin-tokens-col-state = Hali
# A token's state in the table.
admin-tokens-revoked = imebatilishwa
# Button; it asks admin-tokens-revoke-question first.
admin-tokens-revoke = Batilisha
# $client is the client's name.
admin-tokens-revoke-question = Batilisha tokeni ya { $client }? Programu inayoitumia itakataliwa kuanzia sasa na italazimika kuingia tena.
# The answer to the question that revokes the token.
admin-tokens-revoke-it = Ndiyo, ibatilishe
