### Operator portal: one meter's page (archive, valve, lifecycle, network,
### charts, latest readings, payments).

## Page

# Shown when the address names no meter.
admin-meter-not-found = العدّاد غير موجود
# Page heading; $serial is the meter's serial number.
admin-meter-heading = العدّاد { $serial }

## The meter's archive (labels of a list of facts)

admin-meter-fact-customer = العميل
admin-meter-fact-household = المشترك
admin-meter-fact-phone = الهاتف
admin-meter-fact-address = العنوان
admin-meter-fact-area = المنطقة
# The LoRaWAN device identifier; usually kept as it is.
admin-meter-fact-dev-eui = DevEUI
# The NB-IoT device identifier; usually kept as it is.
admin-meter-fact-imei = IMEI
# The meter's equipment model.
admin-meter-fact-model = الطراز
# Water, electricity, …
admin-meter-fact-energy = نوع الطاقة
# How the meter pays: prepaid or postpaid.
admin-meter-fact-payment = طريقة الدفع
admin-meter-fact-price-plan = التعرفة
# The meter's register (its total count).
admin-meter-fact-reading = القراءة
admin-meter-fact-balance = الرصيد
admin-meter-fact-overdraft-limit = حدّ السحب على المكشوف
admin-meter-fact-valve = الصمام
admin-meter-fact-status = الحالة
# When the meter last reported.
admin-meter-fact-last-read = آخر قراءة

# Value of "Payment": the platform keeps the balance and charges use.
admin-meter-pay-mode-prepaid = دفع مسبق
# Value of "Payment": billed monthly.
admin-meter-pay-mode-postpaid = دفع لاحق
# Value of "Status".
admin-meter-status-active = نشط
# Value of "Status": the meter was removed (it can be recovered).
admin-meter-status-removed = مُزال

# Part of the price plan's line, after the plan's name; $flat is a unit price.
admin-meter-tariff-flat = سعر موحّد { $flat }
# Part of the price plan's line, after the plan's name: the unit prices of a
# time-of-use tariff's four periods.
admin-meter-tariff-time-of-use = عادي { $flat } / ذروة { $peak } / خارج الذروة { $valley } / ذروة قصوى { $tip }

## Lifecycle

admin-meter-lifecycle = دورة الحياة
# Button.
admin-meter-remove = إزالة العدّاد
# Asked before the meter is removed.
admin-meter-remove-question = هل تريد إزالة هذا العدّاد؟ لن يُحاسَب على الاستهلاك ولن تُرسَل إليه أوامر بعد الآن؛ يبقى سجلّه، ويمكن استعادته.
# Button that answers the question and removes the meter.
admin-meter-remove-answer = أزِل العدّاد
# Button.
admin-meter-recover = استعادة العدّاد
# Label of the field for the DevEUI of the device that replaces the meter's.
admin-meter-replacement-dev-eui = DevEUI الجهاز الجديد
# Button.
admin-meter-replace-device = استبدال الجهاز

## Valve

admin-meter-valve = الصمام
# Followed by what the valve is doing ("Open", "Closing… (until the meter confirms)").
admin-meter-valve-now = الصمام:
admin-meter-valve-closing = جارٍ الإغلاق… (حتى يؤكّد العدّاد)
admin-meter-valve-opening = جارٍ الفتح… (حتى يؤكّد العدّاد)
# Button.
admin-meter-close-valve = إغلاق الصمام
# Asked before the valve is closed; $who is the customer's name.
admin-meter-close-question = هل تريد إغلاق صمام عدّاد { $who }؟ سينقطع الإمداد حتى يُفتح الصمام مجددًا.
# Button that answers the question and closes the valve.
admin-meter-close-valve-answer = أغلق الصمام الآن
# Button.
admin-meter-open-valve = فتح الصمام
# $command is the number of the command already queued.
admin-meter-already-queued = هذا الأمر في طريقه بالفعل (الأمر رقم { $command }): لم يُضَف شيء إلى قائمة الانتظار.

## Latest commands

admin-meter-latest-commands = أحدث الأوامر
admin-meter-no-commands = لا توجد أوامر بعد.
# A command's state.
admin-meter-command-queued = في قائمة الانتظار: بانتظار الاتصال التالي من العدّاد
admin-meter-command-sent = أُرسل: بانتظار إقرار العدّاد باستلامه
admin-meter-command-acknowledged = أقرّ العدّاد باستلامه
admin-meter-command-failed = فشل
admin-meter-command-expired = انتهت مهلته: لم يردّ العدّاد في الوقت المحدد
admin-meter-command-unconfirmed = أُرسل ولم يُؤكَّد: اقرأ العدّاد لمعرفة ما إذا كان الرصيد قد أُضيف إليه
# Button: the operator read the meter and it shows the credit.
admin-meter-settle-took = يُظهر العدّاد هذا الرصيد
# Button: the operator read the meter and it does not show the credit.
admin-meter-settle-not-took = لا يُظهر العدّاد هذا الرصيد

## Network

admin-meter-network = الشبكة
# $network is a network server's name (ChirpStack, The Things Stack); $application and
# $device are its names for the application and the device.
admin-meter-route = يُرسل تقاريره عبر { $network }، التطبيق { $application }، الجهاز { $device }؛ وتعود أوامره بالطريق نفسه.
admin-meter-route-own-gateways = يُرسل تقاريره عبر بوابات هذا النظام نفسه (أو لم يُرسل أي تقرير بعد).
# Heading of the list of messages the network server sent about the meter.
admin-meter-network-log = ما أبلغت به الشبكة

## Charts

admin-meter-use-per-day = الاستهلاك اليومي، آخر 30 يومًا
admin-meter-use-per-month = الاستهلاك الشهري، آخر 12 شهرًا

## Latest readings

admin-meter-latest-readings = أحدث القراءات
# Column headings.
admin-meter-readings-time = الوقت
admin-meter-readings-reading = القراءة
admin-meter-readings-valve = الصمام
# The battery's voltage in millivolts (mV).
admin-meter-readings-battery = البطارية (mV)
# Received signal strength; usually kept as it is.
admin-meter-readings-rssi = RSSI

## Payments

admin-meter-payments = الدفعات
# $order is the order's number.
admin-meter-order-refunded = استُردّ مبلغ الدفعة { $order }.
# $receipt is the payment provider's receipt number.
admin-meter-order-receipt = الإيصال { $receipt }
# $payer is who paid (a phone number or name).
admin-meter-order-payer = من { $payer }
# An order's state, once refunded.
admin-meter-order-refunded-state = مُستردّة
# Button: asks the payment provider again how the order stands.
admin-meter-recheck = استعلم من مزوّد الدفع مجددًا
# Button.
admin-meter-refund = استرداد
# Asked before refunding; $amount is money ("KES 20.00"), $order the order's number.
admin-meter-refund-question = هل تريد استرداد { $amount } من الدفعة { $order }؟ سينخفض الرصيد بالمقدار نفسه.
# Button that answers the question and refunds.
admin-meter-refund-answer = نفّذ الاسترداد
admin-meter-refund-reason = سبب الاسترداد
# Example reason in the empty field.
admin-meter-refund-reason-placeholder = دُفع مرتين في الشبّاك
# $kinds lists the alerts' kinds.
admin-meter-alerts = التنبيهات على هذا العدّاد: { $count } ({ $kinds })
