## The dashboard: the figures an operator checks first

admin-dashboard-title = Dashibodi
admin-dashboard-active-meters = Mita zinazotumika
admin-dashboard-removed-meters = Mita zilizoondolewa
admin-dashboard-closed-valves = Vali zilizofungwa
# Households whose balance is below their warning amount.
admin-dashboard-low-balances = Kaya zenye salio la chini
admin-dashboard-gateways-online = Malango yaliyo mtandaoni
# The figure under "Gateways online"; $online: how many answer now; $total: how many there are.
admin-dashboard-gateways-online-value = { $online } kati ya { $total }
# Commands to meters that are waiting to be sent or answered.
admin-dashboard-commands-pending = Amri zinazosubiri
# Credits sent to meters that have not confirmed them yet.
admin-dashboard-credits-to-confirm = Malipo yanayosubiri uthibitisho wa mita
admin-dashboard-revenue-this-month = Mapato ya mwezi huu
# Payments through providers that matched no household.
admin-dashboard-unmatched-payments = Malipo yasiyolingana na kaya

## Consumption and the chart

admin-dashboard-consumption-today = Matumizi ya leo
admin-dashboard-consumption-this-month = Matumizi ya mwezi huu
# The chart's title; the currency's code follows it in parentheses.
admin-dashboard-top-ups-chart = Malipo ya kuongeza salio kwa siku, siku 14 zilizopita
admin-dashboard-alerts = Tahadhari
admin-dashboard-alerts-value = Wazi: { $open } · zimetambuliwa: { $acknowledged }
