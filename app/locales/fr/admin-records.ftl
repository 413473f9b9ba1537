### Operator portal: the readings, valve records and bills listings.

## Filters

admin-records-search = Rechercher
# Example of what can be searched for.
admin-records-search-placeholder = Nom, numéro, DevEUI
# Label of the month filter, and the bills' column heading.
admin-records-month = Mois
# Start of the date range.
admin-records-from = Du
# End of the date range.
admin-records-to = Au
# Button that applies the filters.
admin-records-show = Afficher
# Link that downloads every matching row as a CSV file.
admin-records-export-csv = Exporter en CSV

## Column headings shared by the tables

admin-records-time = Date
admin-records-customer = Client
# The kind of energy (water, electricity, …).
admin-records-type = Type

## Readings

admin-records-readings = Relevés
# $rows is how many readings match; $number is this page's number, $pages how many pages
# there are. The count may also be written as "Readings: { $rows }".
admin-records-readings-count = Relevés : { $rows } · page { $number } sur { $pages }
admin-records-meter = Compteur
# The meter's register.
admin-records-reading = Relevé
admin-records-valve = Vanne

## Valve records

admin-records-valve-records = Événements de vanne
# $rows is how many records match; $number is this page's number, $pages how many pages
# there are. The count may also be written as "Valve records: { $rows }".
admin-records-valve-records-count = Événements de vanne : { $rows } · page { $number } sur { $pages }
# What was done to the valve.
admin-records-action = Action
# Why it was done.
admin-records-cause = Cause
# Who did it.
admin-records-by = Par
# The state of the command sent to the meter.
admin-records-command = Commande
# Value of "Action".
admin-records-action-open = ouverture
# Value of "Action".
admin-records-action-close = fermeture

## Bills

admin-records-bills = Factures
# Label of the month field of billing.
admin-records-bill-month = Mois à facturer
# Button.
admin-records-run-billing = Lancer la facturation
# $created is how many bills were written; $meters how many postpaid meters were looked at.
# The counts may also be written as "Bills written: { $created }".
admin-records-billing-done = Factures créées : { $created } (compteurs postpayés examinés : { $meters }).
admin-records-billing-rest = Non facturés à nouveau : { $rest } (déjà facturés pour ce mois, ou aucun relevé ce mois-ci).
# $rows is how many bills match; $number is this page's number, $pages how many pages
# there are. The count may also be written as "Bills: { $rows }".
admin-records-bills-count = Factures : { $rows } · page { $number } sur { $pages }
# Consumption in the bill's month.
admin-records-use = Consommation
admin-records-amount = Montant
# Column heading: whether the bill is paid.
admin-records-paid = Payée
# A paid bill's state.
admin-records-bill-paid = payée
# Button.
admin-records-mark-paid = Marquer comme payée
# Asked before marking a bill paid; $customer is the customer's name, $month the bill's month.
admin-records-mark-paid-question = Marquer comme payée la facture de { $customer } pour { $month } ? À faire uniquement pour un paiement reçu en dehors de Meterline : rien n’est prélevé sur le solde.
# Button that answers the question and marks the bill paid.
admin-records-mark-paid-answer = Oui, marquer comme payée

## Friendly credit's holidays (on the valve records page)

admin-friendly-title = Crédit amical : jours fériés
admin-friendly-intro = Ces jours-là, aucune vanne n’est fermée pour un solde à découvert : la fermeture a lieu le lendemain, sauf si le foyer recharge d’ici là. Les heures et les jours de crédit amical de l’installation sont définis dans son environnement d’exécution (METERLINE_FRIENDLY_HOURS, METERLINE_FRIENDLY_DAYS).
admin-friendly-none = Aucun jour férié enregistré.
admin-friendly-day = Date
admin-friendly-name = Jour férié
admin-friendly-add = Ajouter le jour férié
admin-friendly-remove = Supprimer
# The remove button's name for screen readers; $day is the date.
admin-friendly-remove-one = Supprimer le jour férié du { $day }
# $day is the date just listed.
admin-friendly-added = { $day } est enregistré : aucune fermeture de vanne pour découvert ce jour-là.
