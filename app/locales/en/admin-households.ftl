## Searching and paging through households

admin-households-title = Households
# The label of the search field (read by screen readers).
admin-households-search-label = Search households
# What the search field looks in.
admin-households-search-placeholder = Name, number, phone, address
# A button.
admin-households-search = Search
# $rows: how many households match; $page: this page's number; $pages: how many pages there are.
admin-households-count = { $rows } households · page { $page } of { $pages }

## The household table

admin-households-name = Name
# The household's number, as it signs in with.
admin-households-number = Number
admin-households-phone = Phone
admin-households-area = Area
admin-households-balance = Balance
# The amount below which the household is warned that its balance is low.
admin-households-warn-below = Warn below
# The heading of the column of links (read by screen readers only).
admin-households-actions = Actions
# After a balance that is below the warning amount.
admin-households-low = (low)
# A link to the household's form.
admin-households-edit = Edit
# The same link as screen readers name it; $name: the household's name.
admin-households-edit-label = Edit { $name }

## Adding a household

admin-households-add-heading = Add a household
admin-households-add-note = It gets a random first password, shown once on its welcome slip, and must choose its own at first sign-in.
admin-households-household-name = Household name
admin-households-address = Address
admin-households-opening-balance = Opening balance
# Shown when no area was chosen.
admin-households-choose-an-area = choose an area
# A button.
admin-households-add = Add household
# $id: the new household's number in the database.
admin-households-added = Household { $id } added.
