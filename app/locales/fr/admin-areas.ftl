## The area tree

admin-areas-title = Zones
# The label screen readers give the list of areas.
admin-areas-tree = Arborescence des zones
# Shown on hovering an area's time zone.
admin-areas-zone-title = Fuseau horaire de cette zone, valable aussi pour ses sous-zones
# Shown when no area was chosen in a list of areas.
admin-areas-choose-an-area = choisissez une zone

## Adding an area

admin-areas-add-heading = Ajouter une zone
# The area the new one goes under.
admin-areas-under = Zone parente
admin-areas-name = Nom
# A button.
admin-areas-add = Ajouter la zone
# $name: the new area's name.
admin-areas-added = Zone { $name } ajoutée.

## Renaming, moving, setting the time zone

admin-areas-area = Zone
admin-areas-rename-heading = Renommer une zone
admin-areas-new-name = Nouveau nom
# A button.
admin-areas-rename = Renommer
admin-areas-move-heading = Déplacer une zone
admin-areas-new-parent = Nouvelle zone parente
# A button.
admin-areas-move = Déplacer
admin-areas-zone-heading = Définir le fuseau horaire d’une zone
# IANA names look like "Africa/Nairobi"; left empty, the area keeps the clock of the area above it.
admin-areas-zone = Fuseau horaire (nom IANA ; vide : celui de la zone parente)
# A button.
admin-areas-set-zone = Définir le fuseau horaire
