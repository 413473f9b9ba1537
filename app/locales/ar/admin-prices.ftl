# The operator portal's price plans (app/src/ui/pages/admin/prices.rs).
# A plan is flat, or time of use: its prices for the flat, peak, valley and
# tip bands apply by the schedule of the day.

## The plans

admin-prices-heading = التعرفات
admin-prices-col-name = الاسم
admin-prices-col-energy = الطاقة
admin-prices-col-prices = سعر الوحدة
admin-prices-col-schedule = الجدول الزمني
# A band's price in the plans table, joined by " · ": "flat 3.5000 · peak 5.0000".
# $price is the price per unit.
admin-prices-band-flat = عادي { $price }
admin-prices-band-peak = ذروة { $price }
admin-prices-band-valley = انخفاض { $price }
admin-prices-band-tip = ذروة قصوى { $price }

## Adding a plan

admin-prices-add-heading = إضافة تعرفة
admin-prices-add-name = اسم التعرفة
admin-prices-add-energy = نوع الطاقة
admin-prices-add-flat = سعر الوحدة (عادي)
# Checkbox: the plan has peak, valley and tip prices too.
admin-prices-add-time-of-use = حسب وقت الاستخدام (ذروة، انخفاض، ذروة قصوى)
admin-prices-add-peak = سعر الذروة
admin-prices-add-valley = سعر الانخفاض
admin-prices-add-tip = سعر الذروة القصوى
# The schedule is written as "00:00=valley,07:00=flat": each band code
# (flat, peak, valley, tip) stays English in the input itself.
admin-prices-add-schedule = الجدول الزمني (HH:MM=الفترة، بدءًا من 00:00؛ الفترات: flat وpeak وvalley وtip)
# Button.
admin-prices-add-plan = إضافة التعرفة
# $id is the new plan's number.
admin-prices-added = أُضيفت التعرفة { $id }.

## Changing a plan

admin-prices-change-heading = تعديل تعرفة
admin-prices-change-intro = الحقول الفارغة تحتفظ بقيمها. تُحاسَب العدّادات المرتبطة بهذه التعرفة بالأسعار الجديدة بدءًا من قراءتها التالية.
admin-prices-change-plan = التعرفة المراد تعديلها
# Error when the form is sent with no plan chosen.
admin-prices-choose-plan = اختر تعرفة
admin-prices-change-name = الاسم الجديد
admin-prices-change-flat = السعر العادي الجديد
admin-prices-change-peak = سعر الذروة الجديد
admin-prices-change-valley = سعر الانخفاض الجديد
admin-prices-change-tip = سعر الذروة القصوى الجديد
admin-prices-change-schedule = الجدول الزمني الجديد
# Button.
admin-prices-save-plan = حفظ التعرفة
# $id is the plan's number.
admin-prices-changed = عُدّلت التعرفة { $id }.
