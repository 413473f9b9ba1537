## The header, on every page
nav-main = 主导航
nav-my-account = 我的账户
nav-operators = 运营后台
nav-sign-out = 退出登录
# The language menu's name for screen readers.
language-menu = 语言

## Pieces every page uses
loading = 加载中…
page-not-found = 页面不存在。
error-sign-in = 登录
# A button that closes a "Do you really want to…" question.
confirm-cancel = 取消
pages-nav = 分页
pages-previous = 上一页
pages-next = 下一页

## Times
# Said once on a page that shows times; $zone is an IANA name such as Africa/Nairobi.
zone-note = 时间以 { $zone } 时区为准
# A time that has not happened (a meter never read).
time-never = 从未
# A date and time. $day is the day of the month, $month the month's name
# below, $year four digits, $time the 24-hour clock as 21:10.
date-time = { $year }年{ $month }{ $day }日 { $time }
month-1 = 1月
month-2 = 2月
month-3 = 3月
month-4 = 4月
month-5 = 5月
month-6 = 6月
month-7 = 7月
month-8 = 8月
month-9 = 9月
month-10 = 10月
month-11 = 11月
month-12 = 12月

## Names of things
energy-water = 水
energy-electricity = 电
energy-heating = 供暖
energy-gas = 燃气
energy-liquefied-gas = 液化气
valve-closed = 已关闭
valve-open = 已打开
valve-unknown = 未知
# A household's meter: $energy is one of the names above, $number the meter's number.
meter-name = { $energy } · { $number }

## Payments
order-waiting = 等待中
order-in-recharge = 充值中
order-succeeded = 成功
order-failed = 失败
order-paying = 等待您确认付款
order-expired = 已过期
order-unconfirmed = 已发送到表具，尚未确认
provider-sandbox = 沙箱（不涉及真实资金）
provider-flutterwave = 银行卡或手机钱包（Flutterwave）
# Said instead of a payment service's name when it is not known.
provider-unnamed = 支付服务商
# $order is the payment's number, $amount money with its currency.
outcome-succeeded = 付款 { $order } 成功：已充入 { $amount }。
outcome-on-its-way = 付款 { $order } 正在充入您的表具。
# $reason is the payment service's own words.
outcome-failed = 付款 { $order } 失败：{ $reason }
outcome-checkout = 请在 { $provider } 的页面上完成 { $amount } 的付款。本页会自动更新结果。
outcome-approve = 请在手机上确认 { $amount } 的付款（{ $provider }）。本页会自动更新结果。
outcome-expired = 付款 { $order } 已过期：{ $reason }
outcome-unconfirmed = 付款 { $order } 已发送到您的表具，但表具尚未确认。工作人员会核查表具，您的钱不会丢失。

## Errors
# An error about one field of a form: $field is the field's label, $message what is wrong with it.
error-field = { $field }：{ $message }
error-unauthenticated = 请先登录
# $what says what is not allowed.
error-forbidden = 无权操作：{ $what }
error-throttled = 登录尝试次数过多，请 { $seconds } 秒后再试
error-must-change-password = 请先设置您自己的密码，在此之前只能修改密码
error-internal = 系统内部错误，请稍后重试

## Field names, as errors name them
field-username = 用户名
field-password = 密码
field-current-password = 当前密码
field-new-password = 新密码
field-amount = 金额
field-top-up-amount = 充值金额
field-top-up-to-device-amount = 充入表具的金额
field-warning-amount = 预警金额
field-phone = 手机号
field-provider = 支付服务商
field-meter = 表具
field-reading = 读数
field-note = 备注
field-days = 天数
field-month = 月份
field-end = 结束日期
field-area = 区域
field-parent-area = 上级区域
field-price-plan = 价格方案
field-equipment-model = 设备型号
field-meter-type = 表具类型
field-dev-eui = DevEUI
field-new-dev-eui = 新 DevEUI
field-join-eui = JoinEUI
field-dev-addr = DevAddr
field-fport = FPort
field-gateway-id = 网关 ID
field-gateway-name = 网关名称
field-region = 频段
field-periods = 时段
field-script = 脚本
field-payload = 载荷
field-time-zone = 时区
field-forward = 转发至
field-token = 令牌
field-expires-at = 有效期至
# What the reconciliation of payments found.
difference-confirmed-not-credited = 已确认但未入账
difference-credited-not-confirmed = 已入账但未确认
difference-amount-differs = 金额不符

## Charts
# Under a chart: $total, $average and $highest are amounts with their unit, $when the day or month of the highest.
chart-summary = 合计 { $total } · 平均 { $average } · 最高 { $highest }（{ $when }）
# The dashed line across a chart.
chart-average = 平均
# Folds out every value of the chart as a table.
chart-values = 明细数值
chart-empty = 暂无记录。
# A day under a chart: $day is the day of the month, $month the short month name.
chart-day = { $month }{ $day }日
# A month under a chart.
chart-month = { $year }年{ $month }

## Commands and who gave them
command-close-valve = 关阀
command-open-valve = 开阀
command-add-credit = 下发充值
command-report = 请求读数
# $name is an operator's user name.
actor-operator = 运营人员 { $name }
# $name is a household's number or name.
actor-household = 住户 { $name }
# Done by Meterline itself (the balance rule, the billing run).
actor-system = 系统自动
# Alerts: what each rule found.
alert-kind-meter-offline = 表具离线
alert-kind-gateway-offline = 网关离线
alert-kind-leak = 泄漏标志
alert-kind-night-flow = 夜间持续用水（疑似泄漏）
alert-kind-tamper = 拆表标志
alert-kind-magnet = 磁干扰标志
alert-kind-battery-low = 电池电量低
alert-kind-reverse-flow = 反向流动
alert-kind-command-overdue = 指令未响应
alert-kind-low-balance = 余额偏低
alert-kind-supply-cut = 已停止供应
alert-kind-close-waiting = 待关阀（友好时段）
alert-kind-unmatched-payment = 未匹配的付款
alert-state-open = 未确认
alert-state-acknowledged = 已确认
alert-state-resolved = 已解除
# $meter is a meter's number (or DevEUI).
alert-subject-meter = 表具 { $meter }
# $household is a household's number and name.
alert-subject-household = 住户 { $household }
alert-subject-gateway = 网关 { $gateway }
# $hours is how long a meter may be silent, in hours.
alert-evidence-never-reported = 从未上报（允许静默时长：{ $hours } h）
alert-evidence-meter-offline = 自 { $time } 起无上报（允许静默时长：{ $hours } h）
alert-evidence-gateway-offline = 自 { $time } 起未收到信号（允许静默时长：{ $minutes } min）
alert-evidence-flag = 表具于 { $time } 上报
alert-evidence-night-flow = 自 { $time } 起的夜间每小时至少用量 { $least }（每小时 { $limit } 起计为流量）
alert-evidence-battery-low = { $time } 时为 { $volts } V（低于 { $limit } V 即为电量低）
alert-evidence-reverse-flow = { $time } 时读数为 { $value }，低于已计费的 { $limit }
alert-evidence-command-overdue = 指令 { $id } 于 { $time } 过期，未获表具响应
alert-evidence-low-balance = 余额 { $balance }，低于预警金额 { $warn }
alert-evidence-supply-cut = 余额规则已关闭阀门；余额 { $balance }
alert-evidence-close-waiting = 自 { $time } 起余额 { $balance } 低于限额：友好时段结束后关闭阀门
alert-evidence-unmatched-payment = { $time } 收到的 { $amount } 未匹配到任何用户：请在“付款”中分配或标记为退款
