## Editing a household

# $number: the household's number, as it signs in with.
admin-household-edit-heading = Hariri kaya { $number }
# $balance: the household's balance with its currency, e.g. "KES 12.50".
admin-household-edit-balance = Salio { $balance }: libadilishe kwa kuongeza salio kwa pesa taslimu au kwa kurejesha pesa kwenye ukurasa wa mita.
# $id: the household's number in the database.
admin-household-edit-not-found = kaya { $id } haikupatikana

## The form

admin-household-edit-household-name = Jina la kaya
admin-household-edit-phone = Simu
admin-household-edit-address = Anwani
# The amount below which the household is warned that its balance is low.
admin-household-edit-warn-below = Onya chini ya
admin-household-edit-new-password = Nenosiri jipya (si lazima)
# A button.
admin-household-edit-save = Hifadhi kaya
# A link that closes the form.
admin-household-edit-close = Funga
# $id: the household's number in the database.
admin-household-edit-saved = Kaya { $id } imehifadhiwa.
# $id: the household's number in the database; $password: its new first password.
admin-household-edit-saved-with-password = Kaya { $id } imehifadhiwa. Nenosiri lake jipya la kwanza (linaonyeshwa mara moja tu): { $password }
