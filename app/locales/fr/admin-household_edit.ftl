## Editing a household

# $number: the household's number, as it signs in with.
admin-household-edit-heading = Modifier le foyer { $number }
# $balance: the household's balance with its currency, e.g. "KES 12.50".
admin-household-edit-balance = Solde : { $balance }. Pour le modifier, faites une recharge en espèces ou un remboursement depuis la page du compteur.
# $id: the household's number in the database.
admin-household-edit-not-found = foyer { $id } introuvable

## The form

admin-household-edit-household-name = Nom du foyer
admin-household-edit-phone = Téléphone
admin-household-edit-address = Adresse
# The amount below which the household is warned that its balance is low.
admin-household-edit-warn-below = Seuil d’alerte
admin-household-edit-new-password = Nouveau mot de passe (facultatif)
# A button.
admin-household-edit-save = Enregistrer le foyer
# A link that closes the form.
admin-household-edit-close = Fermer
# $id: the household's number in the database.
admin-household-edit-saved = Foyer { $id } enregistré.
# $id: the household's number in the database; $password: its new first password.
admin-household-edit-saved-with-password = Foyer { $id } enregistré. Son nouveau mot de passe initial (affiché une seule fois) : { $password }
