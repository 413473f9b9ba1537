## The sign-in page
signin-title = Ingia
# Shown when someone opened their account's page without being signed in.
signin-please = Tafadhali ingia ili kuona akaunti yako.
signin-as-operator = Umeingia kama mwendeshaji { $name }.
signin-as-household = Umeingia kama { $name }.
signin-continue = Endelea
# "I am: a household / an operator"
signin-role = Naingia kama
signin-role-household = kaya
signin-role-operator = mwendeshaji
signin-username = Jina, namba ya kaya au simu
signin-password = Nenosiri
signin-busy = Inaingia…
signin-submit = Ingia
