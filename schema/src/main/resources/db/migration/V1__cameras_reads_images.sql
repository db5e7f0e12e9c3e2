-- Schema owned by the migration role. Every service connects with its own role and gets only the grants
-- below (R23). Reads and images live in daily range partitions (UTC days) so retention drops whole days.

-- Cameras registered by the custodian; each belongs to exactly one camera gateway (an OIDC client id).
create table camera (
    id                text primary key,
    gateway_id        text not null,
    site              text not null,
    latitude          double precision not null check (latitude between -90 and 90),
    longitude         double precision not null check (longitude between -180 and 180),
    active            boolean not null default true,
    registered_at     timestamptz not null default now(),
    last_heartbeat_at timestamptz
);
create index camera_by_gateway on camera (gateway_id);

-- One data key per capture day, stored only wrapped by the master key (which is never in the database).
-- Destroying a day's key (wrapped_key set to null) makes that day unreadable everywhere, backups included.
create table data_key (
    day          date primary key,
    wrapped_key  bytea,
    created_at   timestamptz not null default now(),
    destroyed_at timestamptz,
    constraint data_key_destroyed_has_no_key check ((wrapped_key is null) = (destroyed_at is not null))
);

-- Idempotency of ingest (R4): one row per (gateway, gateway read id), whatever day the read falls on.
create table ingest_key (
    gateway_id      text not null,
    gateway_read_id text not null,
    read_id         uuid not null,
    captured_at     timestamptz not null,
    primary key (gateway_id, gateway_read_id)
);
create index ingest_key_by_capture on ingest_key (captured_at);

-- A plate read. Plate text, region, confidence, location and vehicle are sealed together with the day key
-- (R5); the plate can be found only through the day's keyed hashes of its normalized and look-alike forms.
create table plate_read (
    id                    uuid not null,
    captured_at           timestamptz not null,
    received_at           timestamptz not null,
    camera_id             text not null,
    gateway_id            text not null,
    gateway_read_id       text not null,
    plate_index           bytea not null,
    plate_lookalike_index bytea not null,
    sealed_details        bytea not null,
    primary key (id, captured_at)
) partition by range (captured_at);
create index plate_read_by_plate on plate_read (plate_index);
create index plate_read_by_lookalike on plate_read (plate_lookalike_index);
create index plate_read_by_camera on plate_read (camera_id, captured_at);

create table read_image (
    read_id      uuid not null,
    captured_at  timestamptz not null,
    kind         text not null check (kind in ('plate', 'overview')),
    media_type   text not null check (media_type in ('image/jpeg', 'image/png')),
    sealed_bytes bytea not null,
    primary key (read_id, kind, captured_at)
) partition by range (captured_at);

-- Creates the daily partitions of reads and images for the given days. Runs with the owner's rights so the
-- services can keep partitions ahead without holding DDL rights themselves.
create function ensure_partitions(first_day date, last_day date) returns integer
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
        foreach parent in array array['plate_read', 'read_image'] loop
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
revoke all on function ensure_partitions(date, date) from public;

-- ingest-service: registers cameras (custodian), takes reads and heartbeats, reports camera health.
grant select, insert, update on camera to alpr_ingest;
grant select, insert on data_key to alpr_ingest;
grant select, insert on ingest_key to alpr_ingest;
grant insert on plate_read, read_image to alpr_ingest;
grant select (camera_id, captured_at) on plate_read to alpr_ingest;
grant execute on function ensure_partitions(date, date) to alpr_ingest;
