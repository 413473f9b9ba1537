### Operator portal: adding a meter.

## Page

admin-meter-new-heading = Add a meter
# Link to the new meter's page, under the new household's welcome slip.
admin-meter-new-open-meter = Open the meter

## Form

# LoRaWAN's device identifier; "DevEUI" and "LoRaWAN" are usually kept as they are.
admin-meter-new-dev-eui = DevEUI (LoRaWAN)
admin-meter-new-dev-eui-placeholder = 16 hex digits
# NB-IoT's device identifier; "IMEI" and "NB-IoT" are usually kept as they are.
admin-meter-new-imei = IMEI (NB-IoT)
admin-meter-new-imei-placeholder = 15 digits
admin-meter-new-customer-name = Customer name
admin-meter-new-customer-phone = Customer phone
admin-meter-new-customer-address = Customer address
admin-meter-new-area = Area
admin-meter-new-price-plan = Price plan
admin-meter-new-equipment-model = Equipment model
# First choice of "Equipment model": no model chosen, the default one of the price plan's energy type.
admin-meter-new-model-default = The plan's energy type default
# How the meter pays: prepaid or postpaid.
admin-meter-new-payment = Payment
admin-meter-new-prepaid = Prepaid (balance kept by the platform)
admin-meter-new-postpaid = Postpaid (billed monthly)
# The balance the meter starts with.
admin-meter-new-opening-balance = Opening balance
# The balance below which the valve closes.
admin-meter-new-overdraft-limit = Overdraft limit (valve closes below)
# The meter's register when it is added.
admin-meter-new-initial-reading = Initial reading
# Button.
admin-meter-new-add = Add meter
# The button while the meter is being added.
admin-meter-new-adding = Adding…

## Errors (shown after the field's name)

# A list (area, price plan, model) has no valid choice.
admin-meter-new-choose-one = choose one
admin-meter-new-no-device = give a DevEUI or an IMEI
