# The operator portal's radio pages: gateways, the command queue and
# LoRaWAN device registration (app/src/ui/pages/admin/radio.rs).
# EUI, DevEUI, JoinEUI, AppKey, DevAddr, AppSKey, NwkSKey, ABP and OTAA are
# LoRaWAN terms: they are usually kept as they are.

## Gateways

admin-radio-gateways = Gateways
admin-radio-gateways-col-name = Name
admin-radio-gateways-col-eui = EUI
admin-radio-gateways-col-type = Type
admin-radio-gateways-col-region = Region
admin-radio-gateways-col-state = State
admin-radio-gateways-col-last-seen = Last seen
# A gateway's state in the table.
admin-radio-online = online
admin-radio-offline = offline

## Adding a gateway

admin-radio-add-heading = Add a gateway
admin-radio-add-eui = Gateway EUI
# Placeholder of the gateway EUI input.
admin-radio-add-eui-hint = 16 hex digits
admin-radio-add-name = Name
admin-radio-add-type = Type
# eu868 and cn470 are region codes: keep them as they are.
admin-radio-add-region = Region (eu868, cn470, ...)
admin-radio-add-subnet = Subnet
# Button.
admin-radio-add-gateway = Add gateway
admin-radio-gateway-added = Gateway added.

## Changing a gateway

admin-radio-change-heading = Change a gateway
admin-radio-change-blank-keeps = Blank fields keep their value.
admin-radio-change-eui = Gateway EUI to change
admin-radio-change-name = New name
admin-radio-change-type = New type
admin-radio-change-region = New region
admin-radio-change-subnet = New subnet
# Button.
admin-radio-save-gateway = Save gateway
admin-radio-gateway-changed = Gateway changed.

## The command queue

admin-radio-commands = Command queue
# Label of the row of links that filter the queue by a command's state.
admin-radio-commands-states = Command states
# Link: the queue with commands of every state.
admin-radio-commands-all = All
# $n is how many commands the filter matches; followed by " · " and the page.
admin-radio-commands-count = Commands: { $n }
# $number is the page shown, $pages how many there are.
admin-radio-commands-page = page { $number } of { $pages }
admin-radio-commands-col-meter = Meter
admin-radio-commands-col-customer = Customer
admin-radio-commands-col-command = Command
admin-radio-commands-col-state = State
admin-radio-commands-col-result = Result
# Who queued the command.
admin-radio-commands-col-by = By
# When the command was queued.
admin-radio-commands-col-queued = Queued
admin-radio-commands-col-expires = Expires

## Registering a LoRaWAN device

admin-radio-devices-heading = Register a LoRaWAN device
admin-radio-devices-intro = The meter's archive is added on the Meters page with the same DevEUI; this stores its radio session (ABP) or the key it joins with (OTAA).
# How the device joins the network: by session keys (ABP) or over the air (OTAA).
admin-radio-devices-activation = Activation
admin-radio-devices-abp = ABP (session keys)
admin-radio-devices-otaa = OTAA (joins over the air)
admin-radio-devices-dev-eui = DevEUI
admin-radio-devices-name = Device name
admin-radio-devices-region = Region
admin-radio-devices-subnet = Subnet
admin-radio-devices-join-eui = JoinEUI (16 hex digits; empty: any)
admin-radio-devices-app-key = AppKey (32 hex digits)
admin-radio-devices-dev-addr = DevAddr (8 hex digits)
admin-radio-devices-app-s-key = AppSKey (32 hex digits)
admin-radio-devices-nwk-s-key = NwkSKey (32 hex digits)
# Button.
admin-radio-devices-register = Register device
admin-radio-device-registered = Device registered. Its keys are stored and will not be shown again.
