## Searching and paging through households

admin-households-title = Foyers
# The label of the search field (read by screen readers).
admin-households-search-label = Rechercher des foyers
# What the search field looks in.
admin-households-search-placeholder = Nom, numéro, téléphone, adresse
# A button.
admin-households-search = Rechercher
# $rows: how many households match; $page: this page's number; $pages: how many pages there are.
admin-households-count = { $rows } foyers · page { $page } sur { $pages }

## The household table

admin-households-name = Nom
# The household's number, as it signs in with.
admin-households-number = Numéro
admin-households-phone = Téléphone
admin-households-area = Zone
admin-households-balance = Solde
# The amount below which the household is warned that its balance is low.
admin-households-warn-below = Seuil d’alerte
# The heading of the column of links (read by screen readers only).
admin-households-actions = Actions
# After a balance that is below the warning amount.
admin-households-low = (bas)
# A link to the household's form.
admin-households-edit = Modifier
# The same link as screen readers name it; $name: the household's name.
admin-households-edit-label = Modifier { $name }

## Adding a household

admin-households-add-heading = Ajouter un foyer
admin-households-add-note = Le foyer reçoit un mot de passe initial aléatoire, affiché une seule fois sur sa fiche de bienvenue, et devra choisir le sien à sa première connexion.
admin-households-household-name = Nom du foyer
admin-households-address = Adresse
admin-households-opening-balance = Solde initial
# Shown when no area was chosen.
admin-households-choose-an-area = choisissez une zone
# A button.
admin-households-add = Ajouter le foyer
# $id: the new household's number in the database.
admin-households-added = Foyer { $id } ajouté.
