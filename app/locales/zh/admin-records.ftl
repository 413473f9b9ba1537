### Operator portal: the readings, valve records and bills listings.

## Filters

admin-records-search = 搜索
# Example of what can be searched for.
admin-records-search-placeholder = 姓名、编号、DevEUI
# Label of the month filter, and the bills' column heading.
admin-records-month = 月份
# Start of the date range.
admin-records-from = 开始日期
# End of the date range.
admin-records-to = 结束日期
# Button that applies the filters.
admin-records-show = 查询
# Link that downloads every matching row as a CSV file.
admin-records-export-csv = 导出 CSV

## Column headings shared by the tables

admin-records-time = 时间
admin-records-customer = 客户
# The kind of energy (water, electricity, …).
admin-records-type = 类型

## Readings

admin-records-readings = 读数记录
# $rows is how many readings match; $number is this page's number, $pages how many pages
# there are. The count may also be written as "Readings: { $rows }".
admin-records-readings-count = 共 { $rows } 条读数 · 第 { $number } / { $pages } 页
admin-records-meter = 表具
# The meter's register.
admin-records-reading = 读数
admin-records-valve = 阀门

## Valve records

admin-records-valve-records = 阀门开关记录
# $rows is how many records match; $number is this page's number, $pages how many pages
# there are. The count may also be written as "Valve records: { $rows }".
admin-records-valve-records-count = 共 { $rows } 条阀门开关记录 · 第 { $number } / { $pages } 页
# What was done to the valve.
admin-records-action = 操作
# Why it was done.
admin-records-cause = 原因
# Who did it.
admin-records-by = 操作人
# The state of the command sent to the meter.
admin-records-command = 指令
# Value of "Action".
admin-records-action-open = 打开
# Value of "Action".
admin-records-action-close = 关闭

## Bills

admin-records-bills = 账单
# Label of the month field of billing.
admin-records-bill-month = 出账月份
# Button.
admin-records-run-billing = 生成账单
# $created is how many bills were written; $meters how many postpaid meters were looked at.
# The counts may also be written as "Bills written: { $created }".
admin-records-billing-done = 已检查 { $meters } 个后付费表具，生成账单 { $created } 张。
admin-records-billing-rest = 未重复开账：{ $rest }（本月已开账，或本月没有读数）。
# $rows is how many bills match; $number is this page's number, $pages how many pages
# there are. The count may also be written as "Bills: { $rows }".
admin-records-bills-count = 共 { $rows } 张账单 · 第 { $number } / { $pages } 页
# Consumption in the bill's month.
admin-records-use = 用量
admin-records-amount = 金额
# Column heading: whether the bill is paid.
admin-records-paid = 支付状态
# A paid bill's state.
admin-records-bill-paid = 已支付
# Button.
admin-records-mark-paid = 标记为已支付
# Asked before marking a bill paid; $customer is the customer's name, $month the bill's month.
admin-records-mark-paid-question = 确定将 { $customer } { $month } 的账单标记为已支付吗？仅适用于在 Meterline 之外收到的款项：不会从余额中扣款。
# Button that answers the question and marks the bill paid.
admin-records-mark-paid-answer = 确认标记为已支付

## Friendly credit's holidays (on the valve records page)

admin-friendly-title = 友好时段：节假日
admin-friendly-intro = 在这些日子里，不会因余额透支而关阀：关阀推迟到次日，除非用户在此之前充值。本系统友好时段适用的每日时间和星期在其运行环境中设置（METERLINE_FRIENDLY_HOURS、METERLINE_FRIENDLY_DAYS）。
admin-friendly-none = 暂无节假日。
admin-friendly-day = 日期
admin-friendly-name = 节假日
admin-friendly-add = 添加节假日
admin-friendly-remove = 移除
# The remove button's name for screen readers; $day is the date.
admin-friendly-remove-one = 移除 { $day } 的节假日
# $day is the date just listed.
admin-friendly-added = 已添加 { $day }：当天不会因透支而关阀。
