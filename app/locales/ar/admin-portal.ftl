## The operator portal's navigation: one link per section

# The label screen readers give the navigation bar.
admin-portal-sections-nav = أقسام المشغّل
admin-portal-section-dashboard = لوحة المعلومات
admin-portal-section-meters = العدّادات
admin-portal-section-households = المشتركون
admin-portal-section-price-plans = التعرفات
admin-portal-section-areas = المناطق
admin-portal-section-readings = القراءات
admin-portal-section-valve-records = سجلّ الصمامات
admin-portal-section-bills = الفواتير
admin-portal-section-payments = الدفعات
admin-portal-section-gateways = البوابات
admin-portal-section-commands = الأوامر
admin-portal-section-api-tokens = رموز API
admin-portal-section-lorawan-devices = أجهزة LoRaWAN
admin-portal-section-codecs = برامج الترميز

## Within the portal

# Shown for an address in the portal that names no page.
admin-portal-page-not-found = الصفحة غير موجودة.
admin-portal-section-alerts = التنبيهات
