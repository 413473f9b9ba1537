## The household's dashboard
household-meters = العدّادات
# $value is the meter's register, $unit its unit (m³, kWh).
household-reading = القراءة: { $value } { $unit }
household-valve = الصمام: { $state }
household-last-read = آخر قراءة: { $time }

## Balance
balance-title = الرصيد
# $spend is an amount of money a day, $days a whole number.
balance-lasts = بمعدل استهلاكك الأخير ({ $spend } يوميًا)، يكفي رصيدك نحو { $days } يوم.
balance-no-estimate = لا يوجد استهلاك في آخر 30 يومًا يمكن التقدير على أساسه.
balance-low = رصيدك أقل من { $warning }. يُرجى شحن الرصيد.

## Top-up (households pay; operators record cash with the same form)
topup-title = شحن الرصيد
topup-not-set-up = الدفع غير مُفعَّل هنا بعد: ادفع في مكتب شركة المرافق.
topup-pay-with = الدفع عبر
topup-phone = رقم الهاتف الذي سيدفع
topup-sandbox = البيئة التجريبية لا تنقل أموالًا حقيقية.
topup-cash-note = لتسجيل مبلغ نقدي استُلم في الشبّاك.
topup-meter = العدّاد
topup-amount = المبلغ
topup-amount-hint = مبلغ مثل 50 أو 12.50
# The question before paying: $amount with its currency, $meter the meter's name.
topup-ask-pay = هل تريد دفع { $amount } لشحن { $meter }؟
topup-ask-cash = هل تريد تسجيل { $amount } نقدًا لشحن { $meter }؟
topup-record-cash = تسجيل دفعة نقدية
topup-pay = ادفع
topup-paying = جارٍ الدفع…
topup-confirm = تأكيد
topup-change = تعديل

## A meter's history
history-last-30-days = آخر 30 يومًا
history-last-12-months = آخر 12 شهرًا
history-payments = الدفعات
history-bills = الفواتير
history-valve-events = أحداث الصمام
history-no-payments = لا توجد دفعات بعد.
history-no-bills = لا توجد فواتير بعد.
history-no-valve-events = لا توجد أحداث للصمام بعد.
history-bill-paid = مدفوعة
history-valve-opened = فُتح
history-valve-closed = أُغلق
history-pay-from-balance = ادفع من الرصيد

## Choosing one's own password (first sign-in)
password-welcome = مرحبًا، { $name }
password-set-for-you = عُيّنت كلمة مرورك الحالية نيابةً عنك. اختر كلمة مرور خاصة بك قبل المتابعة.
password-current = كلمة المرور الحالية
password-new = كلمة المرور الجديدة (8 أحرف أو أكثر)
password-save = حفظ كلمة المرور
household-alerts-heading = أمور تحتاج إلى انتباهك
household-alert-low-balance = رصيدك البالغ { $balance } أقل من حدّ التنبيه { $warn }. اشحن رصيدك ليستمر الإمداد.
household-alert-supply-cut = العدّاد { $meter } مغلق: رصيدك { $balance }. شحن الرصيد يعيد فتحه.
household-alert-close-waiting = رصيدك { $balance }: يبقى العدّاد { $meter } مفتوحًا خلال الليل أو عطلة نهاية الأسبوع أو العطلة الرسمية، ثم يُغلق بعدها ما لم تشحن رصيدك.
household-alert-leak = يُبلغ العدّاد { $meter } عن تسرّب محتمل ({ $time }). افحص الصنابير والأنابيب، أو اتصل بشركة المرافق.
household-alert-night-flow = سجّل العدّاد { $meter } استهلاكًا في كل ساعة من الليلة الماضية (على الأقل { $least } في الساعة): قد يكون صنبور مفتوحًا أو أنبوب يسرّب. افحصها أو اتصل بمزوّد الخدمة.
