# The operator portal's radio pages: gateways, the command queue and
# LoRaWAN device registration (app/src/ui/pages/admin/radio.rs).
# EUI, DevEUI, JoinEUI, AppKey, DevAddr, AppSKey, NwkSKey, ABP and OTAA are
# LoRaWAN terms: they are usually kept as they are.

## Gateways

admin-radio-gateways = Passerelles
admin-radio-gateways-col-name = Nom
admin-radio-gateways-col-eui = EUI
admin-radio-gateways-col-type = Type
admin-radio-gateways-col-region = Région
admin-radio-gateways-col-state = État
admin-radio-gateways-col-last-seen = Dernier contact
# A gateway's state in the table.
admin-radio-online = en ligne
admin-radio-offline = hors ligne

## Adding a gateway

admin-radio-add-heading = Ajouter une passerelle
admin-radio-add-eui = EUI de la passerelle
# Placeholder of the gateway EUI input.
admin-radio-add-eui-hint = 16 chiffres hexadécimaux
admin-radio-add-name = Nom
admin-radio-add-type = Type
# eu868 and cn470 are region codes: keep them as they are.
admin-radio-add-region = Région (eu868, cn470…)
admin-radio-add-subnet = Sous-réseau
# Button.
admin-radio-add-gateway = Ajouter la passerelle
admin-radio-gateway-added = Passerelle ajoutée.

## Changing a gateway

admin-radio-change-heading = Modifier une passerelle
admin-radio-change-blank-keeps = Les champs laissés vides gardent leur valeur.
admin-radio-change-eui = EUI de la passerelle à modifier
admin-radio-change-name = Nouveau nom
admin-radio-change-type = Nouveau type
admin-radio-change-region = Nouvelle région
admin-radio-change-subnet = Nouveau sous-réseau
# Button.
admin-radio-save-gateway = Enregistrer la passerelle
admin-radio-gateway-changed = Passerelle modifiée.

## The command queue

admin-radio-commands = File des commandes
# Label of the row of links that filter the queue by a command's state.
admin-radio-commands-states = États des commandes
# Link: the queue with commands of every state.
admin-radio-commands-all = Toutes
# $n is how many commands the filter matches; followed by " · " and the page.
admin-radio-commands-count = Commandes : { $n }
# $number is the page shown, $pages how many there are.
admin-radio-commands-page = page { $number } sur { $pages }
admin-radio-commands-col-meter = Compteur
admin-radio-commands-col-customer = Client
admin-radio-commands-col-command = Commande
admin-radio-commands-col-state = État
admin-radio-commands-col-result = Résultat
# Who queued the command.
admin-radio-commands-col-by = Par
# When the command was queued.
admin-radio-commands-col-queued = Mise en file
admin-radio-commands-col-expires = Expiration

## Registering a LoRaWAN device

admin-radio-devices-heading = Enregistrer un appareil LoRaWAN
admin-radio-devices-intro = La fiche du compteur se crée sur la page Compteurs avec le même DevEUI ; ici, on enregistre sa session radio (ABP) ou la clé avec laquelle il rejoint le réseau (OTAA).
# How the device joins the network: by session keys (ABP) or over the air (OTAA).
admin-radio-devices-activation = Activation
admin-radio-devices-abp = ABP (clés de session)
admin-radio-devices-otaa = OTAA (rejoint le réseau par radio)
admin-radio-devices-dev-eui = DevEUI
admin-radio-devices-name = Nom de l’appareil
admin-radio-devices-region = Région
admin-radio-devices-subnet = Sous-réseau
admin-radio-devices-join-eui = JoinEUI (16 chiffres hexadécimaux ; vide : n’importe lequel)
admin-radio-devices-app-key = AppKey (32 chiffres hexadécimaux)
admin-radio-devices-dev-addr = DevAddr (8 chiffres hexadécimaux)
admin-radio-devices-app-s-key = AppSKey (32 chiffres hexadécimaux)
admin-radio-devices-nwk-s-key = NwkSKey (32 chiffres hexadécimaux)
# Button.
admin-radio-devices-register = Enregistrer l’appareil
admin-radio-device-registered = Appareil enregistré. Ses clés sont conservées et ne seront plus affichées.
