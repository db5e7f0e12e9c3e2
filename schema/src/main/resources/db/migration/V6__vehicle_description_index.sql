-- ingest-service: the vehicle description search's index (R15, issue 18). The distinct buckets (of 1024,
-- DataKey.TRIGRAM_BUCKETS) the capture day's keyed hash puts the read's vehicle terms in (make, colour and body type
-- in NCIC's codes, common's VehicleCodes: make:TOYT, color:SIL, bodyType:4D); null when the engine described none.
-- A search selects candidates with it and confirms each on the opened read. Destroying the day's key leaves the
-- buckets unlinkable, like the plates' (R20). Reads stored before this migration have none and are not found by
-- description.
alter table plate_read add column vehicle_buckets smallint[];
create index plate_read_by_vehicle_bucket on plate_read using gin (vehicle_buckets);
