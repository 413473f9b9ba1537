## The header, on every page
nav-main = Mwanzo
nav-my-account = Akaunti yangu
nav-operators = Waendeshaji
nav-sign-out = Ondoka
# The language menu's name for screen readers.
language-menu = Lugha

## Pieces every page uses
loading = Inapakia…
page-not-found = Ukurasa haukupatikana.
error-sign-in = Ingia
# A button that closes a "Do you really want to…" question.
confirm-cancel = Ghairi
pages-nav = Kurasa
pages-previous = Iliyotangulia
pages-next = Inayofuata

## Times
# Said once on a page that shows times; $zone is an IANA name such as Africa/Nairobi.
zone-note = Saa zinaonyeshwa kwa { $zone }
# A time that has not happened (a meter never read).
time-never = haijawahi
# A date and time. $day is the day of the month, $month the month's name
# below, $year four digits, $time the 24-hour clock as 21:10.
date-time = { $day } { $month } { $year }, { $time }
month-1 = Jan
month-2 = Feb
month-3 = Mac
month-4 = Apr
month-5 = Mei
month-6 = Jun
month-7 = Jul
month-8 = Ago
month-9 = Sep
month-10 = Okt
month-11 = Nov
month-12 = Des

## Names of things
energy-water = maji
energy-electricity = umeme
energy-heating = upashaji joto
energy-gas = gesi
energy-liquefied-gas = gesi ya mitungi
valve-closed = imefungwa
valve-open = iko wazi
valve-unknown = haijulikani
# A household's meter: $energy is one of the names above, $number the meter's number.
meter-name = { $energy } · { $number }

## Payments
order-waiting = inasubiri
order-in-recharge = iko njiani
order-succeeded = imefanikiwa
order-failed = imeshindikana
order-paying = inasubiri idhini yako
order-expired = muda wake umeisha
order-unconfirmed = imetumwa kwa mita, bado haijathibitishwa
provider-sandbox = Majaribio (si pesa halisi)
provider-flutterwave = Kadi au pesa kwa simu (Flutterwave)
# Said instead of a payment service's name when it is not known.
provider-unnamed = mtoa huduma za malipo
# $order is the payment's number, $amount money with its currency.
outcome-succeeded = Malipo { $order } yamefanikiwa: { $amount } zimeongezwa.
outcome-on-its-way = Malipo { $order } yako njiani kwenda kwenye mita yako.
# $reason is the payment service's own words.
outcome-failed = Malipo { $order } yameshindikana: { $reason }
outcome-checkout = Kamilisha malipo ya { $amount } kwenye ukurasa wa { $provider }. Ukurasa huu utafuatilia malipo hayo.
outcome-approve = Idhinisha malipo ya { $amount } kwenye simu yako ({ $provider }). Ukurasa huu utafuatilia malipo hayo.
outcome-expired = Muda wa malipo { $order } umeisha: { $reason }
outcome-unconfirmed = Malipo { $order } yametumwa kwa mita yako, lakini mita bado haijayathibitisha. Kampuni ya huduma inakagua mita; pesa zako hazijapotea.

## Errors
# An error about one field of a form: $field is the field's label, $message what is wrong with it.
error-field = { $field }: { $message }
error-unauthenticated = tafadhali ingia
# $what says what is not allowed.
error-forbidden = hairuhusiwi: { $what }
error-throttled = majaribio mengi mno ya kuingia: jaribu tena baada ya sekunde { $seconds }
error-must-change-password = chagua nenosiri lako mwenyewe kwanza: hadi hapo, ni ombi la kubadilisha nenosiri pekee litakalojibiwa
error-internal = hitilafu ya ndani, tafadhali jaribu tena

## Field names, as errors name them
field-username = Jina
field-password = Nenosiri
field-current-password = Nenosiri la sasa
field-new-password = Nenosiri jipya
field-amount = Kiasi
field-top-up-amount = Kiasi cha kuongeza salio
field-top-up-to-device-amount = Kiasi kwa mita
field-warning-amount = Kiasi cha onyo
field-phone = Simu
field-provider = Huduma ya malipo
field-meter = Mita
field-reading = Usomaji
field-note = Maelezo
field-days = Siku
field-month = Mwezi
field-end = Mwisho
field-area = Eneo
field-parent-area = Eneo kuu
field-price-plan = Mpango wa bei
field-equipment-model = Modeli ya kifaa
field-meter-type = Aina ya mita
field-dev-eui = DevEUI
field-new-dev-eui = DevEUI mpya
field-join-eui = JoinEUI
field-dev-addr = DevAddr
field-fport = FPort
field-gateway-id = Kitambulisho cha lango
field-gateway-name = Jina la lango
field-region = Kanda
field-periods = Vipindi
field-script = Skripti
field-payload = Data ya ujumbe
field-time-zone = Ukanda wa saa
field-forward = Peleka kwa
field-token = Tokeni
field-expires-at = Halali hadi
# What the reconciliation of payments found.
difference-confirmed-not-credited = yamethibitishwa lakini hayajaongezwa kwenye salio
difference-credited-not-confirmed = yameongezwa kwenye salio lakini hayajathibitishwa
difference-amount-differs = kiasi kinatofautiana

## Charts
# Under a chart: $total, $average and $highest are amounts with their unit, $when the day or month of the highest.
chart-summary = Jumla { $total } · wastani { $average } · juu zaidi { $highest } ({ $when })
# The dashed line across a chart.
chart-average = wastani
# Folds out every value of the chart as a table.
chart-values = Thamani
chart-empty = Hakuna kilichorekodiwa bado.
# A day under a chart: $day is the day of the month, $month the short month name.
chart-day = { $day } { $month }
# A month under a chart.
chart-month = { $month } { $year }

## Commands and who gave them
command-close-valve = Funga vali
command-open-valve = Fungua vali
command-add-credit = Tuma salio
command-report = Omba usomaji
# $name is an operator's user name.
actor-operator = mwendeshaji { $name }
# $name is a household's number or name.
actor-household = kaya { $name }
# Done by Meterline itself (the balance rule, the billing run).
actor-system = kiotomatiki
# Alerts: what each rule found.
alert-kind-meter-offline = Mita iko nje ya mtandao
alert-kind-gateway-offline = Lango liko nje ya mtandao
alert-kind-leak = Ishara ya uvujaji
alert-kind-night-flow = Mtiririko wa usiku (uvujaji unashukiwa)
alert-kind-tamper = Ishara ya mita kuchezewa
alert-kind-magnet = Ishara ya sumaku
alert-kind-battery-low = Betri iko chini
alert-kind-reverse-flow = Mtiririko wa kurudi nyuma
alert-kind-command-overdue = Amri haijajibiwa
alert-kind-low-balance = Salio la chini
alert-kind-supply-cut = Huduma imekatwa
alert-kind-close-waiting = Kufunga kunasubiri (kipindi cha msamaha)
alert-kind-unmatched-payment = Malipo yasiyolingana
alert-state-open = Wazi
alert-state-acknowledged = Imetambuliwa
alert-state-resolved = Imetatuliwa
# $meter is a meter's number (or DevEUI).
alert-subject-meter = mita { $meter }
# $household is a household's number and name.
alert-subject-household = kaya { $household }
alert-subject-gateway = lango { $gateway }
# $hours is how long a meter may be silent, in hours.
alert-evidence-never-reported = Haijawahi kutuma ripoti (ukimya unaoruhusiwa: saa { $hours })
alert-evidence-meter-offline = Hakuna ripoti tangu { $time } (ukimya unaoruhusiwa: saa { $hours })
alert-evidence-gateway-offline = Haijaonekana tangu { $time } (ukimya unaoruhusiwa: dakika { $minutes })
alert-evidence-flag = Iliripotiwa na mita mnamo { $time }
alert-evidence-night-flow = Angalau { $least } imetumika kila saa ya usiku kuanzia { $time } (mtiririko huhesabiwa kuanzia { $limit } kwa saa)
alert-evidence-battery-low = { $volts } V mnamo { $time } (kikomo cha chini: { $limit } V)
alert-evidence-reverse-flow = Usomaji { $value } mnamo { $time }, chini ya kiasi kilichokwisha tozwa cha { $limit }
alert-evidence-command-overdue = Muda wa amri #{ $id } uliisha bila jibu mnamo { $time }
alert-evidence-low-balance = Salio { $balance }, chini ya kiasi cha onyo cha { $warn }
alert-evidence-supply-cut = Vali imefungwa na kanuni ya salio; salio { $balance }
alert-evidence-close-waiting = Salio { $balance } chini ya kikomo tangu { $time }: vali hufungwa kipindi cha msamaha kikiisha
alert-evidence-unmatched-payment = { $amount } yaliyopokelewa { $time } hayakulingana na kaya yoyote: yape kaya au yawekee alama ya kurejeshwa (Malipo)
