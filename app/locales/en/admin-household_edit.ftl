## Editing a household

# $number: the household's number, as it signs in with.
admin-household-edit-heading = Edit household { $number }
# $balance: the household's balance with its currency, e.g. "KES 12.50".
admin-household-edit-balance = Balance { $balance }: change it with a cash top-up or a refund on the meter's page.
# $id: the household's number in the database.
admin-household-edit-not-found = household { $id } not found

## The form

admin-household-edit-household-name = Household name
admin-household-edit-phone = Phone
admin-household-edit-address = Address
# The amount below which the household is warned that its balance is low.
admin-household-edit-warn-below = Warn below
admin-household-edit-new-password = New password (optional)
# A button.
admin-household-edit-save = Save household
# A link that closes the form.
admin-household-edit-close = Close
# $id: the household's number in the database.
admin-household-edit-saved = Household { $id } saved.
# $id: the household's number in the database; $password: its new first password.
admin-household-edit-saved-with-password = Household { $id } saved. Its new first password (shown once): { $password }
