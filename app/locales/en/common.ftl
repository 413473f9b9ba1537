## The header, on every page
nav-main = Main
nav-my-account = My account
nav-operators = Operators
nav-sign-out = Sign out
# The language menu's name for screen readers.
language-menu = Language

## Pieces every page uses
loading = Loading…
page-not-found = Page not found.
error-sign-in = Sign in
# A button that closes a "Do you really want to…" question.
confirm-cancel = Cancel
pages-nav = Pages
pages-previous = Previous
pages-next = Next

## Times
# Said once on a page that shows times; $zone is an IANA name such as Africa/Nairobi.
zone-note = Times in { $zone }
# A time that has not happened (a meter never read).
time-never = never
# A date and time. $day is the day of the month, $month the month's name
# below, $year four digits, $time the 24-hour clock as 21:10.
date-time = { $day } { $month } { $year }, { $time }
month-1 = Jan
month-2 = Feb
month-3 = Mar
month-4 = Apr
month-5 = May
month-6 = Jun
month-7 = Jul
month-8 = Aug
month-9 = Sep
month-10 = Oct
month-11 = Nov
month-12 = Dec

## Names of things
energy-water = water
energy-electricity = electricity
energy-heating = heating
energy-gas = gas
energy-liquefied-gas = liquefied gas
valve-closed = closed
valve-open = open
valve-unknown = unknown
# A household's meter: $energy is one of the names above, $number the meter's number.
meter-name = { $energy } · { $number }

## Payments
order-waiting = waiting
order-in-recharge = on its way
order-succeeded = succeeded
order-failed = failed
order-paying = waiting for your approval
order-expired = expired
order-unconfirmed = sent to the meter, not yet confirmed
provider-sandbox = Sandbox (no real money)
provider-flutterwave = Card or mobile money (Flutterwave)
# Said instead of a payment service's name when it is not known.
provider-unnamed = the provider
# $order is the payment's number, $amount money with its currency.
outcome-succeeded = Payment { $order } succeeded: { $amount } added.
outcome-on-its-way = Payment { $order } is on its way to your meter.
# $reason is the payment service's own words.
outcome-failed = Payment { $order } failed: { $reason }
outcome-checkout = Finish the payment of { $amount } on { $provider }'s page. This page follows it.
outcome-approve = Approve the payment of { $amount } on your phone ({ $provider }). This page follows it.
outcome-expired = Payment { $order } expired: { $reason }
outcome-unconfirmed = Payment { $order } was sent to your meter, which has not confirmed it yet. The utility checks the meter; the money is not lost.

## Errors
# An error about one field of a form: $field is the field's label, $message what is wrong with it.
error-field = { $field }: { $message }
error-unauthenticated = please sign in
# $what says what is not allowed.
error-forbidden = not allowed: { $what }
error-throttled = too many sign-in attempts: try again in { $seconds } s
error-must-change-password = choose your own password first: until then only the password change is answered
error-internal = internal error, please try again

## Field names, as errors name them
field-username = Name
field-password = Password
field-current-password = Current password
field-new-password = New password
field-amount = Amount
field-top-up-amount = Top-up amount
field-top-up-to-device-amount = Amount for the meter
field-warning-amount = Warning amount
field-phone = Phone
field-provider = Payment service
field-meter = Meter
field-reading = Reading
field-note = Note
field-days = Days
field-month = Month
field-end = End
field-area = Area
field-parent-area = Parent area
field-price-plan = Price plan
field-equipment-model = Equipment model
field-meter-type = Meter type
field-dev-eui = DevEUI
field-new-dev-eui = New DevEUI
field-join-eui = JoinEUI
field-dev-addr = DevAddr
field-fport = FPort
field-gateway-id = Gateway ID
field-gateway-name = Gateway name
field-region = Region
field-periods = Periods
field-script = Script
field-payload = Payload
field-time-zone = Time zone
field-forward = Forward to
field-token = Token
field-expires-at = Valid until
# What the reconciliation of payments found.
difference-confirmed-not-credited = confirmed but not credited
difference-credited-not-confirmed = credited but not confirmed
difference-amount-differs = amount differs

## Charts
# Under a chart: $total, $average and $highest are amounts with their unit, $when the day or month of the highest.
chart-summary = Total { $total } · average { $average } · highest { $highest } ({ $when })
# The dashed line across a chart.
chart-average = average
# Folds out every value of the chart as a table.
chart-values = Values
chart-empty = Nothing recorded yet.
# A day under a chart: $day is the day of the month, $month the short month name.
chart-day = { $day } { $month }
# A month under a chart.
chart-month = { $month } { $year }

## Commands and who gave them
command-close-valve = Close valve
command-open-valve = Open valve
command-add-credit = Send credit
command-report = Ask for a reading
# $name is an operator's user name.
actor-operator = operator { $name }
# $name is a household's number or name.
actor-household = household { $name }
# Done by Meterline itself (the balance rule, the billing run).
actor-system = automatic
# Alerts: what each rule found.
alert-kind-meter-offline = Meter offline
alert-kind-gateway-offline = Gateway offline
alert-kind-leak = Leak flag
alert-kind-night-flow = Night flow (leak suspected)
alert-kind-tamper = Tamper flag
alert-kind-magnet = Magnet flag
alert-kind-battery-low = Battery low
alert-kind-reverse-flow = Reverse flow
alert-kind-command-overdue = Command not answered
alert-kind-low-balance = Low balance
alert-kind-supply-cut = Supply cut
alert-kind-close-waiting = Close waiting (friendly credit)
alert-kind-unmatched-payment = Unmatched payment
alert-state-open = Open
alert-state-acknowledged = Acknowledged
alert-state-resolved = Resolved
# $meter is a meter's number (or DevEUI).
alert-subject-meter = meter { $meter }
# $household is a household's number and name.
alert-subject-household = household { $household }
alert-subject-gateway = gateway { $gateway }
# $hours is how long a meter may be silent, in hours.
alert-evidence-never-reported = Never reported (allowed silence: { $hours } h)
alert-evidence-meter-offline = No report since { $time } (allowed silence: { $hours } h)
alert-evidence-gateway-offline = Not heard since { $time } (allowed silence: { $minutes } min)
alert-evidence-flag = Reported by the meter at { $time }
# $least is the least used in an hour, $time when the night began, $limit the use an hour that counts as flow.
alert-evidence-night-flow = At least { $least } used in every hour of the night from { $time } (flow counts from { $limit } an hour)
alert-evidence-battery-low = { $volts } V at { $time } (low below { $limit } V)
alert-evidence-reverse-flow = Register { $value } at { $time }, below the { $limit } already charged
alert-evidence-command-overdue = Command { $id } expired unanswered at { $time }
alert-evidence-low-balance = Balance { $balance }, below the warning amount of { $warn }
alert-evidence-supply-cut = Valve closed by the balance rule; balance { $balance }
# $balance is the balance, $time when the close began to wait.
alert-evidence-close-waiting = Balance { $balance } below the limit since { $time }: the valve closes when friendly credit ends
# $amount is the payment, $time when it was received.
alert-evidence-unmatched-payment = { $amount } received { $time } matched no household: assign it or mark it for refund (Payments)
