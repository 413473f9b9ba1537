## The welcome slip: a new household's number and first password, shown once to the operator

# $name: the new household's name.
admin-welcome-heading = مرحبًا بك في Meterline، { $name }
admin-welcome-shown-once = تظهر مرة واحدة فقط: اطبعها أو انسخها للمشترك الآن. لا يمكن عرضها مرة أخرى (إن ضاعت، عيّن كلمة مرور جديدة من صفحة المشتركين).
# The number the household signs in with.
admin-welcome-household-number = رقم المشترك
admin-welcome-first-password = كلمة المرور الأولى
# Addressed to the household that reads the slip.
admin-welcome-sign-in = سجّل الدخول بالرقم وكلمة المرور هذه، وسيُطلب منك اختيار كلمة مرور خاصة بك قبل أي شيء آخر.
# A button.
admin-welcome-print = طباعة ورقة الترحيب
