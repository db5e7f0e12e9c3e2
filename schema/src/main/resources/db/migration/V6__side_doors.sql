-- Issue 15: the guarantees hold on the paths around the front doors too: against an insider with a valid token
-- and against whoever holds a dump, a replica or a backup of this database.

-- Reads and hotlist entries are now sealed and indexed differently, which only the services can redo (they hold the
-- keys). There is no production database yet: this migration refuses one that holds reads or hotlist entries.
do $$
begin
    if exists (select 1 from plate_read) or exists (select 1 from hotlist_entry) then
        raise exception 'V6 reseals reads and hotlist entries, which only the services can do with their keys: %',
            'apply it to a database without reads or hotlist entries (locally: delete .local-stack/ and start again)';
    end if;
end
$$;

-- ---------------------------------------------------------------------------------------------------------
-- The partial-search index (R5). Each read kept its trigrams' keyed hashes cut to 32 bits, in plate order: one value
-- per trigram, consecutive values overlapping by two characters, so a day's rows and one known plate spelled the
-- day's other plates. Now each read keeps the distinct buckets (of 1024, DataKey.TRIGRAM_BUCKETS) its trigrams fall
-- in, in ascending order: about twenty trigrams share each value, and nothing says where a piece stood.
drop index plate_read_by_trigram;
alter table plate_read drop column plate_trigrams;
alter table plate_read add column plate_trigram_buckets smallint[] not null;
create index plate_read_by_trigram_bucket on plate_read using gin (plate_trigram_buckets);

drop index read_correction_by_trigram;
alter table read_correction drop column plate_trigrams;
alter table read_correction add column plate_trigram_buckets smallint[] not null;
create index read_correction_by_trigram_bucket on read_correction using gin (plate_trigram_buckets);

-- ---------------------------------------------------------------------------------------------------------
-- Hotlist entries (R6, R29). The plate is sealed under the master key; ingest matches each read on a keyed hash of
-- the plate that only the master key gives, computing the read's own for the statement that stores it. An entry
-- typed by a person names why it is watched (a purpose of the policy) and for which case; its owner is the person
-- who added it (a username), who receives its alerts and may remove it.
drop index hotlist_entry_match;
alter table hotlist_entry drop column plate;
alter table hotlist_entry drop column plate_lookalike;
alter table hotlist_entry add column sealed_plate bytea not null;
alter table hotlist_entry add column plate_index bytea not null;
alter table hotlist_entry add column plate_lookalike_index bytea not null;
alter table hotlist_entry add column purpose text;
create index hotlist_entry_match on hotlist_entry (plate_lookalike_index) where removed_at is null;
create index hotlist_entry_by_owner on hotlist_entry (owner) where removed_at is null;
grant select (id, hotlist_id, plate_index, plate_lookalike_index, expires_at, removed_at) on hotlist_entry to alpr_ingest;

-- ---------------------------------------------------------------------------------------------------------
-- Camera registrations (R2, R21), every version of them: ingest writes one with each registration and change, in
-- the transaction that logs it. A read seals its camera's site as registered then; searches by area also look at
-- where a camera stood before it was moved.
create table camera_registration (
    camera_id   text not null,
    version     integer not null check (version > 0),
    gateway_id  text not null,
    site        text not null,
    latitude    double precision not null check (latitude between -90 and 90),
    longitude   double precision not null check (longitude between -180 and 180),
    active      boolean not null,
    recorded_at timestamptz not null default now(),
    recorded_by text not null,
    primary key (camera_id, version)
);
create trigger camera_registration_append_only before update or delete on camera_registration
    for each row execute function refuse_change_of_evidence();
insert into camera_registration (camera_id, version, gateway_id, site, latitude, longitude, active, recorded_at,
                                 recorded_by)
select id, 1, gateway_id, site, latitude, longitude, active, registered_at, 'migration V6' from camera;
grant select, insert on camera_registration to alpr_ingest;
grant select on camera_registration to alpr_query;

-- ---------------------------------------------------------------------------------------------------------
-- Evidence packages (R13, R20): sealed under a key every capture day of their reads contributes to, so a package
-- does not open once any of its days is purged, in the database or in a backup taken since. The days are recorded
-- so the package can be opened while they last, and cleared when the first of them is purged. The manifest is sealed
-- the same way and goes with the first of its days: the SHA-256 of reads.csv it lists can be matched against guesses
-- of the plates of a small export. Its hash and signature stay for good, and recognise a package presented later.
-- Manifests from before this migration were kept in plain text; they are dropped with it.
alter table evidence_export add column capture_days date[];
update evidence_export set sealed_package = null where sealed_package is not null;
alter table evidence_export drop column manifest;
alter table evidence_export add column sealed_manifest bytea;
create index evidence_export_by_capture_day on evidence_export using gin (capture_days) where sealed_manifest is not null;

-- Who holds a package after each custody event: the creator at first, then whoever a hand-over names; null once it
-- went to someone outside the system. Only the current holder records the next hand-over.
alter table custody_event add column holder text;
update custody_event c set holder = e.created_by from evidence_export e
 where e.id = c.export_id and c.event <> 'transferred';

-- ---------------------------------------------------------------------------------------------------------
-- Agencies (R34; Civil Code 1798.90.5, AG bulletin 2023-DLE-06): a public agency is a state or local agency only, so
-- each agency records its level. Agencies registered before carried only a flag, which let a federal office pass as
-- a public agency: they are recorded as private until the custodian registers them again with their level.
alter table agency add column level text;
update agency set level = 'private';
alter table agency alter column level set not null;
alter table agency add constraint agency_level check (level in ('local', 'state', 'federal', 'tribal', 'private'));
alter table agency drop column public_agency;

-- ---------------------------------------------------------------------------------------------------------
-- Compliance audit runs (R18, R29) also flag entries of custom hotlists added without a case number.
alter table audit_run_item drop constraint audit_run_item_kind_check;
alter table audit_run_item add constraint audit_run_item_kind_check check (kind in ('sample', 'vague-purpose',
    'off-hours', 'unusual-volume', 'no-case-number', 'custom-entry-without-case'));

-- ---------------------------------------------------------------------------------------------------------
-- The access log's integrity edges (R17).
-- Each service's role writes records of its own service only: a role cannot pass its accesses off as another's.
create table audit_service_role (
    role    name primary key,
    service text not null unique
);
insert into audit_service_role (role, service) values
    ('alpr_ingest', 'ingest-service'), ('alpr_query', 'query-service'), ('alpr_audit', 'audit-service'),
    ('alpr_retention', 'retention-service');

create or replace function audit_event_chain() returns trigger
    language plpgsql
    security definer
    set search_path = public, pg_temp
as $$
declare
    last_seq  bigint;
    last_hash bytea;
    bound     text;
begin
    select service into bound from audit_service_role where role = session_user;
    if bound is not null and new.service is distinct from bound then
        raise exception 'the role % writes access-log records of % only, not of %', session_user, bound, new.service
            using errcode = '42501';
    end if;
    perform pg_advisory_xact_lock(hashtext('alpr.audit_event.chain'));
    select seq, hash into last_seq, last_hash from audit_event order by seq desc limit 1;
    new.seq := coalesce(last_seq, 0) + 1;
    new.occurred_at := clock_timestamp();
    new.prev_hash := coalesce(last_hash, decode(repeat('00', 32), 'hex'));
    new.hash := sha256(new.prev_hash || audit_event_canonical(new));
    return new;
end
$$;

-- Records leave the log only through audit_event_expire, run as the owner, and only when two years old. The escape
-- was a session setting that any session could set; now the trigger checks that the owner's expiry function is the
-- one deleting. The owner and a superuser can still disable the trigger, which verification then finds (the chain).
create or replace function audit_event_is_append_only() returns trigger
    language plpgsql
as $$
declare
    caller text;
begin
    if tg_op = 'DELETE' then
        get diagnostics caller = pg_context;
        if caller like '%PL/pgSQL function audit_event_expire(timestamp with time zone)%'
           and current_user = (select pg_get_userbyid(relowner) from pg_class where oid = tg_relid)
           and old.occurred_at < now() - interval '2 years' then
            return old;
        end if;
    end if;
    raise exception 'the access log is append-only: % is not permitted', tg_op;
end
$$;

create or replace function audit_event_expire(cutoff timestamptz) returns bigint
    language plpgsql
    security definer
    set search_path = public, pg_temp
as $$
declare
    last_removed audit_event;
    removed      bigint;
begin
    if cutoff > now() - interval '2 years' then
        raise exception 'access-log records are kept at least two years; a cutoff of % is too recent', cutoff;
    end if;
    perform pg_advisory_xact_lock(hashtext('alpr.audit_event.chain'));
    select * into last_removed from audit_event where occurred_at < cutoff order by seq desc limit 1;
    if last_removed.seq is null then
        return 0;
    end if;
    delete from audit_event where seq <= last_removed.seq;
    get diagnostics removed = row_count;
    insert into audit_expiry (through_seq, through_hash, through_occurred_at, removed, cutoff, expired_by)
    values (last_removed.seq, last_removed.hash, last_removed.occurred_at, removed, cutoff, session_user);
    return removed;
end
$$;

-- ---------------------------------------------------------------------------------------------------------
-- The retention minimum (R19), enforced by the database itself: whatever the job or its role asks, no day younger
-- than the minimum is purged and no evidence package is cleared before its window closes. The moment a purge takes
-- as now is the clock, or an earlier one (a job's clock slightly ahead is taken as the database's); a later one only
-- on a rehearsal database, which only the owner (or a superuser) marks, and which the production migration never does.
create table retention_guard (
    singleton       boolean primary key default true check (singleton),
    minimum_days    integer not null check (minimum_days >= 1),
    -- how far a job's clock may run ahead of the database's (skew between hosts) and still be taken, as the
    -- database's own: a purge never takes a day early
    clock_tolerance interval not null default '5 minutes' check (clock_tolerance >= interval '0'),
    rehearsal       boolean not null default false
);
insert into retention_guard (minimum_days) values (30);

create function retention_now(as_of timestamptz) returns timestamptz
    language plpgsql
    stable
    security definer
    set search_path = public, pg_temp
as $$
begin
    if as_of is null then
        raise exception 'a purge names the moment it takes as now';
    end if;
    if (select rehearsal from retention_guard) then
        return as_of;
    end if;
    if as_of > now() + (select clock_tolerance from retention_guard) then
        raise exception 'a purge as of % is later than the clock (%): only a rehearsal database takes a clock ahead',
            as_of, now() using errcode = '42501';
    end if;
    return least(as_of, now());
end
$$;

drop function purge_day(date);

-- Purges one capture day in one transaction: each daily table's partition is counted, detached and dropped, the
-- day's data key destroyed, and the evidence packages holding a read of that day cleared (they no longer open). The
-- parents are locked in one order (ingest and search wait for the seconds this takes for a day of 1 M reads,
-- measured in BENCHMARKS.md), and the count is taken under that lock, so the receipt counts exactly what was dropped.
-- Returns {"counts": {table: rows}, "keyDestroyed": true|false, "packagesCleared": n}.
create function purge_day(purged_day date, as_of timestamptz) returns jsonb
    language plpgsql
    security definer
    set search_path = public, pg_temp
as $$
declare
    minimum   integer := (select minimum_days from retention_guard);
    today     date := (retention_now(as_of) at time zone 'UTC')::date;
    parent    text;
    partition text;
    removed   bigint;
    counts    jsonb := '{}';
    destroyed integer;
    cleared   integer;
begin
    if purged_day >= today - minimum then
        raise exception 'purge_day: % is not yet % days old on %; the database keeps every day at least that long',
            purged_day, minimum, today using errcode = '42501';
    end if;
    perform pg_advisory_xact_lock(hashtext('alpr.ensure_partitions'));
    foreach parent in array daily_partitioned_tables() loop
        partition := parent || '_p' || to_char(purged_day, 'YYYYMMDD');
        removed := 0;
        if to_regclass(format('public.%I', partition)) is not null then
            execute format('lock table %I in access exclusive mode', parent);
            execute format('select count(*) from %I', partition) into removed;
            execute format('alter table %I detach partition %I', parent, partition);
            execute format('drop table %I', partition);
        end if;
        counts := counts || jsonb_build_object(parent, removed);
    end loop;
    update data_key set wrapped_key = null, destroyed_at = now()
    where day = purged_day and destroyed_at is null;
    get diagnostics destroyed = row_count;
    update evidence_export set sealed_package = null, sealed_manifest = null
    where sealed_manifest is not null and capture_days @> array[purged_day];
    get diagnostics cleared = row_count;
    return jsonb_build_object('counts', counts, 'keyDestroyed', destroyed > 0, 'packagesCleared', cleared);
end
$$;

drop function clear_expired_export_packages(timestamptz);

-- Evidence packages are kept sealed only until their download window closes (R13); the manifest, signature and
-- chain of custody stay as the record. No package is cleared before its window closes by the clock.
create function clear_expired_export_packages(as_of timestamptz) returns integer
    language plpgsql
    security definer
    set search_path = public, pg_temp
as $$
declare
    cleared integer;
begin
    update evidence_export set sealed_package = null
    where package_expires_at <= retention_now(as_of) and sealed_package is not null;
    get diagnostics cleared = row_count;
    return cleared;
end
$$;

-- The proof a purge ends with also counts evidence packages still sealed that hold a read from before the cutoff.
create or replace function retention_leftovers(cutoff timestamptz, as_of timestamptz) returns jsonb
    language sql
    stable
    security definer
    set search_path = public, pg_temp
as $$
    select jsonb_build_object(
        'plate_read', (select count(*) from plate_read where captured_at < cutoff),
        'read_image', (select count(*) from read_image where captured_at < cutoff),
        'hotlist_alert', (select count(*) from hotlist_alert where captured_at < cutoff),
        'read_correction', (select count(*) from read_correction where captured_at < cutoff),
        'ingest_key', (select count(*) from ingest_key where captured_at < cutoff),
        'data_key', (select count(*) from data_key
                     where day < (cutoff at time zone 'UTC')::date and destroyed_at is null),
        'evidence_export_package', (select count(*) from evidence_export
                                    where (sealed_package is not null and package_expires_at <= retention_now(as_of))
                                       or (sealed_manifest is not null
                                           and exists (select 1 from unnest(capture_days) as day
                                                       where day < (cutoff at time zone 'UTC')::date))))
$$;

revoke all on function retention_now(timestamptz), purge_day(date, timestamptz),
    clear_expired_export_packages(timestamptz) from public;
grant execute on function purge_day(date, timestamptz), clear_expired_export_packages(timestamptz) to alpr_retention;
