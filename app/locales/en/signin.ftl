## The sign-in page
signin-title = Sign in
# Shown when someone opened their account's page without being signed in.
signin-please = Please sign in to see your account.
signin-as-operator = Signed in as operator { $name }.
signin-as-household = Signed in as { $name }.
signin-continue = Continue
# "I am: a household / an operator"
signin-role = I am
signin-role-household = a household
signin-role-operator = an operator
signin-username = Name, household number or phone
signin-password = Password
signin-busy = Signing in…
signin-submit = Sign in
