## The header, on every page
nav-main = الرئيسية
nav-my-account = حسابي
nav-operators = المشغّلون
nav-sign-out = تسجيل الخروج
# The language menu's name for screen readers.
language-menu = اللغة

## Pieces every page uses
loading = جارٍ التحميل…
page-not-found = الصفحة غير موجودة.
error-sign-in = تسجيل الدخول
# A button that closes a "Do you really want to…" question.
confirm-cancel = إلغاء
pages-nav = الصفحات
pages-previous = السابق
pages-next = التالي

## Times
# Said once on a page that shows times; $zone is an IANA name such as Africa/Nairobi.
zone-note = الأوقات بتوقيت { $zone }
# A time that has not happened (a meter never read).
time-never = لم يحدث بعد
# A date and time. $day is the day of the month, $month the month's name
# below, $year four digits, $time the 24-hour clock as 21:10.
date-time = { $day } { $month } { $year }، { $time }
month-1 = يناير
month-2 = فبراير
month-3 = مارس
month-4 = أبريل
month-5 = مايو
month-6 = يونيو
month-7 = يوليو
month-8 = أغسطس
month-9 = سبتمبر
month-10 = أكتوبر
month-11 = نوفمبر
month-12 = ديسمبر

## Names of things
energy-water = ماء
energy-electricity = كهرباء
energy-heating = تدفئة
energy-gas = غاز
energy-liquefied-gas = غاز مسال
valve-closed = مغلق
valve-open = مفتوح
valve-unknown = غير معروف
# A household's meter: $energy is one of the names above, $number the meter's number.
meter-name = { $energy } · { $number }

## Payments
order-waiting = قيد الانتظار
order-in-recharge = في الطريق إلى العدّاد
order-succeeded = تمّت بنجاح
order-failed = فشلت
order-paying = بانتظار موافقتك
order-expired = انتهت مهلتها
order-unconfirmed = أُرسلت إلى العدّاد ولم تُؤكَّد بعد
provider-sandbox = بيئة تجريبية (بلا أموال حقيقية)
provider-flutterwave = بطاقة أو محفظة الهاتف المحمول (Flutterwave)
# Said instead of a payment service's name when it is not known.
provider-unnamed = مزوّد خدمة الدفع
# $order is the payment's number, $amount money with its currency.
outcome-succeeded = تمّت الدفعة { $order } بنجاح: أُضيف { $amount }.
outcome-on-its-way = الدفعة { $order } في طريقها إلى عدّادك.
# $reason is the payment service's own words.
outcome-failed = فشلت الدفعة { $order }: { $reason }
outcome-checkout = أكمل دفع { $amount } على صفحة { $provider }. ستتابع هذه الصفحة العملية.
outcome-approve = وافق على دفع { $amount } من هاتفك ({ $provider }). ستتابع هذه الصفحة العملية.
outcome-expired = انتهت مهلة الدفعة { $order }: { $reason }
outcome-unconfirmed = أُرسلت الدفعة { $order } إلى عدّادك، لكنه لم يؤكّدها بعد. ستتحقق شركة المرافق من العدّاد؛ أموالك لن تضيع.

## Errors
# An error about one field of a form: $field is the field's label, $message what is wrong with it.
error-field = { $field }: { $message }
error-unauthenticated = يُرجى تسجيل الدخول
# $what says what is not allowed.
error-forbidden = غير مسموح: { $what }
error-throttled = محاولات تسجيل دخول كثيرة جدًا: حاول مجددًا بعد { $seconds } ث
error-must-change-password = اختر كلمة مرور خاصة بك أولًا: حتى ذلك الحين لا يُقبل إلا طلب تغيير كلمة المرور
error-internal = خطأ داخلي، يُرجى المحاولة مجددًا

## Field names, as errors name them
field-username = الاسم
field-password = كلمة المرور
field-current-password = كلمة المرور الحالية
field-new-password = كلمة المرور الجديدة
field-amount = المبلغ
field-top-up-amount = مبلغ الشحن
field-top-up-to-device-amount = المبلغ المرسَل إلى العدّاد
field-warning-amount = حدّ التنبيه
field-phone = الهاتف
field-provider = خدمة الدفع
field-meter = العدّاد
field-reading = القراءة
field-note = ملاحظة
field-days = الأيام
field-month = الشهر
field-end = النهاية
field-area = المنطقة
field-parent-area = المنطقة الأم
field-price-plan = التعرفة
field-equipment-model = طراز الجهاز
field-meter-type = نوع العدّاد
field-dev-eui = DevEUI
field-new-dev-eui = DevEUI الجديد
field-join-eui = JoinEUI
field-dev-addr = DevAddr
field-fport = FPort
field-gateway-id = معرّف البوابة
field-gateway-name = اسم البوابة
field-region = منطقة الترددات
field-periods = الفترات
field-script = البرنامج النصي
field-payload = الحمولة
field-time-zone = المنطقة الزمنية
field-forward = إعادة التوجيه إلى
field-token = الرمز المميّز
field-expires-at = صالح حتى
# What the reconciliation of payments found.
difference-confirmed-not-credited = مؤكَّدة ولم تُضَف إلى الرصيد
difference-credited-not-confirmed = مُضافة إلى الرصيد وغير مؤكَّدة
difference-amount-differs = المبلغ مختلف

## Charts
# Under a chart: $total, $average and $highest are amounts with their unit, $when the day or month of the highest.
chart-summary = المجموع { $total } · المتوسط { $average } · الأعلى { $highest } ({ $when })
# The dashed line across a chart.
chart-average = المتوسط
# Folds out every value of the chart as a table.
chart-values = القيم
chart-empty = لا توجد سجلات بعد.
# A day under a chart: $day is the day of the month, $month the short month name.
chart-day = { $day } { $month }
# A month under a chart.
chart-month = { $month } { $year }

## Commands and who gave them
command-close-valve = إغلاق الصمام
command-open-valve = فتح الصمام
command-add-credit = إرسال الرصيد
command-report = طلب قراءة
# $name is an operator's user name.
actor-operator = المشغّل { $name }
# $name is a household's number or name.
actor-household = المشترك { $name }
# Done by Meterline itself (the balance rule, the billing run).
actor-system = تلقائي
# Alerts: what each rule found.
alert-kind-meter-offline = العدّاد غير متصل
alert-kind-gateway-offline = البوابة غير متصلة
alert-kind-leak = إشارة تسرّب
alert-kind-night-flow = تدفق ليلي (يُشتبه بتسرب)
alert-kind-tamper = إشارة عبث
alert-kind-magnet = إشارة مغناطيس
alert-kind-battery-low = البطارية منخفضة
alert-kind-reverse-flow = تدفّق عكسي
alert-kind-command-overdue = أمر بلا رد
alert-kind-low-balance = رصيد منخفض
alert-kind-supply-cut = انقطاع الإمداد
alert-kind-close-waiting = إغلاق مؤجَّل (فترات السماح)
alert-kind-unmatched-payment = دفعة غير مطابقة
alert-state-open = مفتوح
alert-state-acknowledged = مُقرّ به
alert-state-resolved = محلول
# $meter is a meter's number (or DevEUI).
alert-subject-meter = العدّاد { $meter }
# $household is a household's number and name.
alert-subject-household = المشترك { $household }
alert-subject-gateway = البوابة { $gateway }
# $hours is how long a meter may be silent, in hours.
alert-evidence-never-reported = لم يرسل أي قراءة قط (مدة الصمت المسموح بها: { $hours } س)
alert-evidence-meter-offline = لا قراءات منذ { $time } (مدة الصمت المسموح بها: { $hours } س)
alert-evidence-gateway-offline = لا إشارة منها منذ { $time } (مدة الصمت المسموح بها: { $minutes } د)
alert-evidence-flag = أبلغ عنها العدّاد في { $time }
alert-evidence-night-flow = استهلاك لا يقل عن { $least } في كل ساعة من الليل بدءًا من { $time } (يُحسب التدفق من { $limit } في الساعة)
alert-evidence-battery-low = { $volts } V في { $time } (تُعدّ منخفضة دون { $limit } V)
alert-evidence-reverse-flow = القراءة { $value } في { $time }، أقل من { $limit } المحتسَبة سابقًا
alert-evidence-command-overdue = انتهت مهلة الأمر { $id } دون رد في { $time }
alert-evidence-low-balance = الرصيد { $balance }، أقل من حدّ التنبيه { $warn }
alert-evidence-supply-cut = أغلقت قاعدة الرصيد الصمام؛ الرصيد { $balance }
alert-evidence-close-waiting = الرصيد { $balance } دون الحد منذ { $time }: يُغلق الصمام عند انتهاء فترة السماح
alert-evidence-unmatched-payment = { $amount } المستلمة في { $time } لم تطابق أي مشترك: عيّنها لمشترك أو علّمها للاسترداد (الدفعات)
