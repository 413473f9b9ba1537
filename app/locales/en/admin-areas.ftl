## The area tree

admin-areas-title = Areas
# The label screen readers give the list of areas.
admin-areas-tree = Area tree
# Shown on hovering an area's time zone.
admin-areas-zone-title = This area's clock, for it and the areas below
# Shown when no area was chosen in a list of areas.
admin-areas-choose-an-area = choose an area

## Adding an area

admin-areas-add-heading = Add an area
# The area the new one goes under.
admin-areas-under = Under
admin-areas-name = Name
# A button.
admin-areas-add = Add area
# $name: the new area's name.
admin-areas-added = Area { $name } added.

## Renaming, moving, setting the time zone

admin-areas-area = Area
admin-areas-rename-heading = Rename an area
admin-areas-new-name = New name
# A button.
admin-areas-rename = Rename
admin-areas-move-heading = Move an area
admin-areas-new-parent = New parent
# A button.
admin-areas-move = Move
admin-areas-zone-heading = Set an area's time zone
# IANA names look like "Africa/Nairobi"; left empty, the area keeps the clock of the area above it.
admin-areas-zone = Time zone (IANA name; empty: as the area above)
# A button.
admin-areas-set-zone = Set time zone
