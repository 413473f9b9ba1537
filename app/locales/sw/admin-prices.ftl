# The operator portal's price plans (app/src/ui/pages/admin/prices.rs).
# A plan is flat, or time of use: its prices for the flat, peak, valley and
# tip bands apply by the schedule of the day.

## The plans

admin-prices-heading = Mipango ya bei
admin-prices-col-name = Jina
admin-prices-col-energy = Nishati
admin-prices-col-prices = Bei kwa uniti
admin-prices-col-schedule = Ratiba
# A band's price in the plans table, joined by " · ": "flat 3.5000 · peak 5.0000".
# $price is the price per unit.
admin-prices-band-flat = kawaida { $price }
admin-prices-band-peak = kilele { $price }
admin-prices-band-valley = chini { $price }
admin-prices-band-tip = kilele kikuu { $price }

## Adding a plan

admin-prices-add-heading = Ongeza mpango wa bei
admin-prices-add-name = Jina la mpango
admin-prices-add-energy = Aina ya nishati
admin-prices-add-flat = Bei kwa uniti (kawaida)
# Checkbox: the plan has peak, valley and tip prices too.
admin-prices-add-time-of-use = Bei kulingana na saa (kilele, chini, kilele kikuu)
admin-prices-add-peak = Bei ya kilele
admin-prices-add-valley = Bei ya chini
admin-prices-add-tip = Bei ya kilele kikuu
# The schedule is written as "00:00=valley,07:00=flat": each band code
# (flat, peak, valley, tip) stays English in the input itself.
admin-prices-add-schedule = Ratiba (HH:MM=kipindi, kuanzia 00:00)
# Button.
admin-prices-add-plan = Ongeza mpango wa bei
# $id is the new plan's number.
admin-prices-added = Mpango wa bei { $id } umeongezwa.

## Changing a plan

admin-prices-change-heading = Badilisha mpango wa bei
admin-prices-change-intro = Sehemu zilizoachwa wazi zinabaki na thamani zake. Mita zilizo kwenye mpango huu zitatozwa bei mpya kuanzia usomaji wao unaofuata.
admin-prices-change-plan = Mpango wa kubadilisha
# Error when the form is sent with no plan chosen.
admin-prices-choose-plan = chagua mpango
admin-prices-change-name = Jina jipya
admin-prices-change-flat = Bei mpya ya kawaida
admin-prices-change-peak = Bei mpya ya kilele
admin-prices-change-valley = Bei mpya ya chini
admin-prices-change-tip = Bei mpya ya kilele kikuu
admin-prices-change-schedule = Ratiba mpya
# Button.
admin-prices-save-plan = Hifadhi mpango
# $id is the plan's number.
admin-prices-changed = Mpango wa bei { $id } umebadilishwa.
