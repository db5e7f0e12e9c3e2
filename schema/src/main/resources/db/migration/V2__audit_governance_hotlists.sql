-- The access log, the governance records access depends on, hotlists and their alerts, corrections, evidence
-- exports and shares. Service roles are created by the operator before migrating (see AlprDatabase).

-- ---------------------------------------------------------------------------------------------------------
-- Access log (R16, R17). Append-only: services may only insert, and a trigger refuses UPDATE, DELETE and
-- TRUNCATE for everyone. Each row is chained to the one before it: seq is gapless and hash covers the
-- previous hash and every field, so any edited, deleted, inserted or reordered row breaks the chain. The
-- chain is extended under a transaction-scoped lock, so the order of seq is the order of commit. Writers use
-- READ COMMITTED (the default): the trigger must see the row committed by the lock's previous holder.
create table audit_event (
    seq            bigint primary key,
    occurred_at    timestamptz not null,
    service        text not null,
    action         text not null,
    outcome        text not null check (outcome in ('granted', 'refused')),
    username       text not null,
    agency         text,
    role           text,
    purpose        text,
    case_number    text,
    data_elements  jsonb not null,
    result_count   integer,
    target         text,
    reason         text,
    client_address text,
    prev_hash      bytea not null,
    hash           bytea not null
);
create index audit_event_by_time on audit_event (occurred_at);
create index audit_event_by_user on audit_event (username, occurred_at);

-- The exact bytes hashed for a row; the verifier recomputes them the same way.
create function audit_event_canonical(e audit_event) returns bytea
    language sql stable
as $$
    select convert_to(jsonb_build_object(
        'seq', e.seq, 'occurredAt', to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'service', e.service, 'action', e.action, 'outcome', e.outcome, 'username', e.username,
        'agency', e.agency, 'role', e.role, 'purpose', e.purpose, 'caseNumber', e.case_number,
        'dataElements', e.data_elements, 'resultCount', e.result_count, 'target', e.target,
        'reason', e.reason, 'clientAddress', e.client_address)::text, 'UTF8')
$$;

create function audit_event_chain() returns trigger
    language plpgsql
    security definer
    set search_path = public, pg_temp
as $$
declare
    last_seq  bigint;
    last_hash bytea;
begin
    perform pg_advisory_xact_lock(hashtext('alpr.audit_event.chain'));
    select seq, hash into last_seq, last_hash from audit_event order by seq desc limit 1;
    new.seq := coalesce(last_seq, 0) + 1;
    new.occurred_at := clock_timestamp();
    new.prev_hash := coalesce(last_hash, decode(repeat('00', 32), 'hex'));
    new.hash := sha256(new.prev_hash || audit_event_canonical(new));
    return new;
end
$$;
create trigger audit_event_chain before insert on audit_event for each row execute function audit_event_chain();

create function audit_event_is_append_only() returns trigger
    language plpgsql
as $$
begin
    raise exception 'the access log is append-only: % is not permitted', tg_op;
end
$$;
create trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_is_append_only();
create trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_is_append_only();

-- ---------------------------------------------------------------------------------------------------------
-- Governance records kept by the custodian (R8, R11, R14).
create table training_record (
    id           bigint generated always as identity primary key,
    username     text not null,
    course       text not null,
    completed_at timestamptz not null,
    expires_at   timestamptz not null,
    recorded_by  text not null,
    recorded_at  timestamptz not null default now(),
    check (expires_at > completed_at)
);
create index training_record_by_user on training_record (username, expires_at);

-- The custodian's written permission for the contractor to help collect evidence for one case (003 §3).
create table contractor_grant (
    id                 uuid primary key,
    username           text not null,
    case_number        text not null,
    document_reference text not null,
    starts_at          timestamptz not null,
    ends_at            timestamptz not null,
    granted_by         text not null,
    granted_at         timestamptz not null default now(),
    revoked_at         timestamptz,
    check (ends_at > starts_at)
);
create index contractor_grant_by_user on contractor_grant (username, ends_at);

-- Agencies data may be shared with (003 §1, §6; Civil Code 1798.90.55).
create table agency (
    id            text primary key,
    name          text not null,
    kind          text not null check (kind in ('law-enforcement', 'prosecutorial')),
    state         text not null check (state ~ '^[A-Z]{2}$'),
    public_agency boolean not null,
    active        boolean not null default true,
    registered_by text not null,
    registered_at timestamptz not null default now()
);

-- Under a policy where only the custodian has access until law enforcement asks (003 §5), an officer's request
-- for one case, and the custodian's decision on it (R10).
create table law_enforcement_request (
    id           uuid primary key,
    case_number  text not null,
    purpose      text not null,
    justification text not null,
    requested_by text not null,
    agency       text not null,
    requested_at timestamptz not null default now(),
    decided_by   text,
    decided_at   timestamptz,
    approved     boolean,
    expires_at   timestamptz,
    check ((decided_at is null) = (approved is null))
);
create index law_enforcement_request_by_case on law_enforcement_request (case_number);

-- ---------------------------------------------------------------------------------------------------------
-- Hotlists (R6). Entries keep the plate as entered by sworn personnel and its look-alike form for matching.
create table hotlist (
    id         uuid primary key,
    name       text not null unique,
    kind       text not null check (kind in ('stolen-vehicle', 'wanted', 'amber', 'custom')),
    created_by text not null,
    created_at timestamptz not null default now()
);

create table hotlist_entry (
    id              uuid primary key,
    hotlist_id      uuid not null references hotlist (id),
    plate           text not null,
    plate_lookalike text not null,
    region          text,
    source          text not null,
    reason          text not null,
    case_number     text,
    owner           text not null,
    expires_at      timestamptz not null,
    created_by      text not null,
    created_at      timestamptz not null default now(),
    removed_by      text,
    removed_at      timestamptz,
    check ((removed_by is null) = (removed_at is null))
);
create index hotlist_entry_match on hotlist_entry (plate_lookalike) where removed_at is null;
create index hotlist_entry_by_list on hotlist_entry (hotlist_id);

-- A read matched an active entry (R7). Derived from the read, so it lives in the read's day partition and
-- leaves with it (R20).
create table hotlist_alert (
    id               uuid not null,
    captured_at      timestamptz not null,
    read_id          uuid not null,
    camera_id        text not null,
    entry_id         uuid not null,
    hotlist_id       uuid not null,
    exact_match      boolean not null,
    raised_at        timestamptz not null default now(),
    disposition      text check (disposition in ('confirmed', 'misread', 'dismissed')),
    disposed_by      text,
    disposed_at      timestamptz,
    disposition_note text,
    primary key (id, captured_at),
    check ((disposition is null) = (disposed_at is null))
) partition by range (captured_at);
create index hotlist_alert_by_read on hotlist_alert (read_id);
create index hotlist_alert_by_raised on hotlist_alert (raised_at);

-- Subscribed officers hear of every new alert within a second, whichever replica they are connected to.
create function hotlist_alert_announce() returns trigger
    language plpgsql
as $$
begin
    perform pg_notify('alpr_alerts', new.id::text);
    return null;
end
$$;
create trigger hotlist_alert_announce after insert on hotlist_alert
    for each row execute function hotlist_alert_announce();

-- ---------------------------------------------------------------------------------------------------------
-- Partial plate search (issue 3): each read carries the day's keyed hashes of the trigrams of its
-- look-alike plate, truncated to 32 bits, so wildcards can be searched without storing the plate.
alter table plate_read add column plate_trigrams integer[] not null default '{}';
create index plate_read_by_trigram on plate_read using gin (plate_trigrams);

-- A correction of a misread (R22). The original read is never changed; the corrected plate is sealed under the
-- read's day key and indexed the same way, so searches find the read by either plate.
create table read_correction (
    id                    uuid not null,
    read_id               uuid not null,
    captured_at           timestamptz not null,
    plate_index           bytea not null,
    plate_lookalike_index bytea not null,
    plate_trigrams        integer[] not null,
    sealed_correction     bytea not null,
    corrected_by          text not null,
    corrected_at          timestamptz not null default now(),
    primary key (id, captured_at)
) partition by range (captured_at);
create index read_correction_by_read on read_correction (read_id);
create index read_correction_by_plate on read_correction (plate_index);
create index read_correction_by_lookalike on read_correction (plate_lookalike_index);
create index read_correction_by_trigram on read_correction using gin (plate_trigrams);

-- The daily partitions now include alerts and corrections.
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
        foreach parent in array array['plate_read', 'read_image', 'hotlist_alert', 'read_correction'] loop
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

-- Partitions that existed before this migration get their alert and correction partitions now.
do $$
declare
    first_day date;
    last_day  date;
begin
    select min(to_date(substring(relname from '\d{8}$'), 'YYYYMMDD')),
           max(to_date(substring(relname from '\d{8}$'), 'YYYYMMDD'))
      into first_day, last_day
      from pg_class where relname ~ '^plate_read_p\d{8}$';
    if first_day is not null then
        perform ensure_partitions(first_day, last_day);
    end if;
end
$$;

-- ---------------------------------------------------------------------------------------------------------
-- Evidence exports (R12, R13) and shares to other agencies (R14). The package is kept sealed only until its
-- download window closes; the manifest, its signature and the chain of custody are kept as the record.
create table evidence_export (
    id                 uuid primary key,
    created_by         text not null,
    agency             text not null,
    purpose            text not null,
    case_number        text,
    read_count         integer not null,
    manifest           jsonb not null,
    manifest_sha256    text not null,
    signature          text not null,
    package_sha256     text not null,
    sealed_package     bytea,
    package_expires_at timestamptz not null,
    created_at         timestamptz not null default now()
);

create table custody_event (
    export_id   uuid not null references evidence_export (id),
    seq         integer not null,
    event       text not null check (event in ('created', 'downloaded', 'transferred', 'verified')),
    actor       text not null,
    agency      text not null,
    detail      text,
    occurred_at timestamptz not null default now(),
    primary key (export_id, seq)
);

create table data_share (
    id                     uuid primary key,
    agency_id              text not null references agency (id),
    purpose                text not null,
    case_number            text not null,
    export_id              uuid not null references evidence_export (id),
    read_count             integer not null,
    shared_by              text not null,
    shared_at              timestamptz not null default now(),
    ownership_transferred  boolean not null
);

-- ---------------------------------------------------------------------------------------------------------
-- Grants (R23).
grant insert on audit_event to alpr_ingest, alpr_query;

-- ingest-service matches each read against the active hotlist entries and raises alerts in the same statement.
grant select (id, hotlist_id, plate, plate_lookalike, expires_at, removed_at) on hotlist_entry to alpr_ingest;
grant insert on hotlist_alert to alpr_ingest;

-- query-service: searches and views reads, keeps hotlists, dispositions alerts, corrects, exports and shares.
grant select on camera, data_key, plate_read, read_image to alpr_query;
grant select on training_record, contractor_grant, agency to alpr_query;
grant select, insert on hotlist, hotlist_entry to alpr_query;
grant update (removed_by, removed_at) on hotlist_entry to alpr_query;
grant select on hotlist_alert to alpr_query;
grant update (disposition, disposed_by, disposed_at, disposition_note) on hotlist_alert to alpr_query;
grant select, insert on read_correction to alpr_query;
grant select, insert on law_enforcement_request to alpr_query;
grant update (decided_by, decided_at, approved, expires_at) on law_enforcement_request to alpr_query;
grant select, insert on evidence_export, custody_event, data_share to alpr_query;
