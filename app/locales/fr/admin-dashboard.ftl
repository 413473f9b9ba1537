## The dashboard: the figures an operator checks first

admin-dashboard-title = Tableau de bord
admin-dashboard-active-meters = Compteurs actifs
admin-dashboard-removed-meters = Compteurs retirés
admin-dashboard-closed-valves = Vannes fermées
# Households whose balance is below their warning amount.
admin-dashboard-low-balances = Soldes bas
admin-dashboard-gateways-online = Passerelles en ligne
# The figure under "Gateways online"; $online: how many answer now; $total: how many there are.
admin-dashboard-gateways-online-value = { $online } sur { $total }
# Commands to meters that are waiting to be sent or answered.
admin-dashboard-commands-pending = Commandes en attente
# Credits sent to meters that have not confirmed them yet.
admin-dashboard-credits-to-confirm = Crédits à confirmer
admin-dashboard-revenue-this-month = Recettes du mois
# Payments through providers that matched no household.
admin-dashboard-unmatched-payments = Paiements non attribués

## Consumption and the chart

admin-dashboard-consumption-today = Consommation du jour
admin-dashboard-consumption-this-month = Consommation du mois
# The chart's title; the currency's code follows it in parentheses.
admin-dashboard-top-ups-chart = Recharges par jour, 14 derniers jours
admin-dashboard-alerts = Alertes
admin-dashboard-alerts-value = Ouvertes : { $open } · acquittées : { $acknowledged }
