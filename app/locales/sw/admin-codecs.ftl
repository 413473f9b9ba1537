# The operator portal's device codecs (app/src/ui/pages/admin/codecs.rs):
# a device model's own JavaScript codec, tried on a sample payload, saved.

## The codec page

admin-codecs-heading = Kodeki za vifaa
# Each variable is a piece of code, shown as code: put each where the sentence
# needs it. $decode is decodeUplink(input), $decoded is {data}, $encode is
# encodeDownlink(input), $encoded is {bytes, fPort}; $register, $valve,
# $battery-mv, $battery, $alarms and $acks are the fields the platform reads
# from the codec's output, $data.
admin-codecs-intro = Modeli ya kifaa inaweza kuwa na kodeki yake yenyewe ya JavaScript, kama zinavyoandikwa kwenye hifadhi ya vifaa ya The Things Stack na ChirpStack: { $decode } hurudisha { $decoded } na { $encode } hurudisha { $encoded }. Mfumo husoma { $register }, { $valve }, { $battery-mv } (au { $battery } kwa volti), { $alarms } na { $acks } kutoka { $data } (docs/codec.md). Bila kodeki yake, kodeki ya mfumo husoma mita za modeli hiyo.
admin-codecs-model = Modeli ya kifaa
# The first entry of the list of device models.
admin-codecs-choose-model = Chagua modeli
admin-codecs-script = Kodeki (JavaScript)
# The LoRaWAN port the sample payload came on; usually kept as it is.
admin-codecs-port = fPort
admin-codecs-port-invalid = lazima iwe namba kati ya 1 na 223
admin-codecs-sample = Sampuli ya data ya ujumbe (hex)
# Button: runs the codec on the sample payload, saving nothing.
admin-codecs-try = Ijaribu
# Button.
admin-codecs-save = Hifadhi kwa modeli hii
# Button: the model goes back to the platform's own codec.
admin-codecs-built-in = Tumia kodeki ya mfumo
# $reading is what the codec's output says, e.g. "register 12.3450, valve open".
admin-codecs-reads = Mfumo unasoma: { $reading }
admin-codecs-saved = Imehifadhiwa: mita za modeli hii zitasomwa kwa kodeki hii kuanzia ripoti yao inayofuata.
