# The operator portal's apiTokens for legacy clients
# (app/src/ui/pages/admin/tokens.rs): issue one, see when it was last used, revoke.

## Issuing a token

admin-tokens-heading = رموز API لبرامج العملاء القديمة
# The name of the program that will use the token.
admin-tokens-client-name = اسم العميل
# Placeholder: an example of a client name.
admin-tokens-client-name-example = مُجدوِل الفوترة
admin-tokens-days = مدة الصلاحية (بالأيام)
admin-tokens-days-invalid = يجب أن يكون عددًا صحيحًا من الأيام
# Button.
admin-tokens-issue = إصدار رمز
# $time is when the token expires, $zone the time zone it is written in
# (e.g. Africa/Nairobi).
admin-tokens-copy-now = انسخ هذا الرمز الآن، فلن يظهر مرة أخرى. صالح حتى { $time } ({ $zone }).

## The tokens

admin-tokens-col-client = العميل
# When the token was issued.
admin-tokens-col-issued = تاريخ الإصدار
admin-tokens-col-expires = تاريخ الانتهاء
admin-tokens-col-last-used = آخر استخدام
admin-tokens-col-state = الحالة
# A token's state in the table.
admin-tokens-revoked = مُبطَل
# Button; it asks admin-tokens-revoke-question first.
admin-tokens-revoke = إبطال
# $client is the client's name.
admin-tokens-revoke-question = هل تريد إبطال رمز { $client }؟ سيُرفض أي عميل يستخدمه من الآن فصاعدًا، وعليه تسجيل الدخول مجددًا.
# The answer to the question that revokes the token.
admin-tokens-revoke-it = نعم، أبطِله
