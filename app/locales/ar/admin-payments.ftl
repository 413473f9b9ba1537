## Payments through providers

admin-payments-title = الدفعات

## Money that matched no household

admin-payments-unmatched-heading = أموال لم تُطابَق مع أي مشترك
admin-payments-unmatched-none = لا شيء: طُوبقت كل دفعة مع مشتركها.
# Parts of one line about a payment, joined by " · ". $receipt: the provider's receipt number.
admin-payments-receipt = الإيصال { $receipt }
# $payer: the payer's phone number or account; $name: the payer's name as the provider gave it (may be empty).
admin-payments-payer = من { $payer } { $name }
# $account: the account number the payer typed, in quotes.
admin-payments-account = الحساب { $account }
# The payment was given to a household; $note: the operator's note.
admin-payments-assigned = خُصّصت: { $note }
# The payment is to be paid back to the payer; $note: the operator's note.
admin-payments-to-be-refunded = للاسترداد: { $note }
# The label of the field for the household the payment goes to.
admin-payments-account-label = رقم المشترك أو العدّاد
# A button: gives the payment to the household or meter typed.
admin-payments-assign = تخصيص
# A button; it asks admin-payments-refund-question before acting.
admin-payments-refund = تحديد للاسترداد
# $currency: a currency code such as KES; $amount: the amount; $payer: the payer's phone number or account.
admin-payments-refund-question = هل تريد تحديد مبلغ { $currency } { $amount } الوارد من { $payer } لإعادته إليه؟ لن يُضاف إلى رصيد أي حساب.
# The button that answers the question and acts.
admin-payments-refund-answer = نعم، حدّده للاسترداد
admin-payments-refund-note = ملاحظة الاسترداد

## Reconciliation of each provider's days

admin-payments-reconciliation-heading = المطابقة
# The first day shown.
admin-payments-from-date = من
# The last day shown.
admin-payments-to-date = إلى
# A link that downloads the reconciliation as a CSV file.
admin-payments-export-csv = تصدير CSV
admin-payments-days-note = آخر سبعة أيام ما لم تُحدَّد تواريخ.
admin-payments-days-none = لا توجد دفعات عبر مزوّدي خدمة الدفع في هذه الأيام.
# What the provider confirmed that day; $count: how many payments; $total: their sum with its currency.
admin-payments-confirmed = مؤكَّدة: { $count } ({ $total })
# What was credited to households that day; $count: how many payments; $total: their sum with its currency.
admin-payments-credited = مُضافة إلى الرصيد: { $count } ({ $total })
admin-payments-no-differences = لا توجد فروق.
