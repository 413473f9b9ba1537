admin-alerts-title = Alerts
admin-alerts-area = Area
admin-alerts-all-my-areas = All my areas
admin-alerts-kind = Kind
admin-alerts-all-kinds = All kinds
admin-alerts-state = State
# The default state filter: open and acknowledged alerts.
admin-alerts-needing-someone = Open or acknowledged
admin-alerts-show = Show
admin-alerts-note = Note
# $count is how many alerts are ticked.
admin-alerts-acknowledge-chosen = Acknowledge ticked ({ $count })
admin-alerts-acknowledge = Acknowledge
admin-alerts-acknowledged = Acknowledged: { $count }
admin-alerts-none = No alerts match.
admin-alerts-count = { $rows } alerts · page { $page } of { $pages }
admin-alerts-choose = Tick
admin-alerts-choose-one = Tick alert { $id }
admin-alerts-opened = Opened
admin-alerts-what = About
admin-alerts-evidence = Evidence
# $who is an operator, $time when they acknowledged.
admin-alerts-acknowledged-by = Acknowledged by { $who }, { $time }
admin-alerts-resolved-at = Resolved { $time }
admin-alerts-notices-failed = Notices that could not be delivered to the webhook after every attempt: { $count }. See the server log.
