-- query-service: hotlist feeds (R6, issue 18). The state's and NCIC's hotlist files, read from a configured location
-- on a schedule and on demand. Each feed fills a hotlist of its own; a refresh replaces the feed's entries in one
-- transaction (an entry missing from the new file stops matching, one still in it keeps its id and its alerts).

-- Missing persons beside stolen vehicles, wanted persons and Amber alerts: the kinds whose new entries may ask for a
-- search of the reads already held (under the entry's purpose and case).
alter table hotlist drop constraint hotlist_kind_check;
alter table hotlist add constraint hotlist_kind_check
    check (kind in ('stolen-vehicle', 'wanted', 'amber', 'missing-person', 'custom'));

-- A feed entry keeps its NCIC record type (stolen-vehicle, stolen-plate, felony-vehicle, wanted-person, amber-alert,
-- missing-person...), and the refresh that last found it in the feed's file; entries typed by a person have neither.
alter table hotlist_entry add column record_type text;
alter table hotlist_entry add column feed_refresh uuid;

-- What each configured feed last read: the file imported (its SHA-256 and modification time, which says how fresh
-- the list is), when, how many entries it holds, and the last refusal of a file. A feed whose imported file is older
-- than stale_after is stale: flagged in health, the console and the compliance report.
create table hotlist_feed (
    name             text primary key,
    layout           text not null check (layout in ('ncic', 'clew-svs', 'clew-sfr', 'clew-slr')),
    location         text not null,
    hotlist_id       uuid not null unique references hotlist (id),
    stale_after      interval not null,
    checked_at       timestamptz,
    refreshed_at     timestamptz,
    file_sha256      bytea check (length(file_sha256) = 32),
    file_modified_at timestamptz,
    entries          integer not null default 0,
    failed_at        timestamptz,
    failure          text,
    check ((failed_at is null) = (failure is null)),
    check ((refreshed_at is null) = (file_sha256 is null))
);

create index hotlist_entry_feed_match on hotlist_entry (hotlist_id, plate_index) where removed_at is null;

grant select, insert on hotlist_feed to alpr_query;
grant update (layout, location, stale_after, checked_at, refreshed_at, file_sha256, file_modified_at, entries, failed_at,
              failure) on hotlist_feed to alpr_query;
grant update (expires_at, reason, feed_refresh) on hotlist_entry to alpr_query;
grant select (name, layout, stale_after, refreshed_at, file_modified_at, entries, failed_at, failure) on hotlist_feed
    to alpr_audit;
