## The meter table's page

admin-meters-title = 表具
# A link to the form for a new meter.
admin-meters-add = 添加表具
# A link that downloads every matching meter as a CSV file.
admin-meters-export-csv = 导出 CSV
# A link to the page that imports meters from a CSV file.
admin-meters-import-csv = 导入 CSV

## Searching and filtering

# The label of the search field (read by screen readers).
admin-meters-search-label = 搜索表具
# What the search field looks in; DevEUI and IMEI are the meters' radio and modem identifiers.
admin-meters-search-placeholder = 户名、手机号、DevEUI、IMEI、编号
admin-meters-energy-type = 能源类型
admin-meters-all-energy-types = 全部能源类型
admin-meters-all-my-areas = 我的全部区域
admin-meters-equipment-model = 设备型号
admin-meters-all-models = 全部型号
# Whether a meter is in service or was removed.
admin-meters-state = 状态
admin-meters-active = 在用
admin-meters-removed = 已拆除
# A button.
admin-meters-search = 搜索
# $rows: how many meters match; $page: this page's number; $pages: how many pages there are.
admin-meters-count = 共 { $rows } 个表具 · 第 { $page } / { $pages } 页

## The table's columns

admin-meters-customer = 用户
admin-meters-meter = 表具
# The energy type (water, electricity, …).
admin-meters-type = 类型
admin-meters-area = 区域
# The meter's register, its last reading.
admin-meters-reading = 读数
admin-meters-balance = 余额
admin-meters-valve = 阀门
