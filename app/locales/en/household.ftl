## The household's dashboard
household-meters = Meters
# $value is the meter's register, $unit its unit (m³, kWh).
household-reading = Reading: { $value } { $unit }
household-valve = Valve: { $state }
household-last-read = Last read: { $time }

## Balance
balance-title = Balance
# $spend is an amount of money a day, $days a whole number.
balance-lasts = At your recent use ({ $spend } a day), your balance lasts about { $days } days.
balance-no-estimate = No use in the last 30 days to estimate from.
balance-low = Your balance is below { $warning }. Please top up.

## Top-up (households pay; operators record cash with the same form)
topup-title = Top up
topup-not-set-up = Payments are not set up here yet: pay at the utility's office.
topup-pay-with = Pay with
topup-phone = Phone that pays
topup-sandbox = The sandbox moves no real money.
topup-cash-note = Records cash taken at the desk.
topup-meter = Meter
topup-amount = Amount
topup-amount-hint = An amount like 50 or 12.50
# The question before paying: $amount with its currency, $meter the meter's name.
topup-ask-pay = Pay { $amount } into { $meter }?
topup-ask-cash = Record cash of { $amount } into { $meter }?
topup-record-cash = Record cash
topup-pay = Pay
topup-paying = Paying…
topup-confirm = Confirm
topup-change = Change

## A meter's history
history-last-30-days = Last 30 days
history-last-12-months = Last 12 months
history-payments = Payments
history-bills = Bills
history-valve-events = Valve events
history-no-payments = No payments yet.
history-no-bills = No bills yet.
history-no-valve-events = No valve events yet.
history-bill-paid = paid
history-valve-opened = opened
history-valve-closed = closed
history-pay-from-balance = Pay from balance

## Choosing one's own password (first sign-in)
password-welcome = Welcome, { $name }
password-set-for-you = Your password was set for you. Choose your own before you continue.
password-current = Current password
password-new = New password (8 characters or more)
password-save = Save password
household-alerts-heading = Needs your attention
household-alert-low-balance = Your balance of { $balance } is below your warning amount of { $warn }. Top up to keep your supply.
household-alert-supply-cut = Meter { $meter } is closed: your balance is { $balance }. A top-up opens it again.
household-alert-close-waiting = Your balance is { $balance }: meter { $meter } stays open through the night, weekend or holiday, and closes after it unless you top up.
household-alert-leak = Meter { $meter } reports a possible leak ({ $time }). Check taps and pipes, or call your utility.
household-alert-night-flow = Meter { $meter } counted use in every hour of last night (at least { $least } an hour): a tap may be running or a pipe leaking. Check them, or call your utility.
