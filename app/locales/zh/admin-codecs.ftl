# The operator portal's device codecs (app/src/ui/pages/admin/codecs.rs):
# a device model's own JavaScript codec, tried on a sample payload, saved.

## The codec page

admin-codecs-heading = 设备编解码器
# Each variable is a piece of code, shown as code: put each where the sentence
# needs it. $decode is decodeUplink(input), $decoded is {data}, $encode is
# encodeDownlink(input), $encoded is {bytes, fPort}; $register, $valve,
# $battery-mv, $battery, $alarms and $acks are the fields the platform reads
# from the codec's output, $data.
admin-codecs-intro = 设备型号可以带有自己的 JavaScript 编解码器，写法与 The Things Stack 设备库和 ChirpStack 相同：{ $decode } 返回 { $decoded }，{ $encode } 返回 { $encoded }。平台从 { $data } 中读取 { $register }、{ $valve }、{ $battery-mv }（或以伏为单位的 { $battery }）、{ $alarms } 和 { $acks }（见 docs/codec.md）。没有自带编解码器的型号，由内置编解码器读取其表具。
admin-codecs-model = 设备型号
# The first entry of the list of device models.
admin-codecs-choose-model = 选择型号
admin-codecs-script = 编解码器（JavaScript）
# The LoRaWAN port the sample payload came on; usually kept as it is.
admin-codecs-port = fPort
admin-codecs-port-invalid = 必须是 1 到 223 之间的数字
admin-codecs-sample = 示例载荷（十六进制）
# Button: runs the codec on the sample payload, saving nothing.
admin-codecs-try = 试运行
# Button.
admin-codecs-save = 保存到此型号
# Button: the model goes back to the platform's own codec.
admin-codecs-built-in = 使用内置编解码器
# $reading is what the codec's output says, e.g. "register 12.3450, valve open".
admin-codecs-reads = 平台读取结果：{ $reading }
admin-codecs-saved = 已保存：该型号的表具从下次上报起用此编解码器读取。
