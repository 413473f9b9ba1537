### Operator portal: one meter's page (archive, valve, lifecycle, network,
### charts, latest readings, payments).

## Page

# Shown when the address names no meter.
admin-meter-not-found = mita haikupatikana
# Page heading; $serial is the meter's serial number.
admin-meter-heading = Mita { $serial }

## The meter's archive (labels of a list of facts)

admin-meter-fact-customer = Mteja
admin-meter-fact-household = Kaya
admin-meter-fact-phone = Simu
admin-meter-fact-address = Anwani
admin-meter-fact-area = Eneo
# The LoRaWAN device identifier; usually kept as it is.
admin-meter-fact-dev-eui = DevEUI
# The NB-IoT device identifier; usually kept as it is.
admin-meter-fact-imei = IMEI
# The meter's equipment model.
admin-meter-fact-model = Modeli
# Water, electricity, …
admin-meter-fact-energy = Nishati
# How the meter pays: prepaid or postpaid.
admin-meter-fact-payment = Malipo
admin-meter-fact-price-plan = Mpango wa bei
# The meter's register (its total count).
admin-meter-fact-reading = Usomaji
admin-meter-fact-balance = Salio
admin-meter-fact-overdraft-limit = Kikomo cha deni
admin-meter-fact-valve = Vali
admin-meter-fact-status = Hali
# When the meter last reported.
admin-meter-fact-last-read = Usomaji wa mwisho

# Value of "Payment": the platform keeps the balance and charges use.
admin-meter-pay-mode-prepaid = Kulipia kabla
# Value of "Payment": billed monthly.
admin-meter-pay-mode-postpaid = Kulipia baadaye
# Value of "Status".
admin-meter-status-active = Inatumika
# Value of "Status": the meter was removed (it can be recovered).
admin-meter-status-removed = Imeondolewa

# Part of the price plan's line, after the plan's name; $flat is a unit price.
admin-meter-tariff-flat = bei moja { $flat }
# Part of the price plan's line, after the plan's name: the unit prices of a
# time-of-use tariff's four periods.
admin-meter-tariff-time-of-use = kawaida { $flat } / kilele { $peak } / chini { $valley } / kilele kikuu { $tip }

## Lifecycle

admin-meter-lifecycle = Mzunguko wa maisha
# Button.
admin-meter-remove = Ondoa mita
# Asked before the meter is removed.
admin-meter-remove-question = Ondoa mita hii? Haitatozwa tena wala kupokea amri; historia yake inabaki, na inaweza kurejeshwa.
# Button that answers the question and removes the meter.
admin-meter-remove-answer = Ndiyo, ondoa mita
# Button.
admin-meter-recover = Rejesha mita
# Label of the field for the DevEUI of the device that replaces the meter's.
admin-meter-replacement-dev-eui = DevEUI ya kifaa kipya
# Button.
admin-meter-replace-device = Badilisha kifaa

## Valve

admin-meter-valve = Vali
# Followed by what the valve is doing ("Open", "Closing… (until the meter confirms)").
admin-meter-valve-now = Vali:
admin-meter-valve-closing = Inafunga… (hadi mita ithibitishe)
admin-meter-valve-opening = Inafungua… (hadi mita ithibitishe)
# Button.
admin-meter-close-valve = Funga vali
# Asked before the valve is closed; $who is the customer's name.
admin-meter-close-question = Funga vali ya mita ya { $who }? Huduma yake itakatika hadi vali ifunguliwe tena.
# Button that answers the question and closes the valve.
admin-meter-close-valve-answer = Funga vali sasa
# Button.
admin-meter-open-valve = Fungua vali
# $command is the number of the command already queued.
admin-meter-already-queued = Agizo hilo tayari liko njiani (amri #{ $command }): hakuna kingine kilichowekwa kwenye foleni.

## Latest commands

admin-meter-latest-commands = Amri za hivi karibuni
admin-meter-no-commands = Bado hakuna amri.
# A command's state.
admin-meter-command-queued = kwenye foleni: inasubiri mita itume ujumbe unaofuata
admin-meter-command-sent = imetumwa: inasubiri mita ithibitishe kupokea
admin-meter-command-acknowledged = mita imethibitisha kupokea
admin-meter-command-failed = imeshindikana
admin-meter-command-expired = muda wake umeisha: mita haikujibu kwa wakati
admin-meter-command-unconfirmed = imetumwa, haijathibitishwa: soma mita ili kujua kama ilipokea kiasi hicho
# Button: the operator read the meter and it shows the credit.
admin-meter-settle-took = Mita inaonyesha kiasi hiki
# Button: the operator read the meter and it does not show the credit.
admin-meter-settle-not-took = Mita haionyeshi kiasi hiki

## Network

admin-meter-network = Mtandao
# $network is a network server's name (ChirpStack, The Things Stack); $application and
# $device are its names for the application and the device.
admin-meter-route = Hutuma ripoti kupitia { $network }, programu { $application }, kifaa { $device }; amri zake hurudi kwa njia hiyo hiyo.
admin-meter-route-own-gateways = Hutuma ripoti kupitia malango ya mfumo huu wenyewe (au bado haijatuma ripoti).
# Heading of the list of messages the network server sent about the meter.
admin-meter-network-log = Ujumbe wa mtandao

## Charts

admin-meter-use-per-day = Matumizi kwa siku, siku 30 zilizopita
admin-meter-use-per-month = Matumizi kwa mwezi, miezi 12 iliyopita

## Latest readings

admin-meter-latest-readings = Usomaji wa hivi karibuni
# Column headings.
admin-meter-readings-time = Wakati
admin-meter-readings-reading = Usomaji
admin-meter-readings-valve = Vali
# The battery's voltage in millivolts (mV).
admin-meter-readings-battery = Betri mV
# Received signal strength; usually kept as it is.
admin-meter-readings-rssi = RSSI

## Payments

admin-meter-payments = Malipo
# $order is the order's number.
admin-meter-order-refunded = Pesa za malipo { $order } zimerejeshwa.
# $receipt is the payment provider's receipt number.
admin-meter-order-receipt = risiti { $receipt }
# $payer is who paid (a phone number or name).
admin-meter-order-payer = kutoka kwa { $payer }
# An order's state, once refunded.
admin-meter-order-refunded-state = pesa zimerejeshwa
# Button: asks the payment provider again how the order stands.
admin-meter-recheck = Uliza mtoa huduma tena
# Button.
admin-meter-refund = Rejesha pesa
# Asked before refunding; $amount is money ("KES 20.00"), $order the order's number.
admin-meter-refund-question = Rejesha { $amount } za malipo { $order }? Salio litapungua kwa kiasi hicho hicho.
# Button that answers the question and refunds.
admin-meter-refund-answer = Ndiyo, rejesha pesa
admin-meter-refund-reason = Sababu ya kurejesha pesa
# Example reason in the empty field.
admin-meter-refund-reason-placeholder = alilipa mara mbili kaunta
# $kinds lists the alerts' kinds.
admin-meter-alerts = Tahadhari kwenye mita hii: { $count } ({ $kinds })
