# The operator portal's device codecs (app/src/ui/pages/admin/codecs.rs):
# a device model's own JavaScript codec, tried on a sample payload, saved.

## The codec page

admin-codecs-heading = Device codecs
# Each variable is a piece of code, shown as code: put each where the sentence
# needs it. $decode is decodeUplink(input), $decoded is {data}, $encode is
# encodeDownlink(input), $encoded is {bytes, fPort}; $register, $valve,
# $battery-mv, $battery, $alarms and $acks are the fields the platform reads
# from the codec's output, $data.
admin-codecs-intro = A device model may carry its own codec in JavaScript, as The Things Stack's device repository and ChirpStack write them: { $decode } returns { $decoded } and { $encode } returns { $encoded }. The platform reads { $register }, { $valve }, { $battery-mv } (or { $battery } in volts), { $alarms } and { $acks } from { $data } (docs/codec.md). Without one, the built-in codec reads the model's meters.
admin-codecs-model = Device model
# The first entry of the list of device models.
admin-codecs-choose-model = Choose a model
admin-codecs-script = Codec (JavaScript)
# The LoRaWAN port the sample payload came on; usually kept as it is.
admin-codecs-port = fPort
admin-codecs-port-invalid = must be a number from 1 to 223
admin-codecs-sample = Sample payload (hex)
# Button: runs the codec on the sample payload, saving nothing.
admin-codecs-try = Try it
# Button.
admin-codecs-save = Save for this model
# Button: the model goes back to the platform's own codec.
admin-codecs-built-in = Use the built-in codec
# $reading is what the codec's output says, e.g. "register 12.3450, valve open".
admin-codecs-reads = The platform reads: { $reading }
admin-codecs-saved = Saved: the model's meters are read with it from their next report.
