### Operator portal: adding a meter.

## Page

admin-meter-new-heading = 添加表具
# Link to the new meter's page, under the new household's welcome slip.
admin-meter-new-open-meter = 查看表具

## Form

# LoRaWAN's device identifier; "DevEUI" and "LoRaWAN" are usually kept as they are.
admin-meter-new-dev-eui = DevEUI（LoRaWAN）
admin-meter-new-dev-eui-placeholder = 16 位十六进制数
# NB-IoT's device identifier; "IMEI" and "NB-IoT" are usually kept as they are.
admin-meter-new-imei = IMEI（NB-IoT）
admin-meter-new-imei-placeholder = 15 位数字
admin-meter-new-customer-name = 客户姓名
admin-meter-new-customer-phone = 客户手机号
admin-meter-new-customer-address = 客户地址
admin-meter-new-area = 区域
admin-meter-new-price-plan = 价格方案
admin-meter-new-equipment-model = 设备型号
# First choice of "Equipment model": no model chosen, the default one of the price plan's energy type.
admin-meter-new-model-default = 按价格方案能源类型的默认型号
# How the meter pays: prepaid or postpaid.
admin-meter-new-payment = 付费方式
admin-meter-new-prepaid = 预付费（余额由平台管理）
admin-meter-new-postpaid = 后付费（按月出账单）
# The balance the meter starts with.
admin-meter-new-opening-balance = 初始余额
# The balance below which the valve closes.
admin-meter-new-overdraft-limit = 透支额度（低于此值时关阀）
# The meter's register when it is added.
admin-meter-new-initial-reading = 初始读数
# Button.
admin-meter-new-add = 添加表具
# The button while the meter is being added.
admin-meter-new-adding = 正在添加…

## Errors (shown after the field's name)

# A list (area, price plan, model) has no valid choice.
admin-meter-new-choose-one = 请选择一项
admin-meter-new-no-device = 请填写 DevEUI 或 IMEI
