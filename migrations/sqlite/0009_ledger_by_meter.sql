-- A meter's charges on a day (queryDayBillInfo reads what the ledger
-- charged): by meter, kind and time, not a scan of every household's entries.
CREATE INDEX ledger_meter_time ON ledger_entries (meter_id, kind, created_at);
