### Operator portal: one meter's page (archive, valve, lifecycle, network,
### charts, latest readings, payments).

## Page

# Shown when the address names no meter.
admin-meter-not-found = meter not found
# Page heading; $serial is the meter's serial number.
admin-meter-heading = Meter { $serial }

## The meter's archive (labels of a list of facts)

admin-meter-fact-customer = Customer
admin-meter-fact-household = Household
admin-meter-fact-phone = Phone
admin-meter-fact-address = Address
admin-meter-fact-area = Area
# The LoRaWAN device identifier; usually kept as it is.
admin-meter-fact-dev-eui = DevEUI
# The NB-IoT device identifier; usually kept as it is.
admin-meter-fact-imei = IMEI
# The meter's equipment model.
admin-meter-fact-model = Model
# Water, electricity, …
admin-meter-fact-energy = Energy
# How the meter pays: prepaid or postpaid.
admin-meter-fact-payment = Payment
admin-meter-fact-price-plan = Price plan
# The meter's register (its total count).
admin-meter-fact-reading = Reading
admin-meter-fact-balance = Balance
admin-meter-fact-overdraft-limit = Overdraft limit
admin-meter-fact-valve = Valve
admin-meter-fact-status = Status
# When the meter last reported.
admin-meter-fact-last-read = Last read

# Value of "Payment": the platform keeps the balance and charges use.
admin-meter-pay-mode-prepaid = Prepaid
# Value of "Payment": billed monthly.
admin-meter-pay-mode-postpaid = Postpaid
# Value of "Status".
admin-meter-status-active = Active
# Value of "Status": the meter was removed (it can be recovered).
admin-meter-status-removed = Removed

# Part of the price plan's line, after the plan's name; $flat is a unit price.
admin-meter-tariff-flat = flat { $flat }
# Part of the price plan's line, after the plan's name: the unit prices of a
# time-of-use tariff's four periods.
admin-meter-tariff-time-of-use = flat { $flat } / peak { $peak } / valley { $valley } / tip { $tip }

## Lifecycle

admin-meter-lifecycle = Lifecycle
# Button.
admin-meter-remove = Remove meter
# Asked before the meter is removed.
admin-meter-remove-question = Remove this meter? It is no longer charged or commanded; its history stays, and it can be recovered.
# Button that answers the question and removes the meter.
admin-meter-remove-answer = Remove the meter
# Button.
admin-meter-recover = Recover meter
# Label of the field for the DevEUI of the device that replaces the meter's.
admin-meter-replacement-dev-eui = New device DevEUI
# Button.
admin-meter-replace-device = Replace device

## Valve

admin-meter-valve = Valve
# Followed by what the valve is doing ("Open", "Closing… (until the meter confirms)").
admin-meter-valve-now = Valve:
admin-meter-valve-closing = Closing… (until the meter confirms)
admin-meter-valve-opening = Opening… (until the meter confirms)
# Button.
admin-meter-close-valve = Close valve
# Asked before the valve is closed; $who is the customer's name.
admin-meter-close-question = Close the valve of { $who }'s meter? Their supply stops until the valve is opened again.
# Button that answers the question and closes the valve.
admin-meter-close-valve-answer = Close the valve now
# Button.
admin-meter-open-valve = Open valve
# $command is the number of the command already queued.
admin-meter-already-queued = That order is on its way already (command #{ $command }): nothing more was queued.

## Latest commands

admin-meter-latest-commands = Latest commands
admin-meter-no-commands = No commands yet.
# A command's state.
admin-meter-command-queued = queued: waits for the meter's next uplink
admin-meter-command-sent = sent: waiting for the meter's acknowledgement
admin-meter-command-acknowledged = acknowledged by the meter
admin-meter-command-failed = failed
admin-meter-command-expired = expired: the meter did not answer in time
admin-meter-command-unconfirmed = sent, not confirmed: read the meter to say whether it took the credit
# Button: the operator read the meter and it shows the credit.
admin-meter-settle-took = The meter shows this credit
# Button: the operator read the meter and it does not show the credit.
admin-meter-settle-not-took = The meter does not show it

## Network

admin-meter-network = Network
# $network is a network server's name (ChirpStack, The Things Stack); $application and
# $device are its names for the application and the device.
admin-meter-route = Reports through { $network }, application { $application }, device { $device }; its commands go back that way.
admin-meter-route-own-gateways = Reports through this installation's own gateways (or has not reported yet).
# Heading of the list of messages the network server sent about the meter.
admin-meter-network-log = What the network said

## Charts

admin-meter-use-per-day = Use per day, last 30 days
admin-meter-use-per-month = Use per month, last 12 months

## Latest readings

admin-meter-latest-readings = Latest readings
# Column headings.
admin-meter-readings-time = Time
admin-meter-readings-reading = Reading
admin-meter-readings-valve = Valve
# The battery's voltage in millivolts (mV).
admin-meter-readings-battery = Battery mV
# Received signal strength; usually kept as it is.
admin-meter-readings-rssi = RSSI

## Payments

admin-meter-payments = Payments
# $order is the order's number.
admin-meter-order-refunded = Order { $order } refunded.
# $receipt is the payment provider's receipt number.
admin-meter-order-receipt = receipt { $receipt }
# $payer is who paid (a phone number or name).
admin-meter-order-payer = from { $payer }
# An order's state, once refunded.
admin-meter-order-refunded-state = refunded
# Button: asks the payment provider again how the order stands.
admin-meter-recheck = Ask the provider again
# Button.
admin-meter-refund = Refund
# Asked before refunding; $amount is money ("KES 20.00"), $order the order's number.
admin-meter-refund-question = Refund { $amount } of order { $order }? The balance goes down by as much.
# Button that answers the question and refunds.
admin-meter-refund-answer = Refund it
admin-meter-refund-reason = Reason for the refund
# Example reason in the empty field.
admin-meter-refund-reason-placeholder = paid twice at the desk
# $kinds lists the alerts' kinds.
admin-meter-alerts = Alerts on this meter: { $count } ({ $kinds })
