### Operator portal: adding a meter.

## Page

admin-meter-new-heading = Ajouter un compteur
# Link to the new meter's page, under the new household's welcome slip.
admin-meter-new-open-meter = Voir le compteur

## Form

# LoRaWAN's device identifier; "DevEUI" and "LoRaWAN" are usually kept as they are.
admin-meter-new-dev-eui = DevEUI (LoRaWAN)
admin-meter-new-dev-eui-placeholder = 16 chiffres hexadécimaux
# NB-IoT's device identifier; "IMEI" and "NB-IoT" are usually kept as they are.
admin-meter-new-imei = IMEI (NB-IoT)
admin-meter-new-imei-placeholder = 15 chiffres
admin-meter-new-customer-name = Nom du client
admin-meter-new-customer-phone = Téléphone du client
admin-meter-new-customer-address = Adresse du client
admin-meter-new-area = Zone
admin-meter-new-price-plan = Tarif
admin-meter-new-equipment-model = Modèle d’équipement
# First choice of "Equipment model": no model chosen, the default one of the price plan's energy type.
admin-meter-new-model-default = Modèle par défaut selon l’énergie du tarif
# How the meter pays: prepaid or postpaid.
admin-meter-new-payment = Paiement
admin-meter-new-prepaid = Prépayé (solde tenu par la plateforme)
admin-meter-new-postpaid = Postpayé (facturé chaque mois)
# The balance the meter starts with.
admin-meter-new-opening-balance = Solde initial
# The balance below which the valve closes.
admin-meter-new-overdraft-limit = Découvert autorisé (la vanne se ferme en dessous)
# The meter's register when it is added.
admin-meter-new-initial-reading = Relevé initial
# Button.
admin-meter-new-add = Ajouter le compteur
# The button while the meter is being added.
admin-meter-new-adding = Ajout en cours…

## Errors (shown after the field's name)

# A list (area, price plan, model) has no valid choice.
admin-meter-new-choose-one = faites un choix
admin-meter-new-no-device = indiquez un DevEUI ou un IMEI
