## The welcome slip: a new household's number and first password, shown once to the operator

# $name: the new household's name.
admin-welcome-heading = Karibu Meterline, { $name }
admin-welcome-shown-once = Inaonyeshwa mara moja tu: ichapishe au uinakili kwa ajili ya kaya sasa hivi. Haiwezi kuonyeshwa tena (ikipotea, weka nenosiri jipya kutoka ukurasa wa kaya).
# The number the household signs in with.
admin-welcome-household-number = Namba ya kaya
admin-welcome-first-password = Nenosiri la kwanza
# Addressed to the household that reads the slip.
admin-welcome-sign-in = Ingia kwa namba hii na nenosiri hili; utaombwa kuchagua nenosiri lako mwenyewe kabla ya jambo lingine lolote.
# A button.
admin-welcome-print = Chapisha karatasi
