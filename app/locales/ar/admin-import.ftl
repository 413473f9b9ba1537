## Importing meters and households from a CSV file

admin-import-title = استيراد العدّادات
admin-import-intro = ملف CSV فيه عدّاد واحد في كل صف، مع المشترك التابع له. الأعمدة هي أعمدة تصدير العدّادات (فيمكن استيراد الملف المصدَّر مجددًا)، مع بضعة أعمدة إضافية للتعرفة وطراز الجهاز ومفاتيح LoRaWAN. افحص الملف أولًا: تُعرض كل مشكلة مع رقم السطر والعمود، ولا يُحفظ شيء. يحفظ الاستيراد جميع الصفوف، أو لا يحفظ أيًّا منها إذا كانت في أي صف مشكلة.
admin-import-template = تنزيل القالب (الأعمدة بلا صفوف)
admin-import-file = ملف CSV
admin-import-check = فحص
admin-import-import = استيراد
admin-import-all-or-nothing = لا يُحفظ شيء حتى تصبح كل الصفوف صحيحة. لا يحصل المشتركون الجدد على كلمة مرور: امنح كل مشترك كلمة مروره الأولى من صفحته.
# Shown while the server reads the file.
admin-import-working = جارٍ قراءة الملف…
admin-import-choose-file = اختر ملف CSV
admin-import-unreadable = تعذّرت قراءة الملف
# $rows data rows, $meters meters, $households new households, $skipped rows left out.
admin-import-summary = الصفوف المقروءة: { $rows } · العدّادات: { $meters } · المشتركون الجدد: { $households } · المستبعَدة (عدّادات مُزالة): { $skipped }
admin-import-written = تمّ الاستيراد. حُفظت جميع الصفوف.
# $count problems; nothing was written.
admin-import-problems = المشكلات المكتشفة: { $count }. لم يُحفظ شيء: صحّح الملف ثم افحصه مجددًا.
admin-import-checked-ok = الملف سليم: لم يُحفظ شيء بعد.
admin-import-import-checked = استيراد هذه الصفوف
admin-import-passwords = ليس للمشتركين الجدد كلمة مرور بعد: امنح كل مشترك كلمة مروره الأولى من صفحته.
admin-import-problems-heading = المشكلات
admin-import-lines-heading = الصفوف
admin-import-line = السطر
admin-import-column = العمود
admin-import-reason = المشكلة
admin-import-meter = العدّاد
admin-import-area = المنطقة
admin-import-household = المشترك
admin-import-keys = المفاتيح
# A household the import creates, first named on line $line.
admin-import-new-household = جديد (السطر { $line })
# $count more problems than the page shows.
admin-import-more = المشكلات غير المعروضة: { $count }. صحّح هذه ثم افحص مجددًا.
admin-import-more-lines = الصفوف غير المعروضة: { $count }.
