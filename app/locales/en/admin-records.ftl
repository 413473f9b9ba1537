### Operator portal: the readings, valve records and bills listings.

## Filters

admin-records-search = Search
# Example of what can be searched for.
admin-records-search-placeholder = Name, number, DevEUI
# Label of the month filter, and the bills' column heading.
admin-records-month = Month
# Start of the date range.
admin-records-from = From
# End of the date range.
admin-records-to = To
# Button that applies the filters.
admin-records-show = Show
# Link that downloads every matching row as a CSV file.
admin-records-export-csv = Export CSV

## Column headings shared by the tables

admin-records-time = Time
admin-records-customer = Customer
# The kind of energy (water, electricity, …).
admin-records-type = Type

## Readings

admin-records-readings = Readings
# $rows is how many readings match; $number is this page's number, $pages how many pages
# there are. The count may also be written as "Readings: { $rows }".
admin-records-readings-count = { $rows } readings · page { $number } of { $pages }
admin-records-meter = Meter
# The meter's register.
admin-records-reading = Reading
admin-records-valve = Valve

## Valve records

admin-records-valve-records = Valve records
# $rows is how many records match; $number is this page's number, $pages how many pages
# there are. The count may also be written as "Valve records: { $rows }".
admin-records-valve-records-count = { $rows } valve records · page { $number } of { $pages }
# What was done to the valve.
admin-records-action = Action
# Why it was done.
admin-records-cause = Cause
# Who did it.
admin-records-by = By
# The state of the command sent to the meter.
admin-records-command = Command
# Value of "Action".
admin-records-action-open = open
# Value of "Action".
admin-records-action-close = close

## Bills

admin-records-bills = Bills
# Label of the month field of billing.
admin-records-bill-month = Bill the month
# Button.
admin-records-run-billing = Run billing
# $created is how many bills were written; $meters how many postpaid meters were looked at.
# The counts may also be written as "Bills written: { $created }".
admin-records-billing-done = { $created } bills written for { $meters } postpaid meters.
# $rest postpaid meters the run wrote no bill for.
admin-records-billing-rest = Meters without a new bill: { $rest } (billed for this month already, or nothing read in it).
# $rows is how many bills match; $number is this page's number, $pages how many pages
# there are. The count may also be written as "Bills: { $rows }".
admin-records-bills-count = { $rows } bills · page { $number } of { $pages }
# Consumption in the bill's month.
admin-records-use = Use
admin-records-amount = Amount
# Column heading: whether the bill is paid.
admin-records-paid = Paid
# A paid bill's state.
admin-records-bill-paid = paid
# Button.
admin-records-mark-paid = Mark paid
# Asked before marking a bill paid; $customer is the customer's name, $month the bill's month.
admin-records-mark-paid-question = Mark { $customer }'s bill for { $month } paid? Do so only for money received outside Meterline: nothing is taken from the balance.
# Button that answers the question and marks the bill paid.
admin-records-mark-paid-answer = Mark it paid

## Friendly credit's holidays (on the valve records page)

admin-friendly-title = Friendly credit: holidays
admin-friendly-intro = On these days no valve is closed for an overdrawn balance: the close comes the next day, unless the household tops up first. The installation's hours and days of friendly credit are set where it runs (METERLINE_FRIENDLY_HOURS, METERLINE_FRIENDLY_DAYS).
admin-friendly-none = No holidays listed.
admin-friendly-day = Day
admin-friendly-name = Holiday
admin-friendly-add = Add the holiday
admin-friendly-remove = Remove
# The remove button's name for screen readers; $day is the date.
admin-friendly-remove-one = Remove the holiday of { $day }
# $day is the date just listed.
admin-friendly-added = { $day } is listed: no closes for overdraft that day.
