## The welcome slip: a new household's number and first password, shown once to the operator

# $name: the new household's name.
admin-welcome-heading = Welcome to Meterline, { $name }
admin-welcome-shown-once = Shown once: print it or copy it for the household now. It cannot be shown again (set a new password from the households page if it is lost).
# The number the household signs in with.
admin-welcome-household-number = Household number
admin-welcome-first-password = First password
# Addressed to the household that reads the slip.
admin-welcome-sign-in = Sign in with the number and this password; you will be asked to choose your own before anything else.
# A button.
admin-welcome-print = Print slip
