-- The retention job (issue 5, R19, R20): whole capture days leave the database together, as dropped partitions,
-- and the day's data key is destroyed so that copies of the day in backups and WAL archives taken after the purge
-- cannot be opened either. alpr_retention may call the functions below (and ensure_partitions, R__partitions.sql),
-- which run with the owner's rights; it can read no data at all. Flyway applies this file after R__partitions.sql.

-- The retention minimum (R19, retention_guard): the moment a purge takes as now is the clock, or an earlier one (a
-- job's clock slightly ahead, within the guard's tolerance, is taken as the database's); a later one only on a
-- rehearsal database.
create or replace function retention_now(as_of timestamptz) returns timestamptz
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
revoke all on function retention_now(timestamptz) from public;

-- The capture days before the cutoff that still hold anything: a partition of any daily table, or a data key
-- that has not been destroyed.
create or replace function retention_expired_days(cutoff_day date) returns setof date
    language sql
    stable
    security definer
    set search_path = public, pg_temp
as $$
    select day from (
        select to_date(substring(c.relname from '_p(\d{8})$'), 'YYYYMMDD') as day
        from pg_inherits i
        join pg_class c on c.oid = i.inhrelid
        join pg_class p on p.oid = i.inhparent
        where p.relnamespace = 'public'::regnamespace
          and p.relname = any (daily_partitioned_tables())
          and c.relname ~ '_p\d{8}$'
        union
        select day from data_key where destroyed_at is null
    ) as held
    where day < cutoff_day
    order by day
$$;
revoke all on function retention_expired_days(date) from public;
grant execute on function retention_expired_days(date) to alpr_retention;

-- Purges one capture day in one transaction: each daily table's partition is counted, detached and dropped, the
-- day's data key destroyed, and the evidence packages holding a read of that day cleared (they no longer open). The
-- day's partitions are first locked against writes (share mode: a search may still read them, so it never waits on
-- the purge while holding a parent the purge waits for) and counted under that lock, so the receipt counts exactly
-- what is dropped. Only then are the parents locked, in one order, for the detaching and dropping, which take
-- milliseconds: ingest and search wait for those instead of for the counting (about 3 s for a day of 1 M reads when
-- the count was taken under the parents' locks). No day younger than the retention minimum is purged. Returns {"counts": {table: rows}, "keyDestroyed": true|false, "packagesCleared": n}.
create or replace function purge_day(purged_day date, as_of timestamptz) returns jsonb
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
            execute format('lock table %I in share mode', partition);
            execute format('select count(*) from %I', partition) into removed;
        end if;
        counts := counts || jsonb_build_object(parent, removed);
    end loop;
    foreach parent in array daily_partitioned_tables() loop
        partition := parent || '_p' || to_char(purged_day, 'YYYYMMDD');
        if to_regclass(format('public.%I', partition)) is not null then
            execute format('lock table %I in access exclusive mode', parent);
            execute format('alter table %I detach partition %I', parent, partition);
            execute format('drop table %I', partition);
        end if;
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
revoke all on function purge_day(date, timestamptz) from public;
grant execute on function purge_day(date, timestamptz) to alpr_retention;

-- Evidence packages are kept sealed only until their download window closes (R13); the manifest's hash, signature
-- and chain of custody stay as the record. No package is cleared before its window closes by the clock.
create or replace function clear_expired_export_packages(as_of timestamptz) returns integer
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
revoke all on function clear_expired_export_packages(timestamptz) from public;
grant execute on function clear_expired_export_packages(timestamptz) to alpr_retention;

-- The proof a purge ends with: what older than the cutoff is still held anywhere, counted from the tables
-- themselves (any partition, the default one included), not from the purge's own bookkeeping, including the
-- evidence packages still sealed that hold a read from before the cutoff.
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
revoke all on function retention_leftovers(timestamptz, timestamptz) from public;
grant execute on function retention_leftovers(timestamptz, timestamptz) to alpr_retention;
