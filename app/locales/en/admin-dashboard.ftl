## The dashboard: the figures an operator checks first

admin-dashboard-title = Dashboard
admin-dashboard-active-meters = Active meters
admin-dashboard-removed-meters = Removed meters
admin-dashboard-closed-valves = Closed valves
# Households whose balance is below their warning amount.
admin-dashboard-low-balances = Low balances
admin-dashboard-gateways-online = Gateways online
# The figure under "Gateways online"; $online: how many answer now; $total: how many there are.
admin-dashboard-gateways-online-value = { $online } of { $total }
# Commands to meters that are waiting to be sent or answered.
admin-dashboard-commands-pending = Commands pending
# Credits sent to meters that have not confirmed them yet.
admin-dashboard-credits-to-confirm = Credits to confirm
admin-dashboard-revenue-this-month = Revenue this month
# Payments through providers that matched no household.
admin-dashboard-unmatched-payments = Unmatched payments

## Consumption and the chart

admin-dashboard-consumption-today = Consumption today
admin-dashboard-consumption-this-month = Consumption this month
# The chart's title; the currency's code follows it in parentheses.
admin-dashboard-top-ups-chart = Top-ups per day, last 14 days
admin-dashboard-alerts = Alerts
admin-dashboard-alerts-value = { $open } open · { $acknowledged } acknowledged
