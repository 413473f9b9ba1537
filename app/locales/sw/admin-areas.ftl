## The area tree

admin-areas-title = Maeneo
# The label screen readers give the list of areas.
admin-areas-tree = Mti wa maeneo
# Shown on hovering an area's time zone.
admin-areas-zone-title = Saa ya eneo hili, kwa eneo hili na maeneo yaliyo chini yake
# Shown when no area was chosen in a list of areas.
admin-areas-choose-an-area = chagua eneo

## Adding an area

admin-areas-add-heading = Ongeza eneo
# The area the new one goes under.
admin-areas-under = Chini ya
admin-areas-name = Jina
# A button.
admin-areas-add = Ongeza eneo
# $name: the new area's name.
admin-areas-added = Eneo { $name } limeongezwa.

## Renaming, moving, setting the time zone

admin-areas-area = Eneo
admin-areas-rename-heading = Badilisha jina la eneo
admin-areas-new-name = Jina jipya
# A button.
admin-areas-rename = Badilisha jina
admin-areas-move-heading = Hamisha eneo
admin-areas-new-parent = Eneo kuu jipya
# A button.
admin-areas-move = Hamisha
admin-areas-zone-heading = Weka ukanda wa saa wa eneo
# IANA names look like "Africa/Nairobi"; left empty, the area keeps the clock of the area above it.
admin-areas-zone = Ukanda wa saa (jina la IANA; tupu: sawa na eneo lililo juu yake)
# A button.
admin-areas-set-zone = Weka ukanda wa saa
