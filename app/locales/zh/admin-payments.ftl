## Payments through providers

admin-payments-title = 付款

## Money that matched no household

admin-payments-unmatched-heading = 未匹配到用户的款项
admin-payments-unmatched-none = 无：每笔付款都已匹配到用户。
# Parts of one line about a payment, joined by " · ". $receipt: the provider's receipt number.
admin-payments-receipt = 收据号 { $receipt }
# $payer: the payer's phone number or account; $name: the payer's name as the provider gave it (may be empty).
admin-payments-payer = 付款人 { $payer } { $name }
# $account: the account number the payer typed, in quotes.
admin-payments-account = 填写的账号 { $account }
# The payment was given to a household; $note: the operator's note.
admin-payments-assigned = 已分配：{ $note }
# The payment is to be paid back to the payer; $note: the operator's note.
admin-payments-to-be-refunded = 待退款：{ $note }
# The label of the field for the household the payment goes to.
admin-payments-account-label = 户号或表号
# A button: gives the payment to the household or meter typed.
admin-payments-assign = 分配
# A button; it asks admin-payments-refund-question before acting.
admin-payments-refund = 标记退款
# $currency: a currency code such as KES; $amount: the amount; $payer: the payer's phone number or account.
admin-payments-refund-question = 确定将 { $payer } 付来的 { $currency } { $amount } 标记为待退款吗？这笔钱不会充入任何账户。
# The button that answers the question and acts.
admin-payments-refund-answer = 确认标记退款
admin-payments-refund-note = 退款备注

## Reconciliation of each provider's days

admin-payments-reconciliation-heading = 对账
# The first day shown.
admin-payments-from-date = 开始日期
# The last day shown.
admin-payments-to-date = 结束日期
# A link that downloads the reconciliation as a CSV file.
admin-payments-export-csv = 导出 CSV
admin-payments-days-note = 未指定日期时显示最近七天。
admin-payments-days-none = 这段时间内没有通过支付服务商的付款。
# What the provider confirmed that day; $count: how many payments; $total: their sum with its currency.
admin-payments-confirmed = 已确认 { $count } 笔（{ $total }）
# What was credited to households that day; $count: how many payments; $total: their sum with its currency.
admin-payments-credited = 已入账 { $count } 笔（{ $total }）
admin-payments-no-differences = 没有差异。
