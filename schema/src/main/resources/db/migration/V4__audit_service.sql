-- The audit service (issue 4): signed checkpoints and verifications of the access log, the log's own retention,
-- compliance audit runs and findings, breach incidents and their notices, and the purge receipts the retention
-- job leaves. The audit service connects as alpr_audit.

-- Tables whose rows are evidence: once written, never changed or removed.
create function refuse_change_of_evidence() returns trigger
    language plpgsql
as $$
begin
    raise exception '% is append-only: % is not permitted', tg_table_name, tg_op;
end
$$;

-- ---------------------------------------------------------------------------------------------------------
-- Signed checkpoints (R17): the audit service verifies the chain up to its head and signs (number, seq, hash,
-- time) with a key kept outside the database. A chain rewritten from some record onwards, with every hash
-- recomputed, no longer ends in the hash a checkpoint signed. Numbers are gapless, so a removed checkpoint shows.
create table audit_checkpoint (
    number    bigint primary key check (number > 0),
    seq       bigint not null,
    hash      bytea not null,
    signed_at timestamptz not null,
    key_id    text not null,
    signature bytea not null
);
create trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
    for each row execute function refuse_change_of_evidence();

-- Each verification of the chain and what it found, for the compliance report.
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
create trigger audit_verification_append_only before update or delete on audit_verification
    for each row execute function refuse_change_of_evidence();

-- ---------------------------------------------------------------------------------------------------------
-- The access log's own retention: records outlive the reads by years. Only audit_event_expire removes them,
-- always a prefix of the chain, never younger than two years, and it leaves an anchor: the seq and hash of the
-- last record removed, where verification of the remaining chain starts.
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
create trigger audit_expiry_append_only before update or delete on audit_expiry
    for each row execute function refuse_change_of_evidence();

create or replace function audit_event_is_append_only() returns trigger
    language plpgsql
as $$
begin
    if tg_op = 'DELETE' and current_setting('alpr.audit_expiry', true) = 'on' then
        return old;
    end if;
    raise exception 'the access log is append-only: % is not permitted', tg_op;
end
$$;

create function audit_event_expire(cutoff timestamptz) returns bigint
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
    perform set_config('alpr.audit_expiry', 'on', true);
    delete from audit_event where seq <= last_removed.seq;
    get diagnostics removed = row_count;
    perform set_config('alpr.audit_expiry', 'off', true);
    insert into audit_expiry (through_seq, through_hash, through_occurred_at, removed, cutoff, expired_by)
    values (last_removed.seq, last_removed.hash, last_removed.occurred_at, removed, cutoff, session_user);
    return removed;
end
$$;
revoke all on function audit_event_expire(timestamptz) from public;

-- Searching the log by the plate queried, however it was typed (R18), or by case, without reading every record.
create index audit_event_by_plate on audit_event ((upper(translate(data_elements ->> 'plate', ' .-', ''))))
    where data_elements ? 'plate';
create index audit_event_by_case on audit_event (case_number, occurred_at) where case_number is not null;

-- ---------------------------------------------------------------------------------------------------------
-- Compliance audits (R18; Civil Code 1798.90.53, State Auditor 2019-118): a run samples the accesses of a
-- period and flags what a reviewer must look at; the reviewer records findings and signs the run off.
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
    kind   text not null check (kind in ('sample', 'vague-purpose', 'off-hours', 'unusual-volume', 'no-case-number')),
    seq    bigint not null,
    detail text not null,
    primary key (run_id, kind, seq)
);
create trigger audit_run_item_append_only before update or delete on audit_run_item
    for each row execute function refuse_change_of_evidence();

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
create trigger audit_finding_append_only before update or delete on audit_finding
    for each row execute function refuse_change_of_evidence();

-- ---------------------------------------------------------------------------------------------------------
-- Breach notices (R24; CS3 section 11, Civil Code 1798.82): the incident, its public notice (posted at least
-- 30 days, which the database enforces), and who was notified when.
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
create trigger breach_notification_append_only before update or delete on breach_notification
    for each row execute function refuse_change_of_evidence();

-- ---------------------------------------------------------------------------------------------------------
-- What each purge did (R19): written by the retention job, read by compliance staff.
create table purge_receipt (
    id             uuid primary key,
    started_at     timestamptz not null,
    finished_at    timestamptz not null,
    cutoff         timestamptz not null,
    days           date[] not null,
    counts         jsonb not null,
    keys_destroyed date[] not null,
    outcome        text not null check (outcome in ('completed', 'failed')),
    detail         text
);
create index purge_receipt_by_time on purge_receipt (finished_at);

alter table contractor_grant add column revoked_by text;
alter table contractor_grant add constraint contractor_grant_revocation_signed check ((revoked_by is null) = (revoked_at is null));

-- ---------------------------------------------------------------------------------------------------------
-- alpr_audit: reads and verifies the log, keeps the governance and compliance records, and reads of the rest
-- only what its reports count: times, states and names, never plates, images or sealed details.
grant select, insert on audit_event to alpr_audit;
grant execute on function audit_event_expire(timestamptz) to alpr_audit;
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
