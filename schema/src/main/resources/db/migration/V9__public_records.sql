-- Public-records reports (R32): how many rows of each daily table each capture day held when the purge removed it,
-- so that yearly totals (reads collected, hotlist hits) still count the days that are gone. Written only by the
-- owner's purge_day (R__retention.sql), in the transaction that detaches the day's partitions; audit-service reads it.
create table purged_day_rows (
    day        date not null,
    table_name text not null,
    row_count  bigint not null check (row_count >= 0),
    primary key (day, table_name)
);
grant select on purged_day_rows to alpr_audit;

-- The sharing report lists the hotlists the cameras are matched against by where they come from: a feed's file, or
-- the source an officer typed for an entry; and the hits each drew.
grant select (hotlist_id) on hotlist_feed to alpr_audit;
grant select (id, hotlist_id, source, created_at) on hotlist_entry to alpr_audit;
grant select (entry_id) on hotlist_alert to alpr_audit;
