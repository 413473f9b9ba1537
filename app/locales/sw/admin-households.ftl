## Searching and paging through households

admin-households-title = Kaya
# The label of the search field (read by screen readers).
admin-households-search-label = Tafuta kaya
# What the search field looks in.
admin-households-search-placeholder = Jina, namba, simu, anwani
# A button.
admin-households-search = Tafuta
# $rows: how many households match; $page: this page's number; $pages: how many pages there are.
admin-households-count = Kaya { $rows } · ukurasa { $page } kati ya { $pages }

## The household table

admin-households-name = Jina
# The household's number, as it signs in with.
admin-households-number = Namba
admin-households-phone = Simu
admin-households-area = Eneo
admin-households-balance = Salio
# The amount below which the household is warned that its balance is low.
admin-households-warn-below = Onya chini ya
# The heading of the column of links (read by screen readers only).
admin-households-actions = Vitendo
# After a balance that is below the warning amount.
admin-households-low = (chini)
# A link to the household's form.
admin-households-edit = Hariri
# The same link as screen readers name it; $name: the household's name.
admin-households-edit-label = Hariri { $name }

## Adding a household

admin-households-add-heading = Ongeza kaya
admin-households-add-note = Kaya inapewa nenosiri la kwanza la nasibu, linaloonyeshwa mara moja tu kwenye karatasi yake ya makaribisho, na lazima ichague nenosiri lake yenyewe inapoingia mara ya kwanza.
admin-households-household-name = Jina la kaya
admin-households-address = Anwani
admin-households-opening-balance = Salio la kuanzia
# Shown when no area was chosen.
admin-households-choose-an-area = chagua eneo
# A button.
admin-households-add = Ongeza kaya
# $id: the new household's number in the database.
admin-households-added = Kaya { $id } imeongezwa.
