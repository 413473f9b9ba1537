## The meter table's page

admin-meters-title = Meters
# A link to the form for a new meter.
admin-meters-add = Add a meter
# A link that downloads every matching meter as a CSV file.
admin-meters-export-csv = Export CSV
# A link to the page that imports meters from a CSV file.
admin-meters-import-csv = Import CSV

## Searching and filtering

# The label of the search field (read by screen readers).
admin-meters-search-label = Search meters
# What the search field looks in; DevEUI and IMEI are the meters' radio and modem identifiers.
admin-meters-search-placeholder = Name, phone, DevEUI, IMEI, number
admin-meters-energy-type = Energy type
admin-meters-all-energy-types = All energy types
admin-meters-all-my-areas = All my areas
admin-meters-equipment-model = Equipment model
admin-meters-all-models = All models
# Whether a meter is in service or was removed.
admin-meters-state = State
admin-meters-active = Active
admin-meters-removed = Removed
# A button.
admin-meters-search = Search
# $rows: how many meters match; $page: this page's number; $pages: how many pages there are.
admin-meters-count = { $rows } meters · page { $page } of { $pages }

## The table's columns

admin-meters-customer = Customer
admin-meters-meter = Meter
# The energy type (water, electricity, …).
admin-meters-type = Type
admin-meters-area = Area
# The meter's register, its last reading.
admin-meters-reading = Reading
admin-meters-balance = Balance
admin-meters-valve = Valve
