## The operator portal's navigation: one link per section

# The label screen readers give the navigation bar.
admin-portal-sections-nav = Sections opérateur
admin-portal-section-dashboard = Tableau de bord
admin-portal-section-meters = Compteurs
admin-portal-section-households = Foyers
admin-portal-section-price-plans = Tarifs
admin-portal-section-areas = Zones
admin-portal-section-readings = Relevés
admin-portal-section-valve-records = Événements de vanne
admin-portal-section-bills = Factures
admin-portal-section-payments = Paiements
admin-portal-section-gateways = Passerelles
admin-portal-section-commands = Commandes
admin-portal-section-api-tokens = Jetons d’API
admin-portal-section-lorawan-devices = Appareils LoRaWAN
admin-portal-section-codecs = Codecs

## Within the portal

# Shown for an address in the portal that names no page.
admin-portal-page-not-found = Page introuvable.
admin-portal-section-alerts = Alertes
