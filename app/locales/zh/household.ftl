## The household's dashboard
household-meters = 表具
# $value is the meter's register, $unit its unit (m³, kWh).
household-reading = 读数：{ $value } { $unit }
household-valve = 阀门：{ $state }
household-last-read = 上次抄表：{ $time }

## Balance
balance-title = 余额
# $spend is an amount of money a day, $days a whole number.
balance-lasts = 按您近期的用量（每天 { $spend }），余额大约还能用 { $days } 天。
balance-no-estimate = 最近 30 天没有用量，无法估算。
balance-low = 您的余额已低于 { $warning }，请及时充值。

## Top-up (households pay; operators record cash with the same form)
topup-title = 充值
topup-not-set-up = 这里暂未开通在线支付，请到营业厅缴费。
topup-pay-with = 支付方式
topup-phone = 付款手机号
topup-sandbox = 沙箱不涉及真实资金。
topup-cash-note = 登记在柜台收取的现金。
topup-meter = 表具
topup-amount = 金额
topup-amount-hint = 例如 50 或 12.50
# The question before paying: $amount with its currency, $meter the meter's name.
topup-ask-pay = 确定为 { $meter } 充值 { $amount } 吗？
topup-ask-cash = 确定为 { $meter } 登记现金 { $amount } 吗？
topup-record-cash = 登记现金
topup-pay = 支付
topup-paying = 正在支付…
topup-confirm = 确认
topup-change = 修改

## A meter's history
history-last-30-days = 最近 30 天
history-last-12-months = 最近 12 个月
history-payments = 付款记录
history-bills = 账单
history-valve-events = 阀门开关记录
history-no-payments = 暂无付款记录。
history-no-bills = 暂无账单。
history-no-valve-events = 暂无阀门开关记录。
history-bill-paid = 已支付
history-valve-opened = 打开
history-valve-closed = 关闭
history-pay-from-balance = 用余额支付

## Choosing one's own password (first sign-in)
password-welcome = 欢迎，{ $name }
password-set-for-you = 您当前的密码是别人代为设置的。请先换成您自己的密码，再继续。
password-current = 当前密码
password-new = 新密码（至少 8 个字符）
password-save = 保存密码
household-alerts-heading = 需要您留意
household-alert-low-balance = 您的余额 { $balance } 已低于预警金额 { $warn }。请及时充值，以免停止供应。
household-alert-supply-cut = 表具 { $meter } 已关阀：您的余额为 { $balance }。充值后将重新开阀。
household-alert-close-waiting = 您的余额为 { $balance }：表具 { $meter } 在夜间、周末或节假日期间保持开启，结束后将关闭，除非您充值。
household-alert-leak = 表具 { $meter } 报告可能存在泄漏（{ $time }）。请检查水龙头和管道，或联系您的供应单位。
household-alert-night-flow = 表具 { $meter } 昨夜每小时都有用量（每小时至少 { $least }）：可能有水龙头未关或管道漏水。请检查，或联系您的供应商。
