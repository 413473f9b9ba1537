## Importing meters and households from a CSV file

admin-import-title = Import meters
admin-import-intro = A CSV file with one meter per row, and its household. The columns are those of the meter export (so an exported file imports again), with a few more for the price plan, the device model and LoRaWAN keys. Check the file first: every problem is listed by line and column, and nothing is written. An import writes all rows or, if any row has a problem, none.
admin-import-template = Download the template (the columns, no rows)
admin-import-file = CSV file
admin-import-check = Check
admin-import-import = Import
admin-import-all-or-nothing = Nothing is written until every row is right. New households get no password: give each its first password from its page.
# Shown while the server reads the file.
admin-import-working = Reading the file…
admin-import-choose-file = choose a CSV file
admin-import-unreadable = the file could not be read
# $rows data rows, $meters meters, $households new households, $skipped rows left out.
admin-import-summary = Rows read: { $rows } · meters: { $meters } · new households: { $households } · left out (removed meters): { $skipped }
admin-import-written = Imported. Every row was written.
# $count problems; nothing was written.
admin-import-problems = Problems found: { $count }. Nothing was written: correct the file and check it again.
admin-import-checked-ok = The file is good: nothing was written yet.
admin-import-import-checked = Import these rows
admin-import-passwords = The new households have no password yet: give each its first password from its page.
admin-import-problems-heading = Problems
admin-import-lines-heading = Rows
admin-import-line = Line
admin-import-column = Column
admin-import-reason = Problem
admin-import-meter = Meter
admin-import-area = Area
admin-import-household = Household
admin-import-keys = Keys
# A household the import creates, first named on line $line.
admin-import-new-household = new (line { $line })
# $count more problems than the page shows.
admin-import-more = Problems not shown: { $count }. Correct these and check again.
admin-import-more-lines = Rows not shown: { $count }.
