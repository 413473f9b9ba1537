## The header, on every page
nav-main = Menu principal
nav-my-account = Mon compte
nav-operators = Opérateurs
nav-sign-out = Se déconnecter
# The language menu's name for screen readers.
language-menu = Langue

## Pieces every page uses
loading = Chargement…
page-not-found = Page introuvable.
error-sign-in = Se connecter
# A button that closes a "Do you really want to…" question.
confirm-cancel = Annuler
pages-nav = Pages
pages-previous = Précédente
pages-next = Suivante

## Times
# Said once on a page that shows times; $zone is an IANA name such as Africa/Nairobi.
zone-note = Fuseau horaire : { $zone }
# A time that has not happened (a meter never read).
time-never = jamais
# A date and time. $day is the day of the month, $month the month's name
# below, $year four digits, $time the 24-hour clock as 21:10.
date-time = { $day } { $month } { $year } à { $time }
month-1 = janv.
month-2 = févr.
month-3 = mars
month-4 = avr.
month-5 = mai
month-6 = juin
month-7 = juil.
month-8 = août
month-9 = sept.
month-10 = oct.
month-11 = nov.
month-12 = déc.

## Names of things
energy-water = eau
energy-electricity = électricité
energy-heating = chauffage
energy-gas = gaz
energy-liquefied-gas = gaz liquéfié
valve-closed = fermée
valve-open = ouverte
valve-unknown = état inconnu
# A household's meter: $energy is one of the names above, $number the meter's number.
meter-name = { $energy } · { $number }

## Payments
order-waiting = en attente
order-in-recharge = en cours d’envoi
order-succeeded = réussi
order-failed = échoué
order-paying = en attente de votre validation
order-expired = expiré
order-unconfirmed = envoyé au compteur, pas encore confirmé
provider-sandbox = Mode test (sans argent réel)
provider-flutterwave = Carte ou mobile money (Flutterwave)
# Said instead of a payment service's name when it is not known.
provider-unnamed = votre service de paiement
# $order is the payment's number, $amount money with its currency.
outcome-succeeded = Paiement { $order } réussi : { $amount } crédités.
outcome-on-its-way = Le paiement { $order } est en cours d’envoi vers votre compteur.
# $reason is the payment service's own words.
outcome-failed = Le paiement { $order } a échoué : { $reason }
outcome-checkout = Terminez le paiement de { $amount } sur la page de { $provider }. Cette page en suit l’avancement.
outcome-approve = Validez le paiement de { $amount } sur votre téléphone ({ $provider }). Cette page en suit l’avancement.
outcome-expired = Le paiement { $order } a expiré : { $reason }
outcome-unconfirmed = Le paiement { $order } a été envoyé à votre compteur, qui ne l’a pas encore confirmé. Le fournisseur vérifie le compteur ; l’argent n’est pas perdu.

## Errors
# An error about one field of a form: $field is the field's label, $message what is wrong with it.
error-field = { $field } : { $message }
error-unauthenticated = Veuillez vous connecter
# $what says what is not allowed.
error-forbidden = Non autorisé : { $what }
error-throttled = Trop de tentatives de connexion : réessayez dans { $seconds } s
error-must-change-password = Choisissez d’abord votre propre mot de passe : d’ici là, seul le changement de mot de passe est accepté
error-internal = Erreur interne, veuillez réessayer

## Field names, as errors name them
field-username = Nom
field-password = Mot de passe
field-current-password = Mot de passe actuel
field-new-password = Nouveau mot de passe
field-amount = Montant
field-top-up-amount = Montant de la recharge
field-top-up-to-device-amount = Montant pour le compteur
field-warning-amount = Seuil d’alerte
field-phone = Téléphone
field-provider = Service de paiement
field-meter = Compteur
field-reading = Relevé
field-note = Note
field-days = Jours
field-month = Mois
field-end = Fin
field-area = Zone
field-parent-area = Zone parente
field-price-plan = Tarif
field-equipment-model = Modèle d’équipement
field-meter-type = Type de compteur
field-dev-eui = DevEUI
field-new-dev-eui = Nouveau DevEUI
field-join-eui = JoinEUI
field-dev-addr = DevAddr
field-fport = FPort
field-gateway-id = ID de la passerelle
field-gateway-name = Nom de la passerelle
field-region = Région
field-periods = Périodes
field-script = Script
field-payload = Charge utile
field-time-zone = Fuseau horaire
field-forward = Transférer vers
field-token = Jeton
field-expires-at = Valable jusqu’au
# What the reconciliation of payments found.
difference-confirmed-not-credited = confirmé mais non crédité
difference-credited-not-confirmed = crédité mais non confirmé
difference-amount-differs = montant différent

## Charts
# Under a chart: $total, $average and $highest are amounts with their unit, $when the day or month of the highest.
chart-summary = Total { $total } · moyenne { $average } · maximum { $highest } ({ $when })
# The dashed line across a chart.
chart-average = moyenne
# Folds out every value of the chart as a table.
chart-values = Valeurs
chart-empty = Rien d’enregistré pour l’instant.
# A day under a chart: $day is the day of the month, $month the short month name.
chart-day = { $day } { $month }
# A month under a chart.
chart-month = { $month } { $year }

## Commands and who gave them
command-close-valve = Fermer la vanne
command-open-valve = Ouvrir la vanne
command-add-credit = Envoyer du crédit
command-report = Demander un relevé
# $name is an operator's user name.
actor-operator = opérateur { $name }
# $name is a household's number or name.
actor-household = foyer { $name }
# Done by Meterline itself (the balance rule, the billing run).
actor-system = automatique
# Alerts: what each rule found.
alert-kind-meter-offline = Compteur hors ligne
alert-kind-gateway-offline = Passerelle hors ligne
alert-kind-leak = Alarme de fuite
alert-kind-night-flow = Débit nocturne (fuite suspectée)
alert-kind-tamper = Alarme de manipulation
alert-kind-magnet = Alarme d’aimant
alert-kind-battery-low = Batterie faible
alert-kind-reverse-flow = Flux inverse
alert-kind-command-overdue = Commande sans réponse
alert-kind-low-balance = Solde bas
alert-kind-supply-cut = Fourniture coupée
alert-kind-close-waiting = Fermeture en attente (crédit amical)
alert-kind-unmatched-payment = Paiement non rapproché
alert-state-open = Ouverte
alert-state-acknowledged = Acquittée
alert-state-resolved = Résolue
# $meter is a meter's number (or DevEUI).
alert-subject-meter = compteur { $meter }
# $household is a household's number and name.
alert-subject-household = foyer { $household }
alert-subject-gateway = passerelle { $gateway }
# $hours is how long a meter may be silent, in hours.
alert-evidence-never-reported = N’a jamais rien transmis (silence toléré : { $hours } h)
alert-evidence-meter-offline = Aucune transmission depuis le { $time } (silence toléré : { $hours } h)
alert-evidence-gateway-offline = Aucun contact depuis le { $time } (silence toléré : { $minutes } min)
alert-evidence-flag = Signalée par le compteur le { $time }
alert-evidence-night-flow = Au moins { $least } consommé chaque heure de la nuit depuis { $time } (un débit compte à partir de { $limit } par heure)
alert-evidence-battery-low = { $volts } V le { $time } (faible en dessous de { $limit } V)
alert-evidence-reverse-flow = Relevé { $value } le { $time }, inférieur aux { $limit } déjà facturés
alert-evidence-command-overdue = Commande n° { $id } expirée sans réponse le { $time }
alert-evidence-low-balance = Solde de { $balance }, inférieur au seuil d’alerte de { $warn }
alert-evidence-supply-cut = Vanne fermée par la règle du solde ; solde : { $balance }
alert-evidence-close-waiting = Solde { $balance } sous la limite depuis { $time } : la vanne se ferme à la fin du crédit amical
alert-evidence-unmatched-payment = { $amount } reçu le { $time } ne correspond à aucun foyer : attribuez-le ou marquez-le à rembourser (Paiements)
