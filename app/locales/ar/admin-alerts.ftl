admin-alerts-title = التنبيهات
admin-alerts-area = المنطقة
admin-alerts-all-my-areas = جميع مناطقي
admin-alerts-kind = النوع
admin-alerts-all-kinds = جميع الأنواع
admin-alerts-state = الحالة
# The default state filter: open and acknowledged alerts.
admin-alerts-needing-someone = مفتوحة أو مُقرّ بها
admin-alerts-show = عرض
admin-alerts-note = ملاحظة
# $count is how many alerts are ticked.
admin-alerts-acknowledge-chosen = الإقرار بالمحدَّدة ({ $count })
admin-alerts-acknowledge = إقرار
admin-alerts-acknowledged = تمّ الإقرار: { $count }
admin-alerts-none = لا توجد تنبيهات مطابقة.
admin-alerts-count = التنبيهات: { $rows } · الصفحة { $page } من { $pages }
admin-alerts-choose = تحديد
admin-alerts-choose-one = تحديد التنبيه { $id }
admin-alerts-opened = وقت الفتح
admin-alerts-what = الموضوع
admin-alerts-evidence = الدليل
# $who is an operator, $time when they acknowledged.
admin-alerts-acknowledged-by = أقرّ به { $who }، { $time }
admin-alerts-resolved-at = حُلّ في { $time }
admin-alerts-notices-failed = إشعارات لم تصل إلى الـ webhook بعد كل المحاولات: { $count }. راجع سجل الخادم.
