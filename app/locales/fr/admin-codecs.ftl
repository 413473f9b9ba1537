# The operator portal's device codecs (app/src/ui/pages/admin/codecs.rs):
# a device model's own JavaScript codec, tried on a sample payload, saved.

## The codec page

admin-codecs-heading = Codecs des appareils
# Each variable is a piece of code, shown as code: put each where the sentence
# needs it. $decode is decodeUplink(input), $decoded is {data}, $encode is
# encodeDownlink(input), $encoded is {bytes, fPort}; $register, $valve,
# $battery-mv, $battery, $alarms and $acks are the fields the platform reads
# from the codec's output, $data.
admin-codecs-intro = Un modèle d’appareil peut avoir son propre codec en JavaScript, au format du dépôt d’appareils de The Things Stack et de ChirpStack : { $decode } renvoie { $decoded } et { $encode } renvoie { $encoded }. La plateforme lit { $register }, { $valve }, { $battery-mv } (ou { $battery } en volts), { $alarms } et { $acks } dans { $data } (docs/codec.md). Sans codec propre, le codec intégré lit les compteurs du modèle.
admin-codecs-model = Modèle d’appareil
# The first entry of the list of device models.
admin-codecs-choose-model = Choisissez un modèle
admin-codecs-script = Codec (JavaScript)
# The LoRaWAN port the sample payload came on; usually kept as it is.
admin-codecs-port = fPort
admin-codecs-port-invalid = doit être un nombre compris entre 1 et 223
admin-codecs-sample = Exemple de charge utile (hex)
# Button: runs the codec on the sample payload, saving nothing.
admin-codecs-try = Tester
# Button.
admin-codecs-save = Enregistrer pour ce modèle
# Button: the model goes back to the platform's own codec.
admin-codecs-built-in = Utiliser le codec intégré
# $reading is what the codec's output says, e.g. "register 12.3450, valve open".
admin-codecs-reads = La plateforme lit : { $reading }
admin-codecs-saved = Enregistré : les compteurs de ce modèle seront lus avec ce codec dès leur prochain envoi de données.
