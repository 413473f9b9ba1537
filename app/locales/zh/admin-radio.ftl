# The operator portal's radio pages: gateways, the command queue and
# LoRaWAN device registration (app/src/ui/pages/admin/radio.rs).
# EUI, DevEUI, JoinEUI, AppKey, DevAddr, AppSKey, NwkSKey, ABP and OTAA are
# LoRaWAN terms: they are usually kept as they are.

## Gateways

admin-radio-gateways = 网关
admin-radio-gateways-col-name = 名称
admin-radio-gateways-col-eui = EUI
admin-radio-gateways-col-type = 类型
admin-radio-gateways-col-region = 频段
admin-radio-gateways-col-state = 状态
admin-radio-gateways-col-last-seen = 最后在线
# A gateway's state in the table.
admin-radio-online = 在线
admin-radio-offline = 离线

## Adding a gateway

admin-radio-add-heading = 添加网关
admin-radio-add-eui = 网关 EUI
# Placeholder of the gateway EUI input.
admin-radio-add-eui-hint = 16 位十六进制数
admin-radio-add-name = 名称
admin-radio-add-type = 类型
# eu868 and cn470 are region codes: keep them as they are.
admin-radio-add-region = 频段（eu868、cn470 等）
admin-radio-add-subnet = 子网
# Button.
admin-radio-add-gateway = 添加网关
admin-radio-gateway-added = 网关已添加。

## Changing a gateway

admin-radio-change-heading = 修改网关
admin-radio-change-blank-keeps = 留空的字段保持原值。
admin-radio-change-eui = 要修改的网关 EUI
admin-radio-change-name = 新名称
admin-radio-change-type = 新类型
admin-radio-change-region = 新频段
admin-radio-change-subnet = 新子网
# Button.
admin-radio-save-gateway = 保存网关
admin-radio-gateway-changed = 网关已修改。

## The command queue

admin-radio-commands = 指令队列
# Label of the row of links that filter the queue by a command's state.
admin-radio-commands-states = 指令状态
# Link: the queue with commands of every state.
admin-radio-commands-all = 全部
# $n is how many commands the filter matches; followed by " · " and the page.
admin-radio-commands-count = 指令：{ $n } 条
# $number is the page shown, $pages how many there are.
admin-radio-commands-page = 第 { $number } / { $pages } 页
admin-radio-commands-col-meter = 表具
admin-radio-commands-col-customer = 客户
admin-radio-commands-col-command = 指令
admin-radio-commands-col-state = 状态
admin-radio-commands-col-result = 结果
# Who queued the command.
admin-radio-commands-col-by = 操作人
# When the command was queued.
admin-radio-commands-col-queued = 入队时间
admin-radio-commands-col-expires = 过期时间

## Registering a LoRaWAN device

admin-radio-devices-heading = 注册 LoRaWAN 设备
admin-radio-devices-intro = 表具档案需在“表具”页面用相同的 DevEUI 添加；这里保存设备的无线会话（ABP）或入网密钥（OTAA）。
# How the device joins the network: by session keys (ABP) or over the air (OTAA).
admin-radio-devices-activation = 激活方式
admin-radio-devices-abp = ABP（会话密钥）
admin-radio-devices-otaa = OTAA（空中入网）
admin-radio-devices-dev-eui = DevEUI
admin-radio-devices-name = 设备名称
admin-radio-devices-region = 频段
admin-radio-devices-subnet = 子网
admin-radio-devices-join-eui = JoinEUI（16 位十六进制数；留空表示任意）
admin-radio-devices-app-key = AppKey（32 位十六进制数）
admin-radio-devices-dev-addr = DevAddr（8 位十六进制数）
admin-radio-devices-app-s-key = AppSKey（32 位十六进制数）
admin-radio-devices-nwk-s-key = NwkSKey（32 位十六进制数）
# Button.
admin-radio-devices-register = 注册设备
admin-radio-device-registered = 设备已注册。密钥已保存，之后不会再显示。
