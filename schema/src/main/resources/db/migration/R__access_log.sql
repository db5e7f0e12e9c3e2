-- Access log (R16, R17): the canonical form of a record, the chain that links each record to the one before it,
-- the triggers that keep the log append-only, and the only way records leave it (audit_event_expire). The table,
-- its indexes and grants are in the baseline.

-- The exact bytes hashed for a row; the verifier recomputes them the same way.
create or replace function audit_event_canonical(e audit_event) returns bytea
    language sql stable
as $$
    select convert_to(jsonb_build_object(
        'seq', e.seq, 'occurredAt', to_char(e.occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"'),
        'service', e.service, 'action', e.action, 'outcome', e.outcome, 'username', e.username,
        'agency', e.agency, 'role', e.role, 'purpose', e.purpose, 'caseNumber', e.case_number,
        'dataElements', e.data_elements, 'resultCount', e.result_count, 'target', e.target,
        'reason', e.reason, 'clientAddress', e.client_address)::text, 'UTF8')
$$;

-- Extends the chain: seq is gapless and hash covers the previous hash and every field. The chain is extended under
-- a transaction-scoped lock, so the order of seq is the order of commit. Each service's role writes records of its
-- own service only (audit_service_role): a role cannot pass its accesses off as another's.
create or replace function audit_event_chain() returns trigger
    language plpgsql
    security definer
    set search_path = public, pg_temp
as $$
declare
    last_seq  bigint;
    last_hash bytea;
    bound     text;
begin
    select service into bound from audit_service_role where role = session_user;
    if bound is not null and new.service is distinct from bound then
        raise exception 'the role % writes access-log records of % only, not of %', session_user, bound, new.service
            using errcode = '42501';
    end if;
    perform pg_advisory_xact_lock(hashtext('alpr.audit_event.chain'));
    select seq, hash into last_seq, last_hash from audit_event order by seq desc limit 1;
    new.seq := coalesce(last_seq, 0) + 1;
    new.occurred_at := clock_timestamp();
    new.prev_hash := coalesce(last_hash, decode(repeat('00', 32), 'hex'));
    new.hash := sha256(new.prev_hash || audit_event_canonical(new));
    return new;
end
$$;
create or replace trigger audit_event_chain before insert on audit_event for each row execute function audit_event_chain();

-- Refuses UPDATE, DELETE and TRUNCATE for everyone. Records leave the log only through audit_event_expire, run as
-- the owner, and only when two years old: the trigger checks that the owner's expiry function is the one deleting
-- (not a session setting, which any session could set). The owner and a superuser can still disable the trigger,
-- which verification then finds (the chain).
create or replace function audit_event_is_append_only() returns trigger
    language plpgsql
as $$
declare
    caller text;
begin
    if tg_op = 'DELETE' then
        get diagnostics caller = pg_context;
        if caller like '%PL/pgSQL function audit_event_expire(timestamp with time zone)%'
           and current_user = (select pg_get_userbyid(relowner) from pg_class where oid = tg_relid)
           and old.occurred_at < now() - interval '2 years' then
            return old;
        end if;
    end if;
    raise exception 'the access log is append-only: % is not permitted', tg_op;
end
$$;
create or replace trigger audit_event_no_update before update or delete on audit_event
    for each row execute function audit_event_is_append_only();
create or replace trigger audit_event_no_truncate before truncate on audit_event
    for each statement execute function audit_event_is_append_only();

-- The access log's own retention: records outlive the reads by years. Removes a prefix of the chain, never younger
-- than two years, and leaves an anchor in audit_expiry: the seq and hash of the last record removed, where
-- verification of the remaining chain starts.
create or replace function audit_event_expire(cutoff timestamptz) returns bigint
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
    delete from audit_event where seq <= last_removed.seq;
    get diagnostics removed = row_count;
    insert into audit_expiry (through_seq, through_hash, through_occurred_at, removed, cutoff, expired_by)
    values (last_removed.seq, last_removed.hash, last_removed.occurred_at, removed, cutoff, session_user);
    return removed;
end
$$;
revoke all on function audit_event_expire(timestamptz) from public;
grant execute on function audit_event_expire(timestamptz) to alpr_audit;
