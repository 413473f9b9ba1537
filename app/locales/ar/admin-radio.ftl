# The operator portal's radio pages: gateways, the command queue and
# LoRaWAN device registration (app/src/ui/pages/admin/radio.rs).
# EUI, DevEUI, JoinEUI, AppKey, DevAddr, AppSKey, NwkSKey, ABP and OTAA are
# LoRaWAN terms: they are usually kept as they are.

## Gateways

admin-radio-gateways = البوابات
admin-radio-gateways-col-name = الاسم
admin-radio-gateways-col-eui = EUI
admin-radio-gateways-col-type = النوع
admin-radio-gateways-col-region = منطقة الترددات
admin-radio-gateways-col-state = الحالة
admin-radio-gateways-col-last-seen = آخر ظهور
# A gateway's state in the table.
admin-radio-online = متصلة
admin-radio-offline = غير متصلة

## Adding a gateway

admin-radio-add-heading = إضافة بوابة
admin-radio-add-eui = EUI البوابة
# Placeholder of the gateway EUI input.
admin-radio-add-eui-hint = 16 رقمًا ست عشريًا
admin-radio-add-name = الاسم
admin-radio-add-type = النوع
# eu868 and cn470 are region codes: keep them as they are.
admin-radio-add-region = منطقة الترددات (eu868، cn470، …)
admin-radio-add-subnet = الشبكة الفرعية
# Button.
admin-radio-add-gateway = إضافة البوابة
admin-radio-gateway-added = أُضيفت البوابة.

## Changing a gateway

admin-radio-change-heading = تعديل بوابة
admin-radio-change-blank-keeps = الحقول الفارغة تحتفظ بقيمها الحالية.
admin-radio-change-eui = EUI البوابة المراد تعديلها
admin-radio-change-name = الاسم الجديد
admin-radio-change-type = النوع الجديد
admin-radio-change-region = منطقة الترددات الجديدة
admin-radio-change-subnet = الشبكة الفرعية الجديدة
# Button.
admin-radio-save-gateway = حفظ البوابة
admin-radio-gateway-changed = عُدّلت البوابة.

## The command queue

admin-radio-commands = قائمة انتظار الأوامر
# Label of the row of links that filter the queue by a command's state.
admin-radio-commands-states = حالات الأوامر
# Link: the queue with commands of every state.
admin-radio-commands-all = الكل
# $n is how many commands the filter matches; followed by " · " and the page.
admin-radio-commands-count = الأوامر: { $n }
# $number is the page shown, $pages how many there are.
admin-radio-commands-page = الصفحة { $number } من { $pages }
admin-radio-commands-col-meter = العدّاد
admin-radio-commands-col-customer = العميل
admin-radio-commands-col-command = الأمر
admin-radio-commands-col-state = الحالة
admin-radio-commands-col-result = النتيجة
# Who queued the command.
admin-radio-commands-col-by = بواسطة
# When the command was queued.
admin-radio-commands-col-queued = أُضيف في
admin-radio-commands-col-expires = ينتهي في

## Registering a LoRaWAN device

admin-radio-devices-heading = تسجيل جهاز LoRaWAN
admin-radio-devices-intro = تُضاف بيانات العدّاد في صفحة العدّادات بالـ DevEUI نفسه؛ أما هنا فتُحفظ جلسته اللاسلكية (ABP) أو المفتاح الذي ينضم به إلى الشبكة (OTAA).
# How the device joins the network: by session keys (ABP) or over the air (OTAA).
admin-radio-devices-activation = التفعيل
admin-radio-devices-abp = ABP (مفاتيح الجلسة)
admin-radio-devices-otaa = OTAA (الانضمام عبر الهواء)
admin-radio-devices-dev-eui = DevEUI
admin-radio-devices-name = اسم الجهاز
admin-radio-devices-region = منطقة الترددات
admin-radio-devices-subnet = الشبكة الفرعية
admin-radio-devices-join-eui = JoinEUI (16 رقمًا ست عشريًا؛ فارغ: أي قيمة)
admin-radio-devices-app-key = AppKey (32 رقمًا ست عشريًا)
admin-radio-devices-dev-addr = DevAddr (8 أرقام ست عشرية)
admin-radio-devices-app-s-key = AppSKey (32 رقمًا ست عشريًا)
admin-radio-devices-nwk-s-key = NwkSKey (32 رقمًا ست عشريًا)
# Button.
admin-radio-devices-register = تسجيل الجهاز
admin-radio-device-registered = سُجّل الجهاز. حُفظت مفاتيحه ولن تُعرض مرة أخرى.
