## The meter table's page

admin-meters-title = Mita
# A link to the form for a new meter.
admin-meters-add = Ongeza mita
# A link that downloads every matching meter as a CSV file.
admin-meters-export-csv = Pakua CSV
# A link to the page that imports meters from a CSV file.
admin-meters-import-csv = Ingiza CSV

## Searching and filtering

# The label of the search field (read by screen readers).
admin-meters-search-label = Tafuta mita
# What the search field looks in; DevEUI and IMEI are the meters' radio and modem identifiers.
admin-meters-search-placeholder = Jina, simu, DevEUI, IMEI, namba
admin-meters-energy-type = Aina ya nishati
admin-meters-all-energy-types = Aina zote za nishati
admin-meters-all-my-areas = Maeneo yangu yote
admin-meters-equipment-model = Modeli ya kifaa
admin-meters-all-models = Modeli zote
# Whether a meter is in service or was removed.
admin-meters-state = Hali
admin-meters-active = Inatumika
admin-meters-removed = Imeondolewa
# A button.
admin-meters-search = Tafuta
# $rows: how many meters match; $page: this page's number; $pages: how many pages there are.
admin-meters-count = Mita { $rows } · ukurasa { $page } kati ya { $pages }

## The table's columns

admin-meters-customer = Mteja
admin-meters-meter = Mita
# The energy type (water, electricity, …).
admin-meters-type = Aina
admin-meters-area = Eneo
# The meter's register, its last reading.
admin-meters-reading = Usomaji
admin-meters-balance = Salio
admin-meters-valve = Vali
