-- A radio session belongs to a meter (docs/security.md): whoever holds its
-- keys can charge the meter's household. Sessions registered before that
-- rule for a DevEUI no meter has were registered by nobody accountable for
-- such a meter; they end here, and the meter's operators register anew.
DELETE FROM lorawan_devices WHERE dev_eui NOT IN (SELECT dev_eui FROM meters WHERE dev_eui IS NOT NULL);
