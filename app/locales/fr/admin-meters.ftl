## The meter table's page

admin-meters-title = Compteurs
# A link to the form for a new meter.
admin-meters-add = Ajouter un compteur
# A link that downloads every matching meter as a CSV file.
admin-meters-export-csv = Exporter en CSV
# A link to the page that imports meters from a CSV file.
admin-meters-import-csv = Importer un CSV

## Searching and filtering

# The label of the search field (read by screen readers).
admin-meters-search-label = Rechercher des compteurs
# What the search field looks in; DevEUI and IMEI are the meters' radio and modem identifiers.
admin-meters-search-placeholder = Nom, téléphone, DevEUI, IMEI, numéro
admin-meters-energy-type = Type d’énergie
admin-meters-all-energy-types = Tous les types d’énergie
admin-meters-all-my-areas = Toutes mes zones
admin-meters-equipment-model = Modèle d’équipement
admin-meters-all-models = Tous les modèles
# Whether a meter is in service or was removed.
admin-meters-state = État
admin-meters-active = Actif
admin-meters-removed = Retiré
# A button.
admin-meters-search = Rechercher
# $rows: how many meters match; $page: this page's number; $pages: how many pages there are.
admin-meters-count = { $rows } compteurs · page { $page } sur { $pages }

## The table's columns

admin-meters-customer = Client
admin-meters-meter = Compteur
# The energy type (water, electricity, …).
admin-meters-type = Type
admin-meters-area = Zone
# The meter's register, its last reading.
admin-meters-reading = Relevé
admin-meters-balance = Solde
admin-meters-valve = Vanne
