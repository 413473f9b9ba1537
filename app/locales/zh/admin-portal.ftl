## The operator portal's navigation: one link per section

# The label screen readers give the navigation bar.
admin-portal-sections-nav = 运营后台栏目
admin-portal-section-dashboard = 概览
admin-portal-section-meters = 表具
admin-portal-section-households = 用户
admin-portal-section-price-plans = 价格方案
admin-portal-section-areas = 区域
admin-portal-section-readings = 读数
admin-portal-section-valve-records = 阀门记录
admin-portal-section-bills = 账单
admin-portal-section-payments = 付款
admin-portal-section-gateways = 网关
admin-portal-section-commands = 指令
admin-portal-section-api-tokens = API 令牌
admin-portal-section-lorawan-devices = LoRaWAN 设备
admin-portal-section-codecs = 编解码器

## Within the portal

# Shown for an address in the portal that names no page.
admin-portal-page-not-found = 页面不存在。
admin-portal-section-alerts = 告警
