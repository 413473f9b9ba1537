## Payments through providers

admin-payments-title = Paiements

## Money that matched no household

admin-payments-unmatched-heading = Paiements non attribués à un foyer
admin-payments-unmatched-none = Aucun : chaque paiement a trouvé son foyer.
# Parts of one line about a payment, joined by " · ". $receipt: the provider's receipt number.
admin-payments-receipt = reçu { $receipt }
# $payer: the payer's phone number or account; $name: the payer's name as the provider gave it (may be empty).
admin-payments-payer = de { $payer } { $name }
# $account: the account number the payer typed, in quotes.
admin-payments-account = compte { $account }
# The payment was given to a household; $note: the operator's note.
admin-payments-assigned = attribué : { $note }
# The payment is to be paid back to the payer; $note: the operator's note.
admin-payments-to-be-refunded = à rembourser : { $note }
# The label of the field for the household the payment goes to.
admin-payments-account-label = Numéro de foyer ou de compteur
# A button: gives the payment to the household or meter typed.
admin-payments-assign = Attribuer
# A button; it asks admin-payments-refund-question before acting.
admin-payments-refund = Marquer à rembourser
# $currency: a currency code such as KES; $amount: the amount; $payer: the payer's phone number or account.
admin-payments-refund-question = Marquer le paiement de { $currency } { $amount } reçu de { $payer } comme à rembourser ? Il ne sera crédité sur aucun compte.
# The button that answers the question and acts.
admin-payments-refund-answer = Oui, marquer à rembourser
admin-payments-refund-note = Note de remboursement

## Reconciliation of each provider's days

admin-payments-reconciliation-heading = Rapprochement
# The first day shown.
admin-payments-from-date = Du
# The last day shown.
admin-payments-to-date = Au
# A link that downloads the reconciliation as a CSV file.
admin-payments-export-csv = Exporter en CSV
admin-payments-days-note = Les sept derniers jours, sauf si des dates sont indiquées.
admin-payments-days-none = Aucun paiement via un service de paiement sur cette période.
# What the provider confirmed that day; $count: how many payments; $total: their sum with its currency.
admin-payments-confirmed = { $count } confirmés ({ $total })
# What was credited to households that day; $count: how many payments; $total: their sum with its currency.
admin-payments-credited = { $count } crédités ({ $total })
admin-payments-no-differences = Aucun écart.
