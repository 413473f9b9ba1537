-- A token that lives while used (an apiToken from toLogin): each use moves
-- its expiry to this many seconds later. NULL: the expiry is fixed.
ALTER TABLE sessions ADD COLUMN renew_seconds BIGINT;
