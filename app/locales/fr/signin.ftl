## The sign-in page
signin-title = Connexion
# Shown when someone opened their account's page without being signed in.
signin-please = Connectez-vous pour voir votre compte.
signin-as-operator = Session ouverte en tant qu’opérateur { $name }.
signin-as-household = Session ouverte en tant que { $name }.
signin-continue = Continuer
# "I am: a household / an operator"
signin-role = Je me connecte en tant que
signin-role-household = foyer
signin-role-operator = opérateur
signin-username = Nom, numéro de foyer ou téléphone
signin-password = Mot de passe
signin-busy = Connexion…
signin-submit = Se connecter
