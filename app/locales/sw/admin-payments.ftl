## Payments through providers

admin-payments-title = Malipo

## Money that matched no household

admin-payments-unmatched-heading = Pesa zisizolingana na kaya yoyote
admin-payments-unmatched-none = Hakuna: kila malipo yamepata kaya yake.
# Parts of one line about a payment, joined by " · ". $receipt: the provider's receipt number.
admin-payments-receipt = risiti { $receipt }
# $payer: the payer's phone number or account; $name: the payer's name as the provider gave it (may be empty).
admin-payments-payer = kutoka { $payer } { $name }
# $account: the account number the payer typed, in quotes.
admin-payments-account = akaunti { $account }
# The payment was given to a household; $note: the operator's note.
admin-payments-assigned = yamekabidhiwa: { $note }
# The payment is to be paid back to the payer; $note: the operator's note.
admin-payments-to-be-refunded = yatarejeshwa: { $note }
# The label of the field for the household the payment goes to.
admin-payments-account-label = Namba ya kaya au ya mita
# A button: gives the payment to the household or meter typed.
admin-payments-assign = Kabidhi
# A button; it asks admin-payments-refund-question before acting.
admin-payments-refund = Weka alama ya kurejesha
# $currency: a currency code such as KES; $amount: the amount; $payer: the payer's phone number or account.
admin-payments-refund-question = Weka alama kwamba { $currency } { $amount } kutoka { $payer } zirejeshwe kwa mlipaji? Hazitaongezwa kwenye akaunti yoyote.
# The button that answers the question and acts.
admin-payments-refund-answer = Ndiyo, weka alama ya kurejesha
admin-payments-refund-note = Maelezo ya kurejesha

## Reconciliation of each provider's days

admin-payments-reconciliation-heading = Ulinganishaji wa hesabu
# The first day shown.
admin-payments-from-date = Kuanzia
# The last day shown.
admin-payments-to-date = Hadi
# A link that downloads the reconciliation as a CSV file.
admin-payments-export-csv = Pakua CSV
admin-payments-days-note = Siku saba zilizopita, isipokuwa ukiweka tarehe.
admin-payments-days-none = Hakuna malipo kupitia watoa huduma katika siku hizi.
# What the provider confirmed that day; $count: how many payments; $total: their sum with its currency.
admin-payments-confirmed = yamethibitishwa { $count } ({ $total })
# What was credited to households that day; $count: how many payments; $total: their sum with its currency.
admin-payments-credited = yameongezwa kwenye salio { $count } ({ $total })
admin-payments-no-differences = Hakuna tofauti.
