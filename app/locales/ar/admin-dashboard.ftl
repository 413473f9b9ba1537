## The dashboard: the figures an operator checks first

admin-dashboard-title = لوحة المعلومات
admin-dashboard-active-meters = العدّادات النشطة
admin-dashboard-removed-meters = العدّادات المُزالة
admin-dashboard-closed-valves = الصمامات المغلقة
# Households whose balance is below their warning amount.
admin-dashboard-low-balances = أرصدة منخفضة
admin-dashboard-gateways-online = البوابات المتصلة
# The figure under "Gateways online"; $online: how many answer now; $total: how many there are.
admin-dashboard-gateways-online-value = { $online } من { $total }
# Commands to meters that are waiting to be sent or answered.
admin-dashboard-commands-pending = أوامر معلّقة
# Credits sent to meters that have not confirmed them yet.
admin-dashboard-credits-to-confirm = شحنات بانتظار تأكيد العدّاد
admin-dashboard-revenue-this-month = إيرادات هذا الشهر
# Payments through providers that matched no household.
admin-dashboard-unmatched-payments = دفعات بلا مشترك

## Consumption and the chart

admin-dashboard-consumption-today = استهلاك اليوم
admin-dashboard-consumption-this-month = استهلاك هذا الشهر
# The chart's title; the currency's code follows it in parentheses.
admin-dashboard-top-ups-chart = الشحن يوميًا، آخر 14 يومًا
admin-dashboard-alerts = التنبيهات
admin-dashboard-alerts-value = مفتوحة: { $open } · مُقرّ بها: { $acknowledged }
