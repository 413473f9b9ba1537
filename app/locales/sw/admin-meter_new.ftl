### Operator portal: adding a meter.

## Page

admin-meter-new-heading = Ongeza mita
# Link to the new meter's page, under the new household's welcome slip.
admin-meter-new-open-meter = Fungua ukurasa wa mita

## Form

# LoRaWAN's device identifier; "DevEUI" and "LoRaWAN" are usually kept as they are.
admin-meter-new-dev-eui = DevEUI (LoRaWAN)
admin-meter-new-dev-eui-placeholder = tarakimu 16 za hex
# NB-IoT's device identifier; "IMEI" and "NB-IoT" are usually kept as they are.
admin-meter-new-imei = IMEI (NB-IoT)
admin-meter-new-imei-placeholder = tarakimu 15
admin-meter-new-customer-name = Jina la mteja
admin-meter-new-customer-phone = Simu ya mteja
admin-meter-new-customer-address = Anwani ya mteja
admin-meter-new-area = Eneo
admin-meter-new-price-plan = Mpango wa bei
admin-meter-new-equipment-model = Modeli ya kifaa
# First choice of "Equipment model": no model chosen, the default one of the price plan's energy type.
admin-meter-new-model-default = Modeli ya kawaida ya nishati ya mpango
# How the meter pays: prepaid or postpaid.
admin-meter-new-payment = Malipo
admin-meter-new-prepaid = Kulipia kabla (salio hutunzwa na mfumo)
admin-meter-new-postpaid = Kulipia baadaye (bili kila mwezi)
# The balance the meter starts with.
admin-meter-new-opening-balance = Salio la kuanzia
# The balance below which the valve closes.
admin-meter-new-overdraft-limit = Kikomo cha deni (vali hufungwa salio likishuka chini yake)
# The meter's register when it is added.
admin-meter-new-initial-reading = Usomaji wa kuanzia
# Button.
admin-meter-new-add = Ongeza mita
# The button while the meter is being added.
admin-meter-new-adding = Inaongeza…

## Errors (shown after the field's name)

# A list (area, price plan, model) has no valid choice.
admin-meter-new-choose-one = chagua kimoja
admin-meter-new-no-device = weka DevEUI au IMEI
