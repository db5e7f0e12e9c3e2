-- audit-service: which of Keycloak's sign-in and administrative events (CJIS 5.4.1.1: logon attempts, successful or
-- not; credential changes; privileged actions) it has copied into the access log, so that each is copied once,
-- whichever replica copies it first. The access log holds the records; this holds only the recent events' ids,
-- the ones a later read of Keycloak's events may return again (signins/IdentityEventStore).
create table identity_event (
    kind       text not null check (kind in ('user', 'admin')),
    event_id   text not null,
    event_time timestamptz not null,
    primary key (kind, event_id)
);
create index identity_event_by_time on identity_event (kind, event_time);
grant select, insert, delete on identity_event to alpr_audit;

-- audit runs flag whoever failed to sign in repeatedly on one day
alter table audit_run_item drop constraint audit_run_item_kind_check;
alter table audit_run_item add constraint audit_run_item_kind_check check (kind in ('sample', 'vague-purpose',
    'off-hours', 'unusual-volume', 'no-case-number', 'custom-entry-without-case', 'repeated-sign-in-failures'));
