# The operator portal's apiTokens for legacy clients
# (app/src/ui/pages/admin/tokens.rs): issue one, see when it was last used, revoke.

## Issuing a token

admin-tokens-heading = Jetons d’API pour les anciennes applications
# The name of the program that will use the token.
admin-tokens-client-name = Nom de l’application
# Placeholder: an example of a client name.
admin-tokens-client-name-example = planificateur de facturation
admin-tokens-days = Validité (jours)
admin-tokens-days-invalid = doit être un nombre entier de jours
# Button.
admin-tokens-issue = Générer le jeton
# $time is when the token expires, $zone the time zone it is written in
# (e.g. Africa/Nairobi).
admin-tokens-copy-now = Copiez ce jeton maintenant : il ne sera plus affiché. Valable jusqu’au { $time } ({ $zone }).

## The tokens

admin-tokens-col-client = Application
# When the token was issued.
admin-tokens-col-issued = Création
admin-tokens-col-expires = Expiration
admin-tokens-col-last-used = Dernière utilisation
admin-tokens-col-state = État
# A token's state in the table.
admin-tokens-revoked = révoqué
# Button; it asks admin-tokens-revoke-question first.
admin-tokens-revoke = Révoquer
# $client is the client's name.
admin-tokens-revoke-question = Révoquer le jeton de { $client } ? Toute application qui l’utilise sera refusée dès maintenant et devra se reconnecter.
# The answer to the question that revokes the token.
admin-tokens-revoke-it = Oui, révoquer
