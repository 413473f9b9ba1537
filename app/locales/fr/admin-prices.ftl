# The operator portal's price plans (app/src/ui/pages/admin/prices.rs).
# A plan is flat, or time of use: its prices for the flat, peak, valley and
# tip bands apply by the schedule of the day.

## The plans

admin-prices-heading = Tarifs
admin-prices-col-name = Nom
admin-prices-col-energy = Énergie
admin-prices-col-prices = Prix unitaires
admin-prices-col-schedule = Plages horaires
# A band's price in the plans table, joined by " · ": "flat 3.5000 · peak 5.0000".
# $price is the price per unit.
admin-prices-band-flat = normal { $price }
admin-prices-band-peak = pointe { $price }
admin-prices-band-valley = creux { $price }
admin-prices-band-tip = super-pointe { $price }

## Adding a plan

admin-prices-add-heading = Ajouter un tarif
admin-prices-add-name = Nom du tarif
admin-prices-add-energy = Type d’énergie
admin-prices-add-flat = Prix unitaire (normal)
# Checkbox: the plan has peak, valley and tip prices too.
admin-prices-add-time-of-use = Tarif horaire (pointe, creux, super-pointe)
admin-prices-add-peak = Prix unitaire (pointe)
admin-prices-add-valley = Prix unitaire (creux)
admin-prices-add-tip = Prix unitaire (super-pointe)
# The schedule is written as "00:00=valley,07:00=flat": each band code
# (flat, peak, valley, tip) stays English in the input itself.
admin-prices-add-schedule = Plages horaires (HH:MM=code, dès 00:00 ; codes : flat, peak, valley, tip)
# Button.
admin-prices-add-plan = Ajouter le tarif
# $id is the new plan's number.
admin-prices-added = Tarif { $id } ajouté.

## Changing a plan

admin-prices-change-heading = Modifier un tarif
admin-prices-change-intro = Les champs laissés vides gardent leur valeur. Les compteurs sur ce tarif sont facturés aux nouveaux prix dès leur prochain relevé.
admin-prices-change-plan = Tarif à modifier
# Error when the form is sent with no plan chosen.
admin-prices-choose-plan = choisissez un tarif
admin-prices-change-name = Nouveau nom
admin-prices-change-flat = Nouveau prix (normal)
admin-prices-change-peak = Nouveau prix (pointe)
admin-prices-change-valley = Nouveau prix (creux)
admin-prices-change-tip = Nouveau prix (super-pointe)
admin-prices-change-schedule = Nouvelles plages horaires
# Button.
admin-prices-save-plan = Enregistrer le tarif
# $id is the plan's number.
admin-prices-changed = Tarif { $id } modifié.
