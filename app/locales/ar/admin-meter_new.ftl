### Operator portal: adding a meter.

## Page

admin-meter-new-heading = إضافة عدّاد
# Link to the new meter's page, under the new household's welcome slip.
admin-meter-new-open-meter = فتح العدّاد

## Form

# LoRaWAN's device identifier; "DevEUI" and "LoRaWAN" are usually kept as they are.
admin-meter-new-dev-eui = DevEUI (LoRaWAN)
admin-meter-new-dev-eui-placeholder = 16 رقمًا ست عشريًا
# NB-IoT's device identifier; "IMEI" and "NB-IoT" are usually kept as they are.
admin-meter-new-imei = IMEI (NB-IoT)
admin-meter-new-imei-placeholder = 15 رقمًا
admin-meter-new-customer-name = اسم العميل
admin-meter-new-customer-phone = هاتف العميل
admin-meter-new-customer-address = عنوان العميل
admin-meter-new-area = المنطقة
admin-meter-new-price-plan = التعرفة
admin-meter-new-equipment-model = طراز الجهاز
# First choice of "Equipment model": no model chosen, the default one of the price plan's energy type.
admin-meter-new-model-default = الطراز الافتراضي لنوع الطاقة في التعرفة
# How the meter pays: prepaid or postpaid.
admin-meter-new-payment = طريقة الدفع
admin-meter-new-prepaid = دفع مسبق (تحتفظ المنصة بالرصيد)
admin-meter-new-postpaid = دفع لاحق (فاتورة شهرية)
# The balance the meter starts with.
admin-meter-new-opening-balance = الرصيد الافتتاحي
# The balance below which the valve closes.
admin-meter-new-overdraft-limit = حدّ السحب على المكشوف (يُغلق الصمام إذا قلّ الرصيد عنه)
# The meter's register when it is added.
admin-meter-new-initial-reading = القراءة الأولية
# Button.
admin-meter-new-add = إضافة العدّاد
# The button while the meter is being added.
admin-meter-new-adding = جارٍ الإضافة…

## Errors (shown after the field's name)

# A list (area, price plan, model) has no valid choice.
admin-meter-new-choose-one = اختر أحد الخيارات
admin-meter-new-no-device = أدخل DevEUI أو IMEI
