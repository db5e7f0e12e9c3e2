-- The daily partitions (R20): reads and everything derived from them live in daily range partitions (UTC days),
-- so retention drops whole days. Flyway applies this file after the baseline and before R__retention.sql, whose
-- functions call daily_partitioned_tables.

-- The tables kept in daily partitions, in the order the purge locks them: the order ingest's insert takes them
-- (ingest_key, plate_read, hotlist_alert, read_image), so that a batch being stored and the purge never wait on each
-- other in a cycle (a deadlock, which PostgreSQL ends by failing one of them), then read_correction.
create or replace function daily_partitioned_tables() returns text[]
    language sql immutable
as $$
    select array['ingest_key', 'plate_read', 'hotlist_alert', 'read_image', 'read_correction']
$$;

-- The name of a daily table's partition of one UTC day, e.g. plate_read_p20261122.
create or replace function daily_partition(parent text, day date) returns text
    language sql immutable
as $$
    select parent || '_p' || to_char(day, 'YYYYMMDD')
$$;

-- The daily partitions that exist, by their names: attached, or detached by a purge that stopped before dropping them.
create or replace function daily_partitions_held() returns table (parent text, day date, attached boolean)
    language sql stable
as $$
    select substring(c.relname from '^(.*)_p\d{8}$'), to_date(substring(c.relname from '_p(\d{8})$'), 'YYYYMMDD'),
           exists (select 1 from pg_inherits i where i.inhrelid = c.oid)
    from pg_class c
    where c.relnamespace = 'public'::regnamespace
      and c.relkind = 'r'
      and substring(c.relname from '^(.*)_p\d{8}$') = any (daily_partitioned_tables())
$$;

-- Creates the daily partitions of every table kept in daily partitions for the given days. Runs with the owner's
-- rights so the services can keep partitions ahead without holding DDL rights themselves: ingest keeps the retention
-- window and three days ahead, the retention job a week ahead. Each partition is created as a table of its parent's
-- shape (its indexes and constraints, which attaching adopts as the parent's) and then attached: attaching takes
-- share update exclusive on the parent, which ingest and search do not wait for, where creating it as a partition
-- takes access exclusive, which queued every insert behind a long search for as long as it ran.
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
            if to_regclass(format('public.%I', daily_partition(parent, day))) is null then
                execute format('create table %I (like %I including all)', daily_partition(parent, day), parent);
                execute format('alter table %I attach partition %I for values from (%L) to (%L)',
                               parent, daily_partition(parent, day),
                               day::timestamp at time zone 'UTC', (day + 1)::timestamp at time zone 'UTC');
                created := created + 1;
            end if;
        end loop;
    end loop;
    return created;
end
$$;
revoke all on function ensure_partitions(date, date) from public;
grant execute on function ensure_partitions(date, date) to alpr_ingest, alpr_retention;
