## The welcome slip: a new household's number and first password, shown once to the operator

# $name: the new household's name.
admin-welcome-heading = Bienvenue sur Meterline, { $name }
admin-welcome-shown-once = Cette fiche n’est affichée qu’une fois : imprimez-la ou recopiez-la pour le foyer dès maintenant. Elle ne pourra plus être affichée (en cas de perte, définissez un nouveau mot de passe depuis la page Foyers).
# The number the household signs in with.
admin-welcome-household-number = Numéro de foyer
admin-welcome-first-password = Mot de passe initial
# Addressed to the household that reads the slip.
admin-welcome-sign-in = Connectez-vous avec ce numéro et ce mot de passe ; vous devrez d’abord choisir votre propre mot de passe.
# A button.
admin-welcome-print = Imprimer la fiche
