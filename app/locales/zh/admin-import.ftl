## Importing meters and households from a CSV file

admin-import-title = 导入表具
admin-import-intro = CSV 文件每行一个表具及其所属用户。各列与表具导出文件相同（因此导出的文件可以再次导入），另外增加价格方案、设备型号和 LoRaWAN 密钥几列。请先检查文件：所有问题都会按行和列列出，且不会写入任何数据。导入时要么写入全部行，要么只要有一行有问题就一行也不写入。
admin-import-template = 下载模板（只有列，没有数据行）
admin-import-file = CSV 文件
admin-import-check = 检查
admin-import-import = 导入
admin-import-all-or-nothing = 所有行都无误之前，不会写入任何数据。新用户没有密码：请在各用户的页面为其设置初始密码。
# Shown while the server reads the file.
admin-import-working = 正在读取文件…
admin-import-choose-file = 请选择 CSV 文件
admin-import-unreadable = 无法读取该文件
# $rows data rows, $meters meters, $households new households, $skipped rows left out.
admin-import-summary = 已读取行数：{ $rows } · 表具：{ $meters } · 新用户：{ $households } · 跳过（已拆除的表具）：{ $skipped }
admin-import-written = 导入完成，所有行均已写入。
# $count problems; nothing was written.
admin-import-problems = 发现问题：{ $count }。未写入任何数据，请修改文件后重新检查。
admin-import-checked-ok = 文件无误：尚未写入任何数据。
admin-import-import-checked = 导入这些行
admin-import-passwords = 新用户还没有密码：请在各用户的页面为其设置初始密码。
admin-import-problems-heading = 问题
admin-import-lines-heading = 数据行
admin-import-line = 行
admin-import-column = 列
admin-import-reason = 问题
admin-import-meter = 表具
admin-import-area = 区域
admin-import-household = 用户
admin-import-keys = 密钥
# A household the import creates, first named on line $line.
admin-import-new-household = 新建（第 { $line } 行）
# $count more problems than the page shows.
admin-import-more = 未显示的问题：{ $count }。请修改以上问题后重新检查。
admin-import-more-lines = 未显示的行：{ $count }。
