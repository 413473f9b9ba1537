# The operator portal's price plans (app/src/ui/pages/admin/prices.rs).
# A plan is flat, or time of use: its prices for the flat, peak, valley and
# tip bands apply by the schedule of the day.

## The plans

admin-prices-heading = Price plans
admin-prices-col-name = Name
admin-prices-col-energy = Energy
admin-prices-col-prices = Prices per unit
admin-prices-col-schedule = Schedule
# A band's price in the plans table, joined by " · ": "flat 3.5000 · peak 5.0000".
# $price is the price per unit.
admin-prices-band-flat = flat { $price }
admin-prices-band-peak = peak { $price }
admin-prices-band-valley = valley { $price }
admin-prices-band-tip = tip { $price }

## Adding a plan

admin-prices-add-heading = Add a price plan
admin-prices-add-name = Plan name
admin-prices-add-energy = Energy type
admin-prices-add-flat = Price per unit (flat)
# Checkbox: the plan has peak, valley and tip prices too.
admin-prices-add-time-of-use = Time of use (peak, valley, tip)
admin-prices-add-peak = Peak price
admin-prices-add-valley = Valley price
admin-prices-add-tip = Tip price
# The schedule is written as "00:00=valley,07:00=flat": each band code
# (flat, peak, valley, tip) stays English in the input itself.
admin-prices-add-schedule = Schedule (HH:MM=band, from 00:00)
# Button.
admin-prices-add-plan = Add price plan
# $id is the new plan's number.
admin-prices-added = Price plan { $id } added.

## Changing a plan

admin-prices-change-heading = Change a price plan
admin-prices-change-intro = Blank fields keep their value. Meters on the plan are charged at the new prices from their next reading.
admin-prices-change-plan = Plan to change
# Error when the form is sent with no plan chosen.
admin-prices-choose-plan = choose a plan
admin-prices-change-name = New name
admin-prices-change-flat = New flat price
admin-prices-change-peak = New peak price
admin-prices-change-valley = New valley price
admin-prices-change-tip = New tip price
admin-prices-change-schedule = New schedule
# Button.
admin-prices-save-plan = Save plan
# $id is the plan's number.
admin-prices-changed = Price plan { $id } changed.
