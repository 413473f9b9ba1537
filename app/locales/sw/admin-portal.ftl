## The operator portal's navigation: one link per section

# The label screen readers give the navigation bar.
admin-portal-sections-nav = Sehemu za mwendeshaji
admin-portal-section-dashboard = Dashibodi
admin-portal-section-meters = Mita
admin-portal-section-households = Kaya
admin-portal-section-price-plans = Mipango ya bei
admin-portal-section-areas = Maeneo
admin-portal-section-readings = Usomaji
admin-portal-section-valve-records = Kumbukumbu za vali
admin-portal-section-bills = Bili
admin-portal-section-payments = Malipo
admin-portal-section-gateways = Malango
admin-portal-section-commands = Amri
admin-portal-section-api-tokens = Tokeni za API
admin-portal-section-lorawan-devices = Vifaa vya LoRaWAN
admin-portal-section-codecs = Kodeki

## Within the portal

# Shown for an address in the portal that names no page.
admin-portal-page-not-found = Ukurasa haukupatikana.
admin-portal-section-alerts = Tahadhari
