## Searching and paging through households

admin-households-title = المشتركون
# The label of the search field (read by screen readers).
admin-households-search-label = البحث عن المشتركين
# What the search field looks in.
admin-households-search-placeholder = الاسم، الرقم، الهاتف، العنوان
# A button.
admin-households-search = بحث
# $rows: how many households match; $page: this page's number; $pages: how many pages there are.
admin-households-count = المشتركون: { $rows } · الصفحة { $page } من { $pages }

## The household table

admin-households-name = الاسم
# The household's number, as it signs in with.
admin-households-number = الرقم
admin-households-phone = الهاتف
admin-households-area = المنطقة
admin-households-balance = الرصيد
# The amount below which the household is warned that its balance is low.
admin-households-warn-below = حدّ التنبيه
# The heading of the column of links (read by screen readers only).
admin-households-actions = الإجراءات
# After a balance that is below the warning amount.
admin-households-low = (منخفض)
# A link to the household's form.
admin-households-edit = تعديل
# The same link as screen readers name it; $name: the household's name.
admin-households-edit-label = تعديل { $name }

## Adding a household

admin-households-add-heading = إضافة مشترك
admin-households-add-note = يحصل المشترك على كلمة مرور أولى عشوائية تظهر مرة واحدة فقط في ورقة الترحيب، وعليه أن يختار كلمة مرور خاصة به عند أول تسجيل دخول.
admin-households-household-name = اسم المشترك
admin-households-address = العنوان
admin-households-opening-balance = الرصيد الافتتاحي
# Shown when no area was chosen.
admin-households-choose-an-area = اختر منطقة
# A button.
admin-households-add = إضافة المشترك
# $id: the new household's number in the database.
admin-households-added = أُضيف المشترك { $id }.
