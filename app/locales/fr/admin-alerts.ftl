admin-alerts-title = Alertes
admin-alerts-area = Zone
admin-alerts-all-my-areas = Toutes mes zones
admin-alerts-kind = Type
admin-alerts-all-kinds = Tous les types
admin-alerts-state = État
# The default state filter: open and acknowledged alerts.
admin-alerts-needing-someone = Ouvertes ou acquittées
admin-alerts-show = Afficher
admin-alerts-note = Note
# $count is how many alerts are ticked.
admin-alerts-acknowledge-chosen = Acquitter la sélection ({ $count })
admin-alerts-acknowledge = Acquitter
admin-alerts-acknowledged = Alertes acquittées : { $count }
admin-alerts-none = Aucune alerte ne correspond.
admin-alerts-count = { $rows } alertes · page { $page } sur { $pages }
admin-alerts-choose = Sélectionner
admin-alerts-choose-one = Sélectionner l’alerte { $id }
admin-alerts-opened = Ouverture
admin-alerts-what = Objet
admin-alerts-evidence = Constat
# $who is an operator, $time when they acknowledged.
admin-alerts-acknowledged-by = Acquittée par { $who }, le { $time }
admin-alerts-resolved-at = Résolue le { $time }
admin-alerts-notices-failed = Avis non remis au webhook après toutes les tentatives : { $count }. Voir le journal du serveur.
