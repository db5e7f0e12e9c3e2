-- Under a policy that requires it for some purposes, a supervisor's approval of one officer's searches and views
-- for one case and purpose, until it expires or is revoked (query-service approvals/). The approver is never the
-- officer approved.
create table supervisor_approval (
    id            uuid primary key,
    officer       text not null,
    case_number   text not null,
    purpose       text not null,
    justification text not null,
    approved_by   text not null,
    agency        text not null,
    approved_at   timestamptz not null default now(),
    expires_at    timestamptz not null,
    revoked_by    text,
    revoked_at    timestamptz,
    check (officer <> approved_by),
    check (expires_at > approved_at),
    check ((revoked_by is null) = (revoked_at is null))
);
create index supervisor_approval_by_officer on supervisor_approval (officer, case_number, purpose);
grant select, insert on supervisor_approval to alpr_query;
grant update (revoked_by, revoked_at) on supervisor_approval to alpr_query;
