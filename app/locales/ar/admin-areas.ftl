## The area tree

admin-areas-title = المناطق
# The label screen readers give the list of areas.
admin-areas-tree = شجرة المناطق
# Shown on hovering an area's time zone.
admin-areas-zone-title = توقيت هذه المنطقة، ويسري عليها وعلى المناطق التابعة لها
# Shown when no area was chosen in a list of areas.
admin-areas-choose-an-area = اختر منطقة

## Adding an area

admin-areas-add-heading = إضافة منطقة
# The area the new one goes under.
admin-areas-under = ضمن
admin-areas-name = الاسم
# A button.
admin-areas-add = إضافة المنطقة
# $name: the new area's name.
admin-areas-added = أُضيفت المنطقة { $name }.

## Renaming, moving, setting the time zone

admin-areas-area = المنطقة
admin-areas-rename-heading = إعادة تسمية منطقة
admin-areas-new-name = الاسم الجديد
# A button.
admin-areas-rename = إعادة التسمية
admin-areas-move-heading = نقل منطقة
admin-areas-new-parent = المنطقة الأم الجديدة
# A button.
admin-areas-move = نقل
admin-areas-zone-heading = ضبط المنطقة الزمنية لمنطقة
# IANA names look like "Africa/Nairobi"; left empty, the area keeps the clock of the area above it.
admin-areas-zone = المنطقة الزمنية (اسم IANA؛ اتركه فارغًا لاعتماد توقيت المنطقة الأم)
# A button.
admin-areas-set-zone = ضبط المنطقة الزمنية
