## Payments through providers

admin-payments-title = Payments

## Money that matched no household

admin-payments-unmatched-heading = Money that matched no household
admin-payments-unmatched-none = None: every payment found its household.
# Parts of one line about a payment, joined by " · ". $receipt: the provider's receipt number.
admin-payments-receipt = receipt { $receipt }
# $payer: the payer's phone number or account; $name: the payer's name as the provider gave it (may be empty).
admin-payments-payer = from { $payer } { $name }
# $account: the account number the payer typed, in quotes.
admin-payments-account = account { $account }
# The payment was given to a household; $note: the operator's note.
admin-payments-assigned = assigned: { $note }
# The payment is to be paid back to the payer; $note: the operator's note.
admin-payments-to-be-refunded = to be refunded: { $note }
# The label of the field for the household the payment goes to.
admin-payments-account-label = Household or meter number
# A button: gives the payment to the household or meter typed.
admin-payments-assign = Assign
# A button; it asks admin-payments-refund-question before acting.
admin-payments-refund = Mark for refund
# $currency: a currency code such as KES; $amount: the amount; $payer: the payer's phone number or account.
admin-payments-refund-question = Mark { $currency } { $amount } from { $payer } to be paid back? It will not be credited to any account.
# The button that answers the question and acts.
admin-payments-refund-answer = Mark it for refund
admin-payments-refund-note = Refund note

## Reconciliation of each provider's days

admin-payments-reconciliation-heading = Reconciliation
# The first day shown.
admin-payments-from-date = From
# The last day shown.
admin-payments-to-date = To
# A link that downloads the reconciliation as a CSV file.
admin-payments-export-csv = Export CSV
admin-payments-days-note = The last seven days unless dates are given.
admin-payments-days-none = No payments through providers in these days.
# What the provider confirmed that day; $count: how many payments; $total: their sum with its currency.
admin-payments-confirmed = confirmed { $count } ({ $total })
# What was credited to households that day; $count: how many payments; $total: their sum with its currency.
admin-payments-credited = credited { $count } ({ $total })
admin-payments-no-differences = No differences.
