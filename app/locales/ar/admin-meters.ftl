## The meter table's page

admin-meters-title = العدّادات
# A link to the form for a new meter.
admin-meters-add = إضافة عدّاد
# A link that downloads every matching meter as a CSV file.
admin-meters-export-csv = تصدير CSV
# A link to the page that imports meters from a CSV file.
admin-meters-import-csv = استيراد CSV

## Searching and filtering

# The label of the search field (read by screen readers).
admin-meters-search-label = البحث عن العدّادات
# What the search field looks in; DevEUI and IMEI are the meters' radio and modem identifiers.
admin-meters-search-placeholder = الاسم، الهاتف، DevEUI، IMEI، الرقم
admin-meters-energy-type = نوع الطاقة
admin-meters-all-energy-types = جميع أنواع الطاقة
admin-meters-all-my-areas = جميع مناطقي
admin-meters-equipment-model = طراز الجهاز
admin-meters-all-models = جميع الطرازات
# Whether a meter is in service or was removed.
admin-meters-state = الحالة
admin-meters-active = نشط
admin-meters-removed = مُزال
# A button.
admin-meters-search = بحث
# $rows: how many meters match; $page: this page's number; $pages: how many pages there are.
admin-meters-count = العدّادات: { $rows } · الصفحة { $page } من { $pages }

## The table's columns

admin-meters-customer = المشترك
admin-meters-meter = العدّاد
# The energy type (water, electricity, …).
admin-meters-type = النوع
admin-meters-area = المنطقة
# The meter's register, its last reading.
admin-meters-reading = القراءة
admin-meters-balance = الرصيد
admin-meters-valve = الصمام
