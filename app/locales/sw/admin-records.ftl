### Operator portal: the readings, valve records and bills listings.

## Filters

admin-records-search = Tafuta
# Example of what can be searched for.
admin-records-search-placeholder = Jina, namba, DevEUI
# Label of the month filter, and the bills' column heading.
admin-records-month = Mwezi
# Start of the date range.
admin-records-from = Kuanzia
# End of the date range.
admin-records-to = Hadi
# Button that applies the filters.
admin-records-show = Onyesha
# Link that downloads every matching row as a CSV file.
admin-records-export-csv = Pakua CSV

## Column headings shared by the tables

admin-records-time = Wakati
admin-records-customer = Mteja
# The kind of energy (water, electricity, …).
admin-records-type = Aina

## Readings

admin-records-readings = Usomaji
# $rows is how many readings match; $number is this page's number, $pages how many pages
# there are. The count may also be written as "Readings: { $rows }".
admin-records-readings-count = Usomaji: { $rows } · ukurasa { $number } kati ya { $pages }
admin-records-meter = Mita
# The meter's register.
admin-records-reading = Usomaji
admin-records-valve = Vali

## Valve records

admin-records-valve-records = Kumbukumbu za vali
# $rows is how many records match; $number is this page's number, $pages how many pages
# there are. The count may also be written as "Valve records: { $rows }".
admin-records-valve-records-count = Kumbukumbu za vali: { $rows } · ukurasa { $number } kati ya { $pages }
# What was done to the valve.
admin-records-action = Kitendo
# Why it was done.
admin-records-cause = Sababu
# Who did it.
admin-records-by = Aliyefanya
# The state of the command sent to the meter.
admin-records-command = Amri
# Value of "Action".
admin-records-action-open = fungua
# Value of "Action".
admin-records-action-close = funga

## Bills

admin-records-bills = Bili
# Label of the month field of billing.
admin-records-bill-month = Mwezi wa kutoza bili
# Button.
admin-records-run-billing = Tengeneza bili
# $created is how many bills were written; $meters how many postpaid meters were looked at.
# The counts may also be written as "Bills written: { $created }".
admin-records-billing-done = Bili zilizotengenezwa: { $created }, kwa mita za kulipia baadaye zilizokaguliwa: { $meters }.
admin-records-billing-rest = Hazikutozwa tena: { $rest } (zimeshatozwa kwa mwezi huu, au hazikusomwa mwezi huu).
# $rows is how many bills match; $number is this page's number, $pages how many pages
# there are. The count may also be written as "Bills: { $rows }".
admin-records-bills-count = Bili: { $rows } · ukurasa { $number } kati ya { $pages }
# Consumption in the bill's month.
admin-records-use = Matumizi
admin-records-amount = Kiasi
# Column heading: whether the bill is paid.
admin-records-paid = Imelipwa
# A paid bill's state.
admin-records-bill-paid = imelipwa
# Button.
admin-records-mark-paid = Weka kuwa imelipwa
# Asked before marking a bill paid; $customer is the customer's name, $month the bill's month.
admin-records-mark-paid-question = Weka bili ya { $customer } ya { $month } kuwa imelipwa? Fanya hivyo tu kwa pesa zilizopokelewa nje ya Meterline: hakuna kitakachokatwa kwenye salio.
# Button that answers the question and marks the bill paid.
admin-records-mark-paid-answer = Ndiyo, imelipwa

## Friendly credit's holidays (on the valve records page)

admin-friendly-title = Kipindi cha msamaha: sikukuu
admin-friendly-intro = Katika siku hizi, hakuna vali itakayofungwa kwa sababu ya deni: itafungwa siku inayofuata, isipokuwa kaya iongeze salio kabla ya hapo. Saa na siku za kipindi cha msamaha za mfumo huu huwekwa mahali unapoendeshwa (METERLINE_FRIENDLY_HOURS, METERLINE_FRIENDLY_DAYS).
admin-friendly-none = Hakuna sikukuu zilizoorodheshwa.
admin-friendly-day = Tarehe
admin-friendly-name = Sikukuu
admin-friendly-add = Ongeza sikukuu
admin-friendly-remove = Ondoa
# The remove button's name for screen readers; $day is the date.
admin-friendly-remove-one = Ondoa sikukuu ya { $day }
# $day is the date just listed.
admin-friendly-added = { $day } imeorodheshwa: hakuna vali itakayofungwa kwa sababu ya deni siku hiyo.
