## Editing a household

# $number: the household's number, as it signs in with.
admin-household-edit-heading = تعديل المشترك { $number }
# $balance: the household's balance with its currency, e.g. "KES 12.50".
admin-household-edit-balance = الرصيد { $balance }: لتغييره سجّل شحنًا نقديًا أو استردادًا في صفحة العدّاد.
# $id: the household's number in the database.
admin-household-edit-not-found = المشترك { $id } غير موجود

## The form

admin-household-edit-household-name = اسم المشترك
admin-household-edit-phone = الهاتف
admin-household-edit-address = العنوان
# The amount below which the household is warned that its balance is low.
admin-household-edit-warn-below = حدّ التنبيه
admin-household-edit-new-password = كلمة مرور جديدة (اختيارية)
# A button.
admin-household-edit-save = حفظ المشترك
# A link that closes the form.
admin-household-edit-close = إغلاق
# $id: the household's number in the database.
admin-household-edit-saved = حُفظ المشترك { $id }.
# $id: the household's number in the database; $password: its new first password.
admin-household-edit-saved-with-password = حُفظ المشترك { $id }. كلمة مروره الأولى الجديدة (تظهر مرة واحدة فقط): { $password }
