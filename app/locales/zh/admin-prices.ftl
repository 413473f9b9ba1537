# The operator portal's price plans (app/src/ui/pages/admin/prices.rs).
# A plan is flat, or time of use: its prices for the flat, peak, valley and
# tip bands apply by the schedule of the day.

## The plans

admin-prices-heading = 价格方案
admin-prices-col-name = 名称
admin-prices-col-energy = 能源
admin-prices-col-prices = 单价
admin-prices-col-schedule = 时段表
# A band's price in the plans table, joined by " · ": "flat 3.5000 · peak 5.0000".
# $price is the price per unit.
admin-prices-band-flat = 平段 { $price }
admin-prices-band-peak = 峰段 { $price }
admin-prices-band-valley = 谷段 { $price }
admin-prices-band-tip = 尖段 { $price }

## Adding a plan

admin-prices-add-heading = 添加价格方案
admin-prices-add-name = 方案名称
admin-prices-add-energy = 能源类型
admin-prices-add-flat = 单价（平段）
# Checkbox: the plan has peak, valley and tip prices too.
admin-prices-add-time-of-use = 分时计价（峰段、谷段、尖段）
admin-prices-add-peak = 峰段价格
admin-prices-add-valley = 谷段价格
admin-prices-add-tip = 尖段价格
# The schedule is written as "00:00=valley,07:00=flat": each band code
# (flat, peak, valley, tip) stays English in the input itself.
admin-prices-add-schedule = 时段表（HH:MM=时段，从 00:00 起；时段填 flat 平、peak 峰、valley 谷、tip 尖）
# Button.
admin-prices-add-plan = 添加价格方案
# $id is the new plan's number.
admin-prices-added = 已添加价格方案 { $id }。

## Changing a plan

admin-prices-change-heading = 修改价格方案
admin-prices-change-intro = 留空的字段保持原值。使用该方案的表具从下次读数起按新价格计费。
admin-prices-change-plan = 要修改的方案
# Error when the form is sent with no plan chosen.
admin-prices-choose-plan = 请选择方案
admin-prices-change-name = 新名称
admin-prices-change-flat = 新平段价格
admin-prices-change-peak = 新峰段价格
admin-prices-change-valley = 新谷段价格
admin-prices-change-tip = 新尖段价格
admin-prices-change-schedule = 新时段表
# Button.
admin-prices-save-plan = 保存方案
# $id is the plan's number.
admin-prices-changed = 价格方案 { $id } 已修改。
