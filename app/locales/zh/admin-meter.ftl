### Operator portal: one meter's page (archive, valve, lifecycle, network,
### charts, latest readings, payments).

## Page

# Shown when the address names no meter.
admin-meter-not-found = 未找到该表具
# Page heading; $serial is the meter's serial number.
admin-meter-heading = 表具 { $serial }

## The meter's archive (labels of a list of facts)

admin-meter-fact-customer = 客户
admin-meter-fact-household = 户号
admin-meter-fact-phone = 手机号
admin-meter-fact-address = 地址
admin-meter-fact-area = 区域
# The LoRaWAN device identifier; usually kept as it is.
admin-meter-fact-dev-eui = DevEUI
# The NB-IoT device identifier; usually kept as it is.
admin-meter-fact-imei = IMEI
# The meter's equipment model.
admin-meter-fact-model = 设备型号
# Water, electricity, …
admin-meter-fact-energy = 能源类型
# How the meter pays: prepaid or postpaid.
admin-meter-fact-payment = 付费方式
admin-meter-fact-price-plan = 价格方案
# The meter's register (its total count).
admin-meter-fact-reading = 读数
admin-meter-fact-balance = 余额
admin-meter-fact-overdraft-limit = 透支额度
admin-meter-fact-valve = 阀门
admin-meter-fact-status = 状态
# When the meter last reported.
admin-meter-fact-last-read = 上次抄表

# Value of "Payment": the platform keeps the balance and charges use.
admin-meter-pay-mode-prepaid = 预付费
# Value of "Payment": billed monthly.
admin-meter-pay-mode-postpaid = 后付费
# Value of "Status".
admin-meter-status-active = 使用中
# Value of "Status": the meter was removed (it can be recovered).
admin-meter-status-removed = 已移除

# Part of the price plan's line, after the plan's name; $flat is a unit price.
admin-meter-tariff-flat = 单一价 { $flat }
# Part of the price plan's line, after the plan's name: the unit prices of a
# time-of-use tariff's four periods.
admin-meter-tariff-time-of-use = 平 { $flat } / 峰 { $peak } / 谷 { $valley } / 尖 { $tip }

## Lifecycle

admin-meter-lifecycle = 生命周期
# Button.
admin-meter-remove = 移除表具
# Asked before the meter is removed.
admin-meter-remove-question = 确定移除此表具吗？移除后将不再计费，也不再下发指令；历史记录会保留，之后可以恢复。
# Button that answers the question and removes the meter.
admin-meter-remove-answer = 确认移除
# Button.
admin-meter-recover = 恢复表具
# Label of the field for the DevEUI of the device that replaces the meter's.
admin-meter-replacement-dev-eui = 新设备的 DevEUI
# Button.
admin-meter-replace-device = 更换设备

## Valve

admin-meter-valve = 阀门
# Followed by what the valve is doing ("Open", "Closing… (until the meter confirms)").
admin-meter-valve-now = 阀门：
admin-meter-valve-closing = 正在关闭…（等待表具确认）
admin-meter-valve-opening = 正在打开…（等待表具确认）
# Button.
admin-meter-close-valve = 关闭阀门
# Asked before the valve is closed; $who is the customer's name.
admin-meter-close-question = 确定关闭 { $who } 的表具阀门吗？关闭后将停止供应，直到阀门重新打开。
# Button that answers the question and closes the valve.
admin-meter-close-valve-answer = 立即关闭阀门
# Button.
admin-meter-open-valve = 打开阀门
# $command is the number of the command already queued.
admin-meter-already-queued = 该指令已在执行中（指令 #{ $command }），未重复下发。

## Latest commands

admin-meter-latest-commands = 最近指令
admin-meter-no-commands = 暂无指令。
# A command's state.
admin-meter-command-queued = 排队中：等待表具下次上报
admin-meter-command-sent = 已发送：等待表具确认
admin-meter-command-acknowledged = 表具已确认
admin-meter-command-failed = 失败
admin-meter-command-expired = 已过期：表具未及时响应
admin-meter-command-unconfirmed = 已发送，未确认：请查看表具，确认这笔充值是否已到账
# Button: the operator read the meter and it shows the credit.
admin-meter-settle-took = 表具已显示这笔充值
# Button: the operator read the meter and it does not show the credit.
admin-meter-settle-not-took = 表具未显示这笔充值

## Network

admin-meter-network = 网络
# $network is a network server's name (ChirpStack, The Things Stack); $application and
# $device are its names for the application and the device.
admin-meter-route = 通过 { $network } 上报（应用 { $application }，设备 { $device }），指令也经同一路径下发。
admin-meter-route-own-gateways = 通过本系统自有网关上报（或尚未上报过）。
# Heading of the list of messages the network server sent about the meter.
admin-meter-network-log = 网络服务器消息

## Charts

admin-meter-use-per-day = 每日用量（最近 30 天）
admin-meter-use-per-month = 每月用量（最近 12 个月）

## Latest readings

admin-meter-latest-readings = 最近读数
# Column headings.
admin-meter-readings-time = 时间
admin-meter-readings-reading = 读数
admin-meter-readings-valve = 阀门
# The battery's voltage in millivolts (mV).
admin-meter-readings-battery = 电池电压 mV
# Received signal strength; usually kept as it is.
admin-meter-readings-rssi = RSSI

## Payments

admin-meter-payments = 付款记录
# $order is the order's number.
admin-meter-order-refunded = 订单 { $order } 已退款。
# $receipt is the payment provider's receipt number.
admin-meter-order-receipt = 收据号 { $receipt }
# $payer is who paid (a phone number or name).
admin-meter-order-payer = 付款人 { $payer }
# An order's state, once refunded.
admin-meter-order-refunded-state = 已退款
# Button: asks the payment provider again how the order stands.
admin-meter-recheck = 向支付服务商重新查询
# Button.
admin-meter-refund = 退款
# Asked before refunding; $amount is money ("KES 20.00"), $order the order's number.
admin-meter-refund-question = 确定退还订单 { $order } 的 { $amount } 吗？余额将相应扣减同等金额。
# Button that answers the question and refunds.
admin-meter-refund-answer = 确认退款
admin-meter-refund-reason = 退款原因
# Example reason in the empty field.
admin-meter-refund-reason-placeholder = 在柜台重复付款
# $kinds lists the alerts' kinds.
admin-meter-alerts = 此表具的告警：{ $count } 条（{ $kinds }）
