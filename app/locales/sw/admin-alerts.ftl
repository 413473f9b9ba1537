admin-alerts-title = Tahadhari
admin-alerts-area = Eneo
admin-alerts-all-my-areas = Maeneo yangu yote
admin-alerts-kind = Aina
admin-alerts-all-kinds = Aina zote
admin-alerts-state = Hali
# The default state filter: open and acknowledged alerts.
admin-alerts-needing-someone = Wazi au zimetambuliwa
admin-alerts-show = Onyesha
admin-alerts-note = Maelezo
# $count is how many alerts are ticked.
admin-alerts-acknowledge-chosen = Tambua zilizochaguliwa ({ $count })
admin-alerts-acknowledge = Tambua
admin-alerts-acknowledged = Zimetambuliwa: { $count }
admin-alerts-none = Hakuna tahadhari zinazolingana.
admin-alerts-count = Tahadhari { $rows } · ukurasa { $page } kati ya { $pages }
admin-alerts-choose = Chagua
admin-alerts-choose-one = Chagua tahadhari { $id }
admin-alerts-opened = Ilifunguliwa
admin-alerts-what = Inahusu
admin-alerts-evidence = Ushahidi
# $who is an operator, $time when they acknowledged.
admin-alerts-acknowledged-by = Imetambuliwa na { $who }, { $time }
admin-alerts-resolved-at = Imetatuliwa { $time }
admin-alerts-notices-failed = Arifa zisizofikishwa kwenye webhook baada ya majaribio yote: { $count }. Angalia kumbukumbu za seva.
