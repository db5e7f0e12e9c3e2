-- The retention job (issue 5, R19, R20): whole capture days leave the database together, as dropped partitions,
-- and the day's data key is destroyed so that copies of the day in backups and WAL archives taken after the
-- purge cannot be opened either. The job connects as alpr_retention, which may call the owner's functions below
-- and write its receipts, and can read no data at all.

-- ---------------------------------------------------------------------------------------------------------
-- The idempotency keys are derived from the reads (gateway read id, read id, capture time), so they too live in
-- daily partitions and leave with the day. A replayed read carries its original capture time, so the key
-- includes it; a gateway that reuses a read id for another capture gets a second read, not a silent duplicate.
alter table ingest_key rename to ingest_key_before_v5;
alter index ingest_key_pkey rename to ingest_key_before_v5_pkey;
drop index ingest_key_by_capture;

create table ingest_key (
    gateway_id      text not null,
    gateway_read_id text not null,
    read_id         uuid not null,
    captured_at     timestamptz not null,
    primary key (gateway_id, gateway_read_id, captured_at)
) partition by range (captured_at);

-- The tables kept in daily partitions, in the order the purge locks them.
create function daily_partitioned_tables() returns text[]
    language sql immutable
as $$
    select array['plate_read', 'read_image', 'hotlist_alert', 'read_correction', 'ingest_key']
$$;

create or replace function ensure_partitions(first_day date, last_day date) returns integer
    language plpgsql
    security definer
    set search_path = public, pg_temp
as $$
declare
    day     date;
    created integer := 0;
    parent  text;
begin
    if last_day < first_day or last_day - first_day > 366 then
        raise exception 'ensure_partitions: invalid range % to %', first_day, last_day;
    end if;
    perform pg_advisory_xact_lock(hashtext('alpr.ensure_partitions'));
    for day in select generate_series(first_day, last_day, interval '1 day')::date loop
        foreach parent in array daily_partitioned_tables() loop
            if to_regclass(format('public.%I', parent || '_p' || to_char(day, 'YYYYMMDD'))) is null then
                execute format('create table %I partition of %I for values from (%L) to (%L)',
                               parent || '_p' || to_char(day, 'YYYYMMDD'), parent,
                               day::timestamp at time zone 'UTC', (day + 1)::timestamp at time zone 'UTC');
                created := created + 1;
            end if;
        end loop;
    end loop;
    return created;
end
$$;

do $$
declare
    first_day date;
    last_day  date;
begin
    select min(day), max(day) into first_day, last_day from (
        select (captured_at at time zone 'UTC')::date as day from ingest_key_before_v5
        union all
        select to_date(substring(relname from '\d{8}$'), 'YYYYMMDD') from pg_class where relname ~ '^plate_read_p\d{8}$'
    ) as days;
    if first_day is not null then
        perform ensure_partitions(first_day, last_day);
    end if;
end
$$;
insert into ingest_key (gateway_id, gateway_read_id, read_id, captured_at)
select gateway_id, gateway_read_id, read_id, captured_at from ingest_key_before_v5;
drop table ingest_key_before_v5;

grant select, insert on ingest_key to alpr_ingest;

-- ---------------------------------------------------------------------------------------------------------
-- The capture days before the cutoff that still hold anything: a partition of any daily table, or a data key
-- that has not been destroyed.
create function retention_expired_days(cutoff_day date) returns setof date
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

-- Purges one capture day in one transaction: each daily table's partition is counted, detached and dropped, and
-- the day's data key destroyed. The parents are locked in one order (ingest and search wait for the seconds this
-- takes for a day of 1 M reads, measured in BENCHMARKS.md), and the count is taken under that lock, so the receipt
-- counts exactly what was dropped. Returns {"counts": {table: rows}, "keyDestroyed": true|false}.
create function purge_day(purged_day date) returns jsonb
    language plpgsql
    security definer
    set search_path = public, pg_temp
as $$
declare
    parent    text;
    partition text;
    removed   bigint;
    counts    jsonb := '{}';
    destroyed integer;
begin
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
    return jsonb_build_object('counts', counts, 'keyDestroyed', destroyed > 0);
end
$$;

-- Evidence packages are kept sealed only until their download window closes (R13); the manifest, signature and
-- chain of custody stay as the record.
create function clear_expired_export_packages(as_of timestamptz) returns integer
    language plpgsql
    security definer
    set search_path = public, pg_temp
as $$
declare
    cleared integer;
begin
    update evidence_export set sealed_package = null
    where package_expires_at <= as_of and sealed_package is not null;
    get diagnostics cleared = row_count;
    return cleared;
end
$$;

-- The proof a purge ends with: what older than the cutoff is still held anywhere, counted from the tables
-- themselves (any partition, the default one included), not from the purge's own bookkeeping.
create function retention_leftovers(cutoff timestamptz, as_of timestamptz) returns jsonb
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
                                    where package_expires_at <= as_of and sealed_package is not null))
$$;

revoke all on function retention_expired_days(date), purge_day(date), clear_expired_export_packages(timestamptz),
    retention_leftovers(timestamptz, timestamptz) from public;

-- ---------------------------------------------------------------------------------------------------------
-- Receipts record the retention in force and the clock the job ran by, and what the final check found; once
-- written they never change.
alter table purge_receipt add column retention_days integer;
alter table purge_receipt add column as_of timestamptz;
alter table purge_receipt add column leftovers jsonb;
create trigger purge_receipt_append_only before update or delete on purge_receipt
    for each row execute function refuse_change_of_evidence();

-- alpr_retention: purges through the functions above, keeps partitions ahead, writes receipts and logs its runs.
grant execute on function ensure_partitions(date, date), retention_expired_days(date), purge_day(date),
    clear_expired_export_packages(timestamptz), retention_leftovers(timestamptz, timestamptz) to alpr_retention;
grant insert on purge_receipt to alpr_retention;
grant insert on audit_event to alpr_retention;
