-- How many times the lists of meters may have changed: which meters a
-- filter matches, in which order, and what a search finds in them. A page
-- of a list is found from anchors kept in memory (every 100th id), valid
-- for as long as this counter holds the value they were built at. The
-- database moves it itself, for every writer: a service, another replica,
-- an SQL console. Readings only move a meter's register and times, not its
-- place in a list, so ingest leaves it alone.
CREATE TABLE list_versions (
    name TEXT NOT NULL PRIMARY KEY,
    version BIGINT NOT NULL
);
INSERT INTO list_versions (name, version) VALUES ('meters', 0);

-- Deferred to the commit and once per transaction: the counter's row lock is
-- then the last lock a transaction takes (no deadlock with other writers)
-- and a bulk import moves it once, not once per row.
CREATE FUNCTION meterline_meter_list_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF current_setting('meterline.meter_list_counted', true) IS DISTINCT FROM 'yes' THEN
        PERFORM set_config('meterline.meter_list_counted', 'yes', true);
        UPDATE list_versions SET version = version + 1 WHERE name = 'meters';
    END IF;
    RETURN NULL;
END
$$;

CREATE CONSTRAINT TRIGGER meter_list_insert AFTER INSERT ON meters
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION meterline_meter_list_changed();
CREATE CONSTRAINT TRIGGER meter_list_delete AFTER DELETE ON meters
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION meterline_meter_list_changed();
CREATE CONSTRAINT TRIGGER meter_list_update AFTER UPDATE OF status, area_id, household_id, energy_type,
    equipment_model_id, customer_name, customer_phone, serialnumber, dev_eui, imei ON meters
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION meterline_meter_list_changed();
CREATE CONSTRAINT TRIGGER meter_list_household_number AFTER UPDATE OF serialnumber ON households
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION meterline_meter_list_changed();
CREATE CONSTRAINT TRIGGER meter_list_area_path AFTER UPDATE OF path ON areas
    DEFERRABLE INITIALLY DEFERRED FOR EACH ROW EXECUTE FUNCTION meterline_meter_list_changed();
