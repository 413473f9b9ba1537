-- How many times the lists of meters may have changed: which meters a
-- filter matches, in which order, and what a search finds in them. A page
-- of a list is found from anchors kept in memory (every 100th id), valid
-- for as long as this counter holds the value they were built at. The
-- database moves it itself, for every writer: a service, another replica,
-- an SQL console. Readings only move a meter's register and times, not its
-- place in a list, so ingest leaves it alone.
-- A migration that rebuilds one of these tables must create its triggers again.
CREATE TABLE list_versions (
    name TEXT NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO list_versions (name, version) VALUES ('meters', 0);

CREATE TRIGGER meter_list_insert AFTER INSERT ON meters
BEGIN
    UPDATE list_versions SET version = version + 1 WHERE name = 'meters';
END;
CREATE TRIGGER meter_list_delete AFTER DELETE ON meters
BEGIN
    UPDATE list_versions SET version = version + 1 WHERE name = 'meters';
END;
CREATE TRIGGER meter_list_update AFTER UPDATE OF status, area_id, household_id, energy_type, equipment_model_id,
    customer_name, customer_phone, serialnumber, dev_eui, imei ON meters
BEGIN
    UPDATE list_versions SET version = version + 1 WHERE name = 'meters';
END;
CREATE TRIGGER meter_list_household_number AFTER UPDATE OF serialnumber ON households
BEGIN
    UPDATE list_versions SET version = version + 1 WHERE name = 'meters';
END;
CREATE TRIGGER meter_list_area_path AFTER UPDATE OF path ON areas
BEGIN
    UPDATE list_versions SET version = version + 1 WHERE name = 'meters';
END;
