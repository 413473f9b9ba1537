## The household's dashboard
household-meters = Compteurs
# $value is the meter's register, $unit its unit (m³, kWh).
household-reading = Relevé : { $value } { $unit }
household-valve = Vanne : { $state }
household-last-read = Dernier relevé : { $time }

## Balance
balance-title = Solde
# $spend is an amount of money a day, $days a whole number.
balance-lasts = Au rythme de votre consommation récente ({ $spend } par jour), votre solde durera environ { $days } jours.
balance-no-estimate = Aucune consommation sur les 30 derniers jours : pas d’estimation possible.
balance-low = Votre solde est inférieur à { $warning }. Veuillez recharger.

## Top-up (households pay; operators record cash with the same form)
topup-title = Recharger
topup-not-set-up = Le paiement n’est pas encore disponible ici : payez à l’agence de votre fournisseur.
topup-pay-with = Payer avec
topup-phone = Téléphone du payeur
topup-sandbox = Le mode test n’utilise pas d’argent réel.
topup-cash-note = Enregistre un paiement en espèces reçu au guichet.
topup-meter = Compteur
topup-amount = Montant
topup-amount-hint = Un montant, par exemple 50 ou 12.50
# The question before paying: $amount with its currency, $meter the meter's name.
topup-ask-pay = Payer { $amount } pour le compteur { $meter } ?
topup-ask-cash = Enregistrer { $amount } en espèces pour le compteur { $meter } ?
topup-record-cash = Enregistrer les espèces
topup-pay = Payer
topup-paying = Paiement en cours…
topup-confirm = Confirmer
topup-change = Modifier

## A meter's history
history-last-30-days = 30 derniers jours
history-last-12-months = 12 derniers mois
history-payments = Paiements
history-bills = Factures
history-valve-events = Événements de la vanne
history-no-payments = Aucun paiement pour l’instant.
history-no-bills = Aucune facture pour l’instant.
history-no-valve-events = Aucun événement de vanne pour l’instant.
history-bill-paid = payée
history-valve-opened = ouverture
history-valve-closed = fermeture
history-pay-from-balance = Payer avec le solde

## Choosing one's own password (first sign-in)
password-welcome = Bienvenue, { $name }
password-set-for-you = Votre mot de passe a été créé pour vous. Choisissez-en un nouveau avant de continuer.
password-current = Mot de passe actuel
password-new = Nouveau mot de passe (8 caractères minimum)
password-save = Enregistrer le mot de passe
household-alerts-heading = Nécessite votre attention
household-alert-low-balance = Votre solde de { $balance } est inférieur à votre seuil d’alerte de { $warn }. Rechargez pour éviter une coupure de la fourniture.
household-alert-supply-cut = La vanne du compteur { $meter } est fermée : votre solde est de { $balance }. Une recharge la rouvrira.
household-alert-close-waiting = Votre solde est de { $balance } : le compteur { $meter } reste ouvert pendant la nuit, le week-end ou le jour férié, et se ferme ensuite si vous ne rechargez pas.
household-alert-leak = Le compteur { $meter } signale une fuite possible ({ $time }). Vérifiez vos robinets et vos tuyaux, ou appelez votre fournisseur.
household-alert-night-flow = Le compteur { $meter } a compté une consommation à chaque heure de la nuit dernière (au moins { $least } par heure) : un robinet coule peut-être ou une canalisation fuit. Vérifiez-les ou appelez votre fournisseur.
