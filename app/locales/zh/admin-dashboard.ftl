## The dashboard: the figures an operator checks first

admin-dashboard-title = 概览
admin-dashboard-active-meters = 在用表具
admin-dashboard-removed-meters = 已拆除表具
admin-dashboard-closed-valves = 已关闭阀门
# Households whose balance is below their warning amount.
admin-dashboard-low-balances = 余额偏低
admin-dashboard-gateways-online = 在线网关
# The figure under "Gateways online"; $online: how many answer now; $total: how many there are.
admin-dashboard-gateways-online-value = { $online } / { $total }
# Commands to meters that are waiting to be sent or answered.
admin-dashboard-commands-pending = 待处理指令
# Credits sent to meters that have not confirmed them yet.
admin-dashboard-credits-to-confirm = 待表具确认的充值
admin-dashboard-revenue-this-month = 本月收入
# Payments through providers that matched no household.
admin-dashboard-unmatched-payments = 未匹配的付款

## Consumption and the chart

admin-dashboard-consumption-today = 今日用量
admin-dashboard-consumption-this-month = 本月用量
# The chart's title; the currency's code follows it in parentheses.
admin-dashboard-top-ups-chart = 最近 14 天每日充值
admin-dashboard-alerts = 告警
admin-dashboard-alerts-value = { $open } 条未确认 · { $acknowledged } 条已确认
