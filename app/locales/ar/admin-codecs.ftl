# The operator portal's device codecs (app/src/ui/pages/admin/codecs.rs):
# a device model's own JavaScript codec, tried on a sample payload, saved.

## The codec page

admin-codecs-heading = برامج ترميز الأجهزة
# Each variable is a piece of code, shown as code: put each where the sentence
# needs it. $decode is decodeUplink(input), $decoded is {data}, $encode is
# encodeDownlink(input), $encoded is {bytes, fPort}; $register, $valve,
# $battery-mv, $battery, $alarms and $acks are the fields the platform reads
# from the codec's output, $data.
admin-codecs-intro = يمكن أن يحمل طراز الجهاز برنامج ترميز خاصًا به بلغة JavaScript، على غرار ما يكتبه مستودع الأجهزة في The Things Stack وChirpStack: تُرجع { $decode } القيمة { $decoded }، وتُرجع { $encode } القيمة { $encoded }. تقرأ المنصّة { $register } و{ $valve } و{ $battery-mv } (أو { $battery } بالفولت) و{ $alarms } و{ $acks } من { $data } (docs/codec.md). وإن لم يكن للطراز برنامج خاص، يقرأ برنامج الترميز المدمج عدّاداته.
admin-codecs-model = طراز الجهاز
# The first entry of the list of device models.
admin-codecs-choose-model = اختر طرازًا
admin-codecs-script = برنامج الترميز (JavaScript)
# The LoRaWAN port the sample payload came on; usually kept as it is.
admin-codecs-port = fPort
admin-codecs-port-invalid = يجب أن يكون رقمًا من 1 إلى 223
admin-codecs-sample = حمولة للتجربة (ست عشرية)
# Button: runs the codec on the sample payload, saving nothing.
admin-codecs-try = جرّبه
# Button.
admin-codecs-save = حفظ لهذا الطراز
# Button: the model goes back to the platform's own codec.
admin-codecs-built-in = استخدام برنامج الترميز المدمج
# $reading is what the codec's output says, e.g. "register 12.3450, valve open".
admin-codecs-reads = تقرأ المنصّة: { $reading }
admin-codecs-saved = تم الحفظ: ستُقرأ عدّادات هذا الطراز به بدءًا من تقريرها التالي.
