### Operator portal: one meter's page (archive, valve, lifecycle, network,
### charts, latest readings, payments).

## Page

# Shown when the address names no meter.
admin-meter-not-found = compteur introuvable
# Page heading; $serial is the meter's serial number.
admin-meter-heading = Compteur { $serial }

## The meter's archive (labels of a list of facts)

admin-meter-fact-customer = Client
admin-meter-fact-household = Foyer
admin-meter-fact-phone = Téléphone
admin-meter-fact-address = Adresse
admin-meter-fact-area = Zone
# The LoRaWAN device identifier; usually kept as it is.
admin-meter-fact-dev-eui = DevEUI
# The NB-IoT device identifier; usually kept as it is.
admin-meter-fact-imei = IMEI
# The meter's equipment model.
admin-meter-fact-model = Modèle
# Water, electricity, …
admin-meter-fact-energy = Énergie
# How the meter pays: prepaid or postpaid.
admin-meter-fact-payment = Paiement
admin-meter-fact-price-plan = Tarif
# The meter's register (its total count).
admin-meter-fact-reading = Relevé
admin-meter-fact-balance = Solde
admin-meter-fact-overdraft-limit = Découvert autorisé
admin-meter-fact-valve = Vanne
admin-meter-fact-status = État
# When the meter last reported.
admin-meter-fact-last-read = Dernier relevé

# Value of "Payment": the platform keeps the balance and charges use.
admin-meter-pay-mode-prepaid = Prépayé
# Value of "Payment": billed monthly.
admin-meter-pay-mode-postpaid = Postpayé
# Value of "Status".
admin-meter-status-active = Actif
# Value of "Status": the meter was removed (it can be recovered).
admin-meter-status-removed = Retiré

# Part of the price plan's line, after the plan's name; $flat is a unit price.
admin-meter-tariff-flat = prix unique { $flat }
# Part of the price plan's line, after the plan's name: the unit prices of a
# time-of-use tariff's four periods.
admin-meter-tariff-time-of-use = normal { $flat } / pointe { $peak } / creux { $valley } / super-pointe { $tip }

## Lifecycle

admin-meter-lifecycle = Cycle de vie
# Button.
admin-meter-remove = Retirer le compteur
# Asked before the meter is removed.
admin-meter-remove-question = Retirer ce compteur ? Il ne sera plus débité et ne recevra plus de commandes ; son historique est conservé et il pourra être restauré.
# Button that answers the question and removes the meter.
admin-meter-remove-answer = Oui, retirer le compteur
# Button.
admin-meter-recover = Restaurer le compteur
# Label of the field for the DevEUI of the device that replaces the meter's.
admin-meter-replacement-dev-eui = DevEUI du nouvel appareil
# Button.
admin-meter-replace-device = Remplacer l’appareil

## Valve

admin-meter-valve = Vanne
# Followed by what the valve is doing ("Open", "Closing… (until the meter confirms)").
admin-meter-valve-now = Vanne :
admin-meter-valve-closing = Fermeture… (jusqu’à confirmation du compteur)
admin-meter-valve-opening = Ouverture… (jusqu’à confirmation du compteur)
# Button.
admin-meter-close-valve = Fermer la vanne
# Asked before the valve is closed; $who is the customer's name.
admin-meter-close-question = Fermer la vanne du compteur de { $who } ? La fourniture sera coupée jusqu’à la réouverture de la vanne.
# Button that answers the question and closes the valve.
admin-meter-close-valve-answer = Fermer la vanne maintenant
# Button.
admin-meter-open-valve = Ouvrir la vanne
# $command is the number of the command already queued.
admin-meter-already-queued = Cette demande est déjà en cours (commande n° { $command }) : aucune nouvelle commande n’a été ajoutée.

## Latest commands

admin-meter-latest-commands = Dernières commandes
admin-meter-no-commands = Aucune commande pour l’instant.
# A command's state.
admin-meter-command-queued = en file d’attente : attend le prochain message du compteur
admin-meter-command-sent = envoyée : en attente de l’accusé de réception du compteur
admin-meter-command-acknowledged = confirmée par le compteur
admin-meter-command-failed = échouée
admin-meter-command-expired = expirée : le compteur n’a pas répondu à temps
admin-meter-command-unconfirmed = envoyée, non confirmée : consultez le compteur et indiquez s’il a bien reçu le crédit
# Button: the operator read the meter and it shows the credit.
admin-meter-settle-took = Le compteur affiche ce crédit
# Button: the operator read the meter and it does not show the credit.
admin-meter-settle-not-took = Le compteur ne l’affiche pas

## Network

admin-meter-network = Réseau
# $network is a network server's name (ChirpStack, The Things Stack); $application and
# $device are its names for the application and the device.
admin-meter-route = Communique via { $network }, application { $application }, appareil { $device } ; ses commandes repartent par le même chemin.
admin-meter-route-own-gateways = Communique via les passerelles de cette installation (ou n’a encore rien transmis).
# Heading of the list of messages the network server sent about the meter.
admin-meter-network-log = Messages du réseau

## Charts

admin-meter-use-per-day = Consommation par jour, 30 derniers jours
admin-meter-use-per-month = Consommation par mois, 12 derniers mois

## Latest readings

admin-meter-latest-readings = Derniers relevés
# Column headings.
admin-meter-readings-time = Date
admin-meter-readings-reading = Relevé
admin-meter-readings-valve = Vanne
# The battery's voltage in millivolts (mV).
admin-meter-readings-battery = Batterie (mV)
# Received signal strength; usually kept as it is.
admin-meter-readings-rssi = RSSI

## Payments

admin-meter-payments = Paiements
# $order is the order's number.
admin-meter-order-refunded = Paiement { $order } remboursé.
# $receipt is the payment provider's receipt number.
admin-meter-order-receipt = reçu { $receipt }
# $payer is who paid (a phone number or name).
admin-meter-order-payer = payé par { $payer }
# An order's state, once refunded.
admin-meter-order-refunded-state = remboursé
# Button: asks the payment provider again how the order stands.
admin-meter-recheck = Interroger à nouveau le service de paiement
# Button.
admin-meter-refund = Rembourser
# Asked before refunding; $amount is money ("KES 20.00"), $order the order's number.
admin-meter-refund-question = Rembourser { $amount } du paiement { $order } ? Le solde diminuera d’autant.
# Button that answers the question and refunds.
admin-meter-refund-answer = Oui, rembourser
admin-meter-refund-reason = Motif du remboursement
# Example reason in the empty field.
admin-meter-refund-reason-placeholder = payé deux fois au guichet
# $kinds lists the alerts' kinds.
admin-meter-alerts = Alertes sur ce compteur : { $count } ({ $kinds })
