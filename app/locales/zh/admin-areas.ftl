## The area tree

admin-areas-title = 区域
# The label screen readers give the list of areas.
admin-areas-tree = 区域树
# Shown on hovering an area's time zone.
admin-areas-zone-title = 本区域及其下级区域使用的时区
# Shown when no area was chosen in a list of areas.
admin-areas-choose-an-area = 请选择区域

## Adding an area

admin-areas-add-heading = 添加区域
# The area the new one goes under.
admin-areas-under = 上级区域
admin-areas-name = 名称
# A button.
admin-areas-add = 添加区域
# $name: the new area's name.
admin-areas-added = 已添加区域 { $name }。

## Renaming, moving, setting the time zone

admin-areas-area = 区域
admin-areas-rename-heading = 重命名区域
admin-areas-new-name = 新名称
# A button.
admin-areas-rename = 重命名
admin-areas-move-heading = 移动区域
admin-areas-new-parent = 新上级区域
# A button.
admin-areas-move = 移动
admin-areas-zone-heading = 设置区域时区
# IANA names look like "Africa/Nairobi"; left empty, the area keeps the clock of the area above it.
admin-areas-zone = 时区（IANA 名称；留空则沿用上级区域的时区）
# A button.
admin-areas-set-zone = 设置时区
