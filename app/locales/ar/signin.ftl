## The sign-in page
signin-title = تسجيل الدخول
# Shown when someone opened their account's page without being signed in.
signin-please = يُرجى تسجيل الدخول لعرض حسابك.
signin-as-operator = أنت مسجَّل الدخول بصفتك المشغّل { $name }.
signin-as-household = أنت مسجَّل الدخول باسم { $name }.
signin-continue = متابعة
# "I am: a household / an operator"
signin-role = أنا
signin-role-household = مشترك منزلي
signin-role-operator = مشغّل
signin-username = الاسم أو رقم المشترك أو رقم الهاتف
signin-password = كلمة المرور
signin-busy = جارٍ تسجيل الدخول…
signin-submit = تسجيل الدخول
