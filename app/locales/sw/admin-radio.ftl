# The operator portal's radio pages: gateways, the command queue and
# LoRaWAN device registration (app/src/ui/pages/admin/radio.rs).
# EUI, DevEUI, JoinEUI, AppKey, DevAddr, AppSKey, NwkSKey, ABP and OTAA are
# LoRaWAN terms: they are usually kept as they are.

## Gateways

admin-radio-gateways = Malango
admin-radio-gateways-col-name = Jina
admin-radio-gateways-col-eui = EUI
admin-radio-gateways-col-type = Aina
admin-radio-gateways-col-region = Kanda
admin-radio-gateways-col-state = Hali
admin-radio-gateways-col-last-seen = Ilionekana mwisho
# A gateway's state in the table.
admin-radio-online = mtandaoni
admin-radio-offline = nje ya mtandao

## Adding a gateway

admin-radio-add-heading = Ongeza lango
admin-radio-add-eui = EUI ya lango
# Placeholder of the gateway EUI input.
admin-radio-add-eui-hint = tarakimu 16 za hex
admin-radio-add-name = Jina
admin-radio-add-type = Aina
# eu868 and cn470 are region codes: keep them as they are.
admin-radio-add-region = Kanda (eu868, cn470, …)
admin-radio-add-subnet = Subnet
# Button.
admin-radio-add-gateway = Ongeza lango
admin-radio-gateway-added = Lango limeongezwa.

## Changing a gateway

admin-radio-change-heading = Badilisha lango
admin-radio-change-blank-keeps = Sehemu zilizoachwa wazi hubaki na thamani zake.
admin-radio-change-eui = EUI ya lango la kubadilisha
admin-radio-change-name = Jina jipya
admin-radio-change-type = Aina mpya
admin-radio-change-region = Kanda mpya
admin-radio-change-subnet = Subnet mpya
# Button.
admin-radio-save-gateway = Hifadhi lango
admin-radio-gateway-changed = Lango limebadilishwa.

## The command queue

admin-radio-commands = Foleni ya amri
# Label of the row of links that filter the queue by a command's state.
admin-radio-commands-states = Hali za amri
# Link: the queue with commands of every state.
admin-radio-commands-all = Zote
# $n is how many commands the filter matches; followed by " · " and the page.
admin-radio-commands-count = Amri: { $n }
# $number is the page shown, $pages how many there are.
admin-radio-commands-page = ukurasa { $number } kati ya { $pages }
admin-radio-commands-col-meter = Mita
admin-radio-commands-col-customer = Mteja
admin-radio-commands-col-command = Amri
admin-radio-commands-col-state = Hali
admin-radio-commands-col-result = Matokeo
# Who queued the command.
admin-radio-commands-col-by = Aliyeweka
# When the command was queued.
admin-radio-commands-col-queued = Iliwekwa
admin-radio-commands-col-expires = Muda unaisha

## Registering a LoRaWAN device

admin-radio-devices-heading = Sajili kifaa cha LoRaWAN
admin-radio-devices-intro = Taarifa za mita huongezwa kwenye ukurasa wa Mita kwa DevEUI ileile; hapa unahifadhi kipindi chake cha redio (ABP) au ufunguo wake wa kujiunga (OTAA).
# How the device joins the network: by session keys (ABP) or over the air (OTAA).
admin-radio-devices-activation = Uwezeshaji
admin-radio-devices-abp = ABP (funguo za kipindi)
admin-radio-devices-otaa = OTAA (hujiunga hewani)
admin-radio-devices-dev-eui = DevEUI
admin-radio-devices-name = Jina la kifaa
admin-radio-devices-region = Kanda
admin-radio-devices-subnet = Subnet
admin-radio-devices-join-eui = JoinEUI (tarakimu 16 za hex; ikiachwa wazi: yoyote)
admin-radio-devices-app-key = AppKey (tarakimu 32 za hex)
admin-radio-devices-dev-addr = DevAddr (tarakimu 8 za hex)
admin-radio-devices-app-s-key = AppSKey (tarakimu 32 za hex)
admin-radio-devices-nwk-s-key = NwkSKey (tarakimu 32 za hex)
# Button.
admin-radio-devices-register = Sajili kifaa
admin-radio-device-registered = Kifaa kimesajiliwa. Funguo zake zimehifadhiwa na hazitaonyeshwa tena.
