## The operator portal's navigation: one link per section

# The label screen readers give the navigation bar.
admin-portal-sections-nav = Operator sections
admin-portal-section-dashboard = Dashboard
admin-portal-section-meters = Meters
admin-portal-section-households = Households
admin-portal-section-price-plans = Price plans
admin-portal-section-areas = Areas
admin-portal-section-readings = Readings
admin-portal-section-valve-records = Valve records
admin-portal-section-bills = Bills
admin-portal-section-payments = Payments
admin-portal-section-gateways = Gateways
admin-portal-section-commands = Commands
admin-portal-section-api-tokens = API tokens
admin-portal-section-lorawan-devices = LoRaWAN devices
admin-portal-section-codecs = Codecs

## Within the portal

# Shown for an address in the portal that names no page.
admin-portal-page-not-found = Page not found.
admin-portal-section-alerts = Alerts
