## Searching and paging through households

admin-households-title = 用户
# The label of the search field (read by screen readers).
admin-households-search-label = 搜索用户
# What the search field looks in.
admin-households-search-placeholder = 户名、户号、手机号、地址
# A button.
admin-households-search = 搜索
# $rows: how many households match; $page: this page's number; $pages: how many pages there are.
admin-households-count = 共 { $rows } 户 · 第 { $page } / { $pages } 页

## The household table

admin-households-name = 户名
# The household's number, as it signs in with.
admin-households-number = 户号
admin-households-phone = 手机号
admin-households-area = 区域
admin-households-balance = 余额
# The amount below which the household is warned that its balance is low.
admin-households-warn-below = 预警金额
# The heading of the column of links (read by screen readers only).
admin-households-actions = 操作
# After a balance that is below the warning amount.
admin-households-low = （偏低）
# A link to the household's form.
admin-households-edit = 编辑
# The same link as screen readers name it; $name: the household's name.
admin-households-edit-label = 编辑 { $name }

## Adding a household

admin-households-add-heading = 添加用户
admin-households-add-note = 系统会生成随机初始密码，只在开户单上显示一次；用户首次登录时必须设置自己的密码。
admin-households-household-name = 户名
admin-households-address = 地址
admin-households-opening-balance = 初始余额
# Shown when no area was chosen.
admin-households-choose-an-area = 请选择区域
# A button.
admin-households-add = 添加用户
# $id: the new household's number in the database.
admin-households-added = 已添加用户 { $id }。
