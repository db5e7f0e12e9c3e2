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

-- The capture days before the cutoff that still hold anything: a partition of any daily table (attached, or detached
-- by a purge that stopped before dropping it), or a data key that has not been destroyed.
create or replace function retention_expired_days(cutoff_day date) returns setof date
    language sql
    stable
    security definer
    set search_path = public, pg_temp
as $$
    select day from (
        select day from daily_partitions_held()
        union
        select day from data_key where destroyed_at is null
    ) as held
    where day < cutoff_day
    order by day
$$;
revoke all on function retention_expired_days(date) from public;
grant execute on function retention_expired_days(date) to alpr_retention;

-- Purges one capture day in one transaction: each daily table's partition is counted and detached, the day's data key
-- destroyed, and the evidence packages holding a read of that day cleared (they no longer open). No day younger than
-- the retention minimum is purged. Returns {"counts": {table: rows}, "keyDestroyed": true|false, "packagesCleared": n}.
-- The rows of each partition it detaches are added to purged_day_rows, which yearly totals count (R32); a partition
-- left detached by an earlier run was added then, and is counted in the receipt but not again there.
--
-- Nothing here may hold up ingest or search for longer than a moment, so every long wait happens where it blocks no
-- one:
-- - The day's partitions are first altered, which only takes a lock: share update exclusive on each and on its TOAST
--   table. A running autovacuum of either (a bulk-written day of images is vacuumed for minutes) is cancelled by it
--   after deadlock_timeout (1 s; one that prevents transaction-id wraparound is waited for, up to the caller's
--   lock_timeout), and no other starts on them before this transaction ends. That wait holds no parent.
-- - Then, in each attempt, the partitions are locked against writes (share mode: a search may still read them, so it
--   never waits on the purge while holding a parent the purge waits for) and counted under that lock, so the receipt
--   counts exactly what leaves; then the parents are locked, in the order ingest's insert takes them, and the
--   partitions detached, which takes milliseconds. Ingest and search queue behind a request for a parent's lock, so
--   all the parents' locks of one attempt are waited for at most parent_lock_wait_ms together. Not granted in time (a
--   long search), the attempt is rolled back, which lets go of every lock it took (the share locks too: an officer's
--   update of an alert by its id takes every partition of hotlist_alert, and may be waiting for them holding the
--   parent), and after as long again the purge tries anew, up to parent_lock_attempts times before it fails with
--   lock_not_available.
-- The detached partitions are dropped by drop_detached_partitions, in a transaction of its own: dropping unlinks the
-- day's files (9 GB for 1 M reads) at commit, which under the parents' locks held ingest and search for seconds, as
-- did counting under them before.
drop function if exists purge_day(date, timestamptz);
create or replace function purge_day(purged_day date, as_of timestamptz, parent_lock_wait_ms integer,
                                     parent_lock_attempts integer) returns jsonb
    language plpgsql
    security definer
    set search_path = public, pg_temp
as $$
declare
    parent       text;
    partition    text;
    removed      bigint;
    counts       jsonb;
    detached     jsonb;
    destroyed    integer;
    cleared      integer;
    attempt      integer := 1;
    detaching    boolean;
    deadline     timestamptz;
    session_wait text := current_setting('lock_timeout');
begin
    perform retention_refuse_young(purged_day, as_of);
    if parent_lock_wait_ms is null or parent_lock_wait_ms not between 1 and 1000 or parent_lock_attempts is null
       or parent_lock_attempts not between 1 and 10000 then
        raise exception 'purge_day: parent_lock_wait_ms lies in 1..1000 and parent_lock_attempts in 1..10000'
            using errcode = '22023';
    end if;
    perform pg_advisory_xact_lock(hashtext('alpr.ensure_partitions'));
    foreach parent in array daily_partitioned_tables() loop
        partition := daily_partition(parent, purged_day);
        if to_regclass(format('public.%I', partition)) is not null then
            execute format('alter table %I set (autovacuum_enabled = off, toast.autovacuum_enabled = off)', partition);
        end if;
    end loop;
    loop
        detaching := false;
        begin
            counts := '{}';
            foreach parent in array daily_partitioned_tables() loop
                partition := daily_partition(parent, purged_day);
                removed := 0;
                if to_regclass(format('public.%I', partition)) is not null then
                    execute format('lock table %I in share mode', partition);
                    execute format('select count(*) from %I', partition) into removed;
                end if;
                counts := counts || jsonb_build_object(parent, removed);
            end loop;
            detaching := true;
            detached := '{}';
            deadline := clock_timestamp() + parent_lock_wait_ms * interval '1 millisecond';
            foreach parent in array daily_partitioned_tables() loop
                partition := daily_partition(parent, purged_day);
                if exists (select 1 from pg_inherits
                           where inhrelid = to_regclass(format('public.%I', partition))) then
                    perform set_config('lock_timeout',
                        greatest(1, ceil(extract(epoch from deadline - clock_timestamp()) * 1000))::integer || 'ms',
                        true);
                    execute format('lock table %I in access exclusive mode', parent);
                    execute format('alter table %I detach partition %I', parent, partition);
                    detached := detached || jsonb_build_object(parent, counts -> parent);
                end if;
            end loop;
            perform set_config('lock_timeout', session_wait, true);
            exit;
        exception when lock_not_available then
            if not detaching then
                raise;
            end if;
            if attempt >= parent_lock_attempts then
                raise exception 'purge_day: the tables of % were busy in each of % attempts', purged_day, attempt
                    using errcode = '55P03';
            end if;
            attempt := attempt + 1;
            perform pg_sleep(parent_lock_wait_ms / 1000.0);
        end;
    end loop;
    insert into purged_day_rows (day, table_name, row_count)
    select purged_day, key, value::bigint from jsonb_each_text(detached)
    on conflict (day, table_name) do update set row_count = purged_day_rows.row_count + excluded.row_count;
    update data_key set wrapped_key = null, destroyed_at = now()
    where day = purged_day and destroyed_at is null;
    get diagnostics destroyed = row_count;
    update evidence_export set sealed_package = null, sealed_manifest = null
    where sealed_manifest is not null and capture_days @> array[purged_day];
    get diagnostics cleared = row_count;
    return jsonb_build_object('counts', counts, 'keyDestroyed', destroyed > 0, 'packagesCleared', cleared);
end
$$;
revoke all on function purge_day(date, timestamptz, integer, integer) from public;
grant execute on function purge_day(date, timestamptz, integer, integer) to alpr_retention;

-- Drops the partitions of a purged day that purge_day detached; they lock nothing but themselves, so their files are
-- unlinked at this commit without holding up ingest or search. A run that stopped between the two leaves them
-- detached: retention_expired_days finds the day again, and retention_leftovers counts them until they are gone.
-- Returns how many tables it dropped.
create or replace function drop_detached_partitions(purged_day date, as_of timestamptz) returns integer
    language plpgsql
    security definer
    set search_path = public, pg_temp
as $$
declare
    parent    text;
    partition text;
    dropped   integer := 0;
begin
    perform retention_refuse_young(purged_day, as_of);
    foreach parent in array daily_partitioned_tables() loop
        partition := daily_partition(parent, purged_day);
        if to_regclass(format('public.%I', partition)) is not null
           and not exists (select 1 from pg_inherits where inhrelid = to_regclass(format('public.%I', partition))) then
            execute format('drop table %I', partition);
            dropped := dropped + 1;
        end if;
    end loop;
    return dropped;
end
$$;
revoke all on function drop_detached_partitions(date, timestamptz) from public;
grant execute on function drop_detached_partitions(date, timestamptz) to alpr_retention;

-- The retention minimum for a day about to be purged (R19, retention_guard).
create or replace function retention_refuse_young(purged_day date, as_of timestamptz) returns void
    language plpgsql
    stable
    security definer
    set search_path = public, pg_temp
as $$
declare
    minimum integer := (select minimum_days from retention_guard);
    today   date := (retention_now(as_of) at time zone 'UTC')::date;
begin
    if purged_day >= today - minimum then
        raise exception 'purge_day: % is not yet % days old on %; the database keeps every day at least that long',
            purged_day, minimum, today using errcode = '42501';
    end if;
end
$$;
revoke all on function retention_refuse_young(date, timestamptz) from public;

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
        'detached_partition', (select count(*) from daily_partitions_held()
                               where not attached and day < (cutoff at time zone 'UTC')::date),
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
