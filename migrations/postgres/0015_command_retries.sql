-- How often a command was handed to a network server, and the earliest time
-- it may be handed over again: a network that could not send it is given it
-- again after a growing pause, and a command it refused too often fails
-- (with its reason) instead of being offered every second until it expires.
ALTER TABLE commands ADD COLUMN tries BIGINT NOT NULL DEFAULT 0;
ALTER TABLE commands ADD COLUMN not_before BIGINT;
