### Operator portal: the readings, valve records and bills listings.

## Filters

admin-records-search = بحث
# Example of what can be searched for.
admin-records-search-placeholder = الاسم، الرقم، DevEUI
# Label of the month filter, and the bills' column heading.
admin-records-month = الشهر
# Start of the date range.
admin-records-from = من
# End of the date range.
admin-records-to = إلى
# Button that applies the filters.
admin-records-show = عرض
# Link that downloads every matching row as a CSV file.
admin-records-export-csv = تصدير CSV

## Column headings shared by the tables

admin-records-time = الوقت
admin-records-customer = العميل
# The kind of energy (water, electricity, …).
admin-records-type = النوع

## Readings

admin-records-readings = القراءات
# $rows is how many readings match; $number is this page's number, $pages how many pages
# there are. The count may also be written as "Readings: { $rows }".
admin-records-readings-count = القراءات: { $rows } · الصفحة { $number } من { $pages }
admin-records-meter = العدّاد
# The meter's register.
admin-records-reading = القراءة
admin-records-valve = الصمام

## Valve records

admin-records-valve-records = سجلات الصمام
# $rows is how many records match; $number is this page's number, $pages how many pages
# there are. The count may also be written as "Valve records: { $rows }".
admin-records-valve-records-count = سجلات الصمام: { $rows } · الصفحة { $number } من { $pages }
# What was done to the valve.
admin-records-action = الإجراء
# Why it was done.
admin-records-cause = السبب
# Who did it.
admin-records-by = بواسطة
# The state of the command sent to the meter.
admin-records-command = الأمر
# Value of "Action".
admin-records-action-open = فتح
# Value of "Action".
admin-records-action-close = إغلاق

## Bills

admin-records-bills = الفواتير
# Label of the month field of billing.
admin-records-bill-month = شهر الفوترة
# Button.
admin-records-run-billing = إصدار الفواتير
# $created is how many bills were written; $meters how many postpaid meters were looked at.
# The counts may also be written as "Bills written: { $created }".
admin-records-billing-done = الفواتير الصادرة: { $created }؛ عدّادات الدفع اللاحق التي فُحصت: { $meters }.
admin-records-billing-rest = لم تُفوتر مرة أخرى: { $rest } (فُوترت لهذا الشهر من قبل، أو لم تُسجَّل لها قراءة فيه).
# $rows is how many bills match; $number is this page's number, $pages how many pages
# there are. The count may also be written as "Bills: { $rows }".
admin-records-bills-count = الفواتير: { $rows } · الصفحة { $number } من { $pages }
# Consumption in the bill's month.
admin-records-use = الاستهلاك
admin-records-amount = المبلغ
# Column heading: whether the bill is paid.
admin-records-paid = حالة الدفع
# A paid bill's state.
admin-records-bill-paid = مدفوعة
# Button.
admin-records-mark-paid = تسجيل كمدفوعة
# Asked before marking a bill paid; $customer is the customer's name, $month the bill's month.
admin-records-mark-paid-question = هل تريد تسجيل فاتورة { $customer } عن { $month } كمدفوعة؟ افعل ذلك فقط للمبالغ المستلمة خارج Meterline: لن يُخصم شيء من الرصيد.
# Button that answers the question and marks the bill paid.
admin-records-mark-paid-answer = سجّلها كمدفوعة

## Friendly credit's holidays (on the valve records page)

admin-friendly-title = فترات السماح: العطلات
admin-friendly-intro = في هذه الأيام لا يُغلق أي صمام بسبب السحب على المكشوف: يُؤجَّل الإغلاق إلى اليوم التالي، ما لم يشحن المشترك رصيده قبل ذلك. تُضبط ساعات فترات السماح وأيامها لهذا النظام في بيئة تشغيله (METERLINE_FRIENDLY_HOURS، METERLINE_FRIENDLY_DAYS).
admin-friendly-none = لا توجد عطلات مُدرجة.
admin-friendly-day = التاريخ
admin-friendly-name = العطلة
admin-friendly-add = إضافة العطلة
admin-friendly-remove = إزالة
# The remove button's name for screen readers; $day is the date.
admin-friendly-remove-one = إزالة عطلة { $day }
# $day is the date just listed.
admin-friendly-added = أُضيف يوم { $day }: لن يُغلق أي صمام بسبب السحب على المكشوف في ذلك اليوم.
