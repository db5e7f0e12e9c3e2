-- The schema as of today: tables, constraints, indexes, seeded rows and grants, grouped by the service that owns
-- them. The functions and the triggers that call them live in the repeatable migrations (R__*.sql), each in one
-- place; Flyway applies them after this baseline.
--
-- Schema owned by the migration role. Every service connects with its own role and gets only the grants
-- below (R23). Service roles are created by the operator before migrating (see AlprDatabase). Reads and images
-- live in daily range partitions (UTC days) so retention drops whole days, and so do the data derived from them
-- (alerts, corrections, idempotency keys); the partitions are created through the owner's ensure_partitions.

-- =========================================================================================================
-- ingest-service: registers cameras (custodian), takes reads and heartbeats, reports camera health.
-- =========================================================================================================

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

-- Camera registrations (R2, R21), every version of them: ingest writes one with each registration and change, in
-- the transaction that logs it. A read seals its camera's site as registered then; searches by area also look at
-- where a camera stood before it was moved. Append-only (R__append_only_evidence.sql).
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

-- One data key per capture day, stored only wrapped by the master key (which is never in the database).
-- Destroying a day's key (wrapped_key set to null) makes that day unreadable everywhere, backups included.
create table data_key (
    day          date primary key,
    wrapped_key  bytea,
    created_at   timestamptz not null default now(),
    destroyed_at timestamptz,
    constraint data_key_destroyed_has_no_key check ((wrapped_key is null) = (destroyed_at is not null))
);

-- Idempotency of ingest (R4): one row per (gateway, gateway read id, capture time). The idempotency keys are
-- derived from the reads (gateway read id, read id, capture time), so they too live in daily partitions and leave
-- with the day. A replayed read carries its original capture time, so the key includes it; a gateway that reuses a
-- read id for another capture gets a second read, not a silent duplicate.
create table ingest_key (
    gateway_id      text not null,
    gateway_read_id text not null,
    read_id         uuid not null,
    captured_at     timestamptz not null,
    primary key (gateway_id, gateway_read_id, captured_at)
) partition by range (captured_at);

-- A plate read. Plate text, region, confidence, location and vehicle are sealed together with the day key
-- (R5); the plate can be found only through the day's keyed hashes of its normalized and look-alike forms.
--
-- The partial-search index (R5, issue 3): wildcards are searched without storing the plate. Each read keeps the
-- distinct buckets (of 1024, DataKey.TRIGRAM_BUCKETS) the day's keyed hashes of its look-alike trigrams fall in, in
-- ascending order: about twenty trigrams share each value, and nothing says where a piece stood (one value per
-- trigram in plate order, overlapping by two characters, would let a day's rows and one known plate spell the
-- day's other plates).
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
    plate_trigram_buckets smallint[] not null,
    primary key (id, captured_at)
) partition by range (captured_at);
-- Search picks a page of reads from the plate-hash indexes alone, in capture order, and fetches only that page's
-- rows: the indexes carry the capture time and id (measured: a plate read thousands of times in 30 days answers
-- in 2 ms instead of 20 ms).
create index plate_read_by_plate on plate_read (plate_index, captured_at, id);
create index plate_read_by_lookalike on plate_read (plate_lookalike_index, captured_at, id);
create index plate_read_by_camera on plate_read (camera_id, captured_at);
create index plate_read_by_trigram_bucket on plate_read using gin (plate_trigram_buckets);

create table read_image (
    read_id      uuid not null,
    captured_at  timestamptz not null,
    kind         text not null check (kind in ('plate', 'overview')),
    media_type   text not null check (media_type in ('image/jpeg', 'image/png')),
    sealed_bytes bytea not null,
    primary key (read_id, kind, captured_at)
) partition by range (captured_at);

-- =========================================================================================================
-- audit-service: the access log (every service appends to it), its checkpoints, verifications and expiry,
-- compliance audit runs and findings, the governance records access depends on, and breach notices. The audit
-- service connects as alpr_audit.
-- =========================================================================================================

-- Access log (R16, R17). Append-only: services may only insert, and a trigger refuses UPDATE, DELETE and
-- TRUNCATE for everyone. Each row is chained to the one before it: seq is gapless and hash covers the
-- previous hash and every field, so any edited, deleted, inserted or reordered row breaks the chain. The
-- chain is extended under a transaction-scoped lock, so the order of seq is the order of commit. Writers use
-- READ COMMITTED (the default): the trigger must see the row committed by the lock's previous holder.
-- The canonical form, the chain and the append-only triggers are in R__access_log.sql.
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
-- Searching the log by the plate queried, however it was typed (R18), or by case, without reading every record.
create index audit_event_by_plate on audit_event ((upper(translate(data_elements ->> 'plate', ' .-', ''))))
    where data_elements ? 'plate';
create index audit_event_by_case on audit_event (case_number, occurred_at) where case_number is not null;

-- The access log's integrity edges (R17).
-- Each service's role writes records of its own service only: a role cannot pass its accesses off as another's.
create table audit_service_role (
    role    name primary key,
    service text not null unique
);
insert into audit_service_role (role, service) values
    ('alpr_ingest', 'ingest-service'), ('alpr_query', 'query-service'), ('alpr_audit', 'audit-service'),
    ('alpr_retention', 'retention-service');

-- ---------------------------------------------------------------------------------------------------------
-- Signed checkpoints (R17): the audit service verifies the chain up to its head and signs (number, seq, hash,
-- time) with a key kept outside the database. A chain rewritten from some record onwards, with every hash
-- recomputed, no longer ends in the hash a checkpoint signed. Numbers are gapless, so a removed checkpoint shows.
-- This table and the others marked append-only below hold evidence: once written, never changed or removed
-- (R__append_only_evidence.sql).
create table audit_checkpoint (
    number    bigint primary key check (number > 0),
    seq       bigint not null,
    hash      bytea not null,
    signed_at timestamptz not null,
    key_id    text not null,
    signature bytea not null
);

-- Each verification of the chain and what it found, for the compliance report. Append-only.
create table audit_verification (
    id          bigint generated always as identity primary key,
    verified_at timestamptz not null default now(),
    verified_by text not null,
    first_seq   bigint,
    last_seq    bigint,
    records     bigint not null,
    checkpoints integer not null,
    intact      boolean not null,
    problems    jsonb not null,
    duration_ms bigint not null
);

-- The access log's own retention: records outlive the reads by years. Only audit_event_expire removes them,
-- always a prefix of the chain, never younger than two years, and it leaves an anchor: the seq and hash of the
-- last record removed, where verification of the remaining chain starts. Append-only.
create table audit_expiry (
    id                  bigint generated always as identity primary key,
    through_seq         bigint not null,
    through_hash        bytea not null,
    through_occurred_at timestamptz not null,
    removed             bigint not null,
    cutoff              timestamptz not null,
    expired_at          timestamptz not null default now(),
    expired_by          text not null
);

-- ---------------------------------------------------------------------------------------------------------
-- Compliance audits (R18, R29; Civil Code 1798.90.53, State Auditor 2019-118): a run samples the accesses of a
-- period and flags what a reviewer must look at, entries of custom hotlists added without a case number among
-- them; the reviewer records findings and signs the run off. Items and findings are append-only.
create table audit_run (
    id               uuid primary key,
    period_from      timestamptz not null,
    period_to        timestamptz not null,
    sample_size      integer not null check (sample_size between 0 and 1000),
    seed             bigint not null,
    scheduled        boolean not null,
    started_by       text not null,
    started_at       timestamptz not null default now(),
    records_examined bigint not null,
    signed_off_by    text,
    signed_off_at    timestamptz,
    conclusion       text,
    check (period_to > period_from),
    check ((signed_off_by is null) = (signed_off_at is null)),
    check ((signed_off_at is null) = (conclusion is null))
);
create unique index audit_run_one_scheduled_per_period on audit_run (period_from, period_to) where scheduled;

create table audit_run_item (
    run_id uuid not null references audit_run (id),
    kind   text not null check (kind in ('sample', 'vague-purpose', 'off-hours', 'unusual-volume', 'no-case-number',
                                         'custom-entry-without-case')),
    seq    bigint not null,
    detail text not null,
    primary key (run_id, kind, seq)
);

create table audit_finding (
    id          uuid primary key,
    run_id      uuid not null references audit_run (id),
    seq         bigint,
    severity    text not null check (severity in ('observation', 'concern', 'violation')),
    finding     text not null,
    recorded_by text not null,
    recorded_at timestamptz not null default now()
);
create index audit_finding_by_run on audit_finding (run_id);

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

-- The custodian's written permission for the contractor to help collect evidence for one case (003 §3). A
-- revocation names who revoked it.
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
    revoked_by         text,
    check (ends_at > starts_at),
    constraint contractor_grant_revocation_signed check ((revoked_by is null) = (revoked_at is null))
);
create index contractor_grant_by_user on contractor_grant (username, ends_at);

-- Agencies data may be shared with (003 §1, §6; Civil Code 1798.90.55). A public agency is a state or local
-- agency only (R34; Civil Code 1798.90.5, AG bulletin 2023-DLE-06), so each agency records its level.
create table agency (
    id            text primary key,
    name          text not null,
    kind          text not null check (kind in ('law-enforcement', 'prosecutorial')),
    state         text not null check (state ~ '^[A-Z]{2}$'),
    active        boolean not null default true,
    registered_by text not null,
    registered_at timestamptz not null default now(),
    level         text not null constraint agency_level check (level in ('local', 'state', 'federal', 'tribal', 'private'))
);

-- ---------------------------------------------------------------------------------------------------------
-- Breach notices (R24; CS3 section 11, Civil Code 1798.82): the incident, its public notice (posted at least
-- 30 days, which the database enforces), and who was notified when. Notifications are append-only.
create table breach_incident (
    id                  uuid primary key,
    title               text not null,
    description         text not null,
    discovered_at       timestamptz not null,
    occurred_from       timestamptz,
    occurred_to         timestamptz,
    data_kinds          text[] not null,
    affected_count      integer check (affected_count >= 0),
    recorded_by         text not null,
    recorded_at         timestamptz not null default now(),
    notice_title        text,
    notice_body         text,
    notice_posted_at    timestamptz,
    notice_posted_by    text,
    notice_withdrawn_at timestamptz,
    notice_withdrawn_by text,
    check (occurred_to is null or occurred_from is null or occurred_to >= occurred_from),
    check ((notice_posted_at is null) = (notice_body is null)),
    check (notice_withdrawn_at is null or notice_withdrawn_at >= notice_posted_at + interval '30 days')
);

create table breach_notification (
    id             uuid primary key,
    incident_id    uuid not null references breach_incident (id),
    recipient      text not null check (recipient in ('media', 'state-office-of-information-security',
                                                      'affected-individuals', 'law-enforcement')),
    recipient_name text not null,
    notified_at    timestamptz not null,
    method         text not null,
    reference      text,
    recorded_by    text not null,
    recorded_at    timestamptz not null default now()
);
create index breach_notification_by_incident on breach_notification (incident_id);

-- =========================================================================================================
-- query-service: hotlists and their alerts, corrections, law-enforcement requests, evidence exports and shares.
-- =========================================================================================================

-- Hotlists (R6, R29). An entry's plate is sealed under the master key; ingest matches each read on a keyed hash
-- of the plate that only the master key gives, computing the read's own for the statement that stores it. An entry
-- typed by a person names why it is watched (a purpose of the policy) and for which case; its owner is the person
-- who added it (a username), who receives its alerts and may remove it.
create table hotlist (
    id         uuid primary key,
    name       text not null unique,
    kind       text not null check (kind in ('stolen-vehicle', 'wanted', 'amber', 'custom')),
    created_by text not null,
    created_at timestamptz not null default now()
);

create table hotlist_entry (
    id                    uuid primary key,
    hotlist_id            uuid not null references hotlist (id),
    region                text,
    source                text not null,
    reason                text not null,
    case_number           text,
    owner                 text not null,
    expires_at            timestamptz not null,
    created_by            text not null,
    created_at            timestamptz not null default now(),
    removed_by            text,
    removed_at            timestamptz,
    sealed_plate          bytea not null,
    plate_index           bytea not null,
    plate_lookalike_index bytea not null,
    purpose               text,
    check ((removed_by is null) = (removed_at is null))
);
create index hotlist_entry_match on hotlist_entry (plate_lookalike_index) where removed_at is null;
create index hotlist_entry_by_list on hotlist_entry (hotlist_id);
create index hotlist_entry_by_owner on hotlist_entry (owner) where removed_at is null;

-- A read matched an active entry (R7); ingest-service raises it in the statement that stores the read. Derived
-- from the read, so it lives in the read's day partition and leaves with it (R20). Subscribers hear of each new
-- alert through R__hotlist_alerts.sql.
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

-- A correction of a misread (R22). The original read is never changed; the corrected plate is sealed under the
-- read's day key and indexed the same way, so searches find the read by either plate.
create table read_correction (
    id                    uuid not null,
    read_id               uuid not null,
    captured_at           timestamptz not null,
    plate_index           bytea not null,
    plate_lookalike_index bytea not null,
    sealed_correction     bytea not null,
    corrected_by          text not null,
    corrected_at          timestamptz not null default now(),
    plate_trigram_buckets smallint[] not null,
    primary key (id, captured_at)
) partition by range (captured_at);
create index read_correction_by_read on read_correction (read_id);
create index read_correction_by_plate on read_correction (plate_index);
create index read_correction_by_lookalike on read_correction (plate_lookalike_index);
create index read_correction_by_trigram_bucket on read_correction using gin (plate_trigram_buckets);

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
-- Evidence exports (R12, R13) and shares to other agencies (R14). The package is kept sealed only until its
-- download window closes; the manifest's hash, its signature and the chain of custody are kept as the record.
--
-- Evidence packages (R13, R20): sealed under a key every capture day of their reads contributes to, so a package
-- does not open once any of its days is purged, in the database or in a backup taken since. The days are recorded
-- so the package can be opened while they last, and cleared when the first of them is purged. The manifest is sealed
-- the same way and goes with the first of its days: the SHA-256 of reads.csv it lists can be matched against guesses
-- of the plates of a small export. Its hash and signature stay for good, and recognise a package presented later.
create table evidence_export (
    id                 uuid primary key,
    created_by         text not null,
    agency             text not null,
    purpose            text not null,
    case_number        text,
    read_count         integer not null,
    manifest_sha256    text not null,
    signature          text not null,
    package_sha256     text not null,
    sealed_package     bytea,
    package_expires_at timestamptz not null,
    created_at         timestamptz not null default now(),
    capture_days       date[],
    sealed_manifest    bytea
);
create index evidence_export_by_capture_day on evidence_export using gin (capture_days) where sealed_manifest is not null;

-- The holder is who holds a package after each custody event: the creator at first, then whoever a hand-over
-- names; null once it went to someone outside the system. Only the current holder records the next hand-over.
create table custody_event (
    export_id   uuid not null references evidence_export (id),
    seq         integer not null,
    event       text not null check (event in ('created', 'downloaded', 'transferred', 'verified')),
    actor       text not null,
    agency      text not null,
    detail      text,
    occurred_at timestamptz not null default now(),
    holder      text,
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

-- =========================================================================================================
-- retention-service: the retention job (issue 5, R19, R20). Whole capture days leave the database together, as
-- dropped partitions, and the day's data key is destroyed so that copies of the day in backups and WAL archives
-- taken after the purge cannot be opened either. The job connects as alpr_retention, which may call the owner's
-- functions (R__retention.sql) and write its receipts, and can read no data at all.
-- =========================================================================================================

-- What each purge did (R19): written by the retention job, read by compliance staff. Receipts record the
-- retention in force and the clock the job ran by, and what the final check found; once written they never
-- change (append-only).
create table purge_receipt (
    id             uuid primary key,
    started_at     timestamptz not null,
    finished_at    timestamptz not null,
    cutoff         timestamptz not null,
    days           date[] not null,
    counts         jsonb not null,
    keys_destroyed date[] not null,
    outcome        text not null check (outcome in ('completed', 'failed')),
    detail         text,
    retention_days integer,
    as_of          timestamptz,
    leftovers      jsonb
);
create index purge_receipt_by_time on purge_receipt (finished_at);

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

-- =========================================================================================================
-- Grants (R23), one block per service role. The execute grants on the owner's functions are next to each
-- function in its R__ file.
-- =========================================================================================================

-- alpr_ingest: registers cameras (custodian) and keeps their history, takes reads and heartbeats, reports camera
-- health. It matches each read against the active hotlist entries, reading only their keyed plate hashes and
-- expiry, and raises alerts in the same statement.
grant select, insert, update on camera to alpr_ingest;
grant select, insert on camera_registration to alpr_ingest;
grant select, insert on data_key to alpr_ingest;
grant select, insert on ingest_key to alpr_ingest;
grant insert on plate_read, read_image to alpr_ingest;
grant select (camera_id, captured_at) on plate_read to alpr_ingest;
grant select (id, hotlist_id, plate_index, plate_lookalike_index, expires_at, removed_at) on hotlist_entry to alpr_ingest;
grant insert on hotlist_alert to alpr_ingest;
grant insert on audit_event to alpr_ingest;

-- alpr_query: searches and views reads, keeps hotlists, dispositions alerts, corrects, exports and shares.
grant insert on audit_event to alpr_query;
grant select on camera, data_key, plate_read, read_image to alpr_query;
grant select on camera_registration to alpr_query;
grant select on training_record, contractor_grant, agency to alpr_query;
grant select, insert on hotlist, hotlist_entry to alpr_query;
grant update (removed_by, removed_at) on hotlist_entry to alpr_query;
grant select on hotlist_alert to alpr_query;
grant update (disposition, disposed_by, disposed_at, disposition_note) on hotlist_alert to alpr_query;
grant select, insert on read_correction to alpr_query;
grant select, insert on law_enforcement_request to alpr_query;
grant update (decided_by, decided_at, approved, expires_at) on law_enforcement_request to alpr_query;
grant select, insert on evidence_export, custody_event, data_share to alpr_query;

-- alpr_audit: reads and verifies the log, keeps the governance and compliance records, and reads of the rest
-- only what its reports count: times, states and names, never plates, images or sealed details.
grant select, insert on audit_event to alpr_audit;
grant select, insert on audit_checkpoint, audit_verification to alpr_audit;
grant select on audit_expiry to alpr_audit;
grant select, insert on audit_run, audit_run_item, audit_finding to alpr_audit;
grant update (signed_off_by, signed_off_at, conclusion) on audit_run to alpr_audit;
grant select, insert on training_record to alpr_audit;
grant select, insert on contractor_grant to alpr_audit;
grant update (revoked_by, revoked_at) on contractor_grant to alpr_audit;
grant select, insert on agency to alpr_audit;
grant update (active) on agency to alpr_audit;
grant select, insert on breach_incident, breach_notification to alpr_audit;
grant update (notice_title, notice_body, notice_posted_at, notice_posted_by, notice_withdrawn_at,
              notice_withdrawn_by) on breach_incident to alpr_audit;
grant select on purge_receipt to alpr_audit;
grant select (id, site, active, registered_at, last_heartbeat_at) on camera to alpr_audit;
grant select (day, created_at, destroyed_at) on data_key to alpr_audit;
grant select (captured_at) on plate_read to alpr_audit;
grant select (raised_at, disposition, hotlist_id) on hotlist_alert to alpr_audit;
grant select (id, kind) on hotlist to alpr_audit;
grant select (expires_at, removed_at) on hotlist_entry to alpr_audit;
grant select (id, read_count, created_at, package_expires_at) on evidence_export to alpr_audit;
grant select (agency_id, purpose, read_count, shared_at, ownership_transferred) on data_share to alpr_audit;
grant select (requested_at, decided_at, approved, expires_at) on law_enforcement_request to alpr_audit;

-- alpr_retention: purges through the owner's functions, keeps partitions ahead, writes receipts and logs its runs.
grant insert on purge_receipt to alpr_retention;
grant insert on audit_event to alpr_retention;
