-- Tables whose rows are evidence: once written, never changed or removed.
create or replace function refuse_change_of_evidence() returns trigger
    language plpgsql
as $$
begin
    raise exception '% is append-only: % is not permitted', tg_table_name, tg_op;
end
$$;

-- audit-service: signed checkpoints, verifications of the chain, expiries of the log, audit run items and findings,
-- breach notifications.
create or replace trigger audit_checkpoint_append_only before update or delete on audit_checkpoint
    for each row execute function refuse_change_of_evidence();
create or replace trigger audit_verification_append_only before update or delete on audit_verification
    for each row execute function refuse_change_of_evidence();
create or replace trigger audit_expiry_append_only before update or delete on audit_expiry
    for each row execute function refuse_change_of_evidence();
create or replace trigger audit_run_item_append_only before update or delete on audit_run_item
    for each row execute function refuse_change_of_evidence();
create or replace trigger audit_finding_append_only before update or delete on audit_finding
    for each row execute function refuse_change_of_evidence();
create or replace trigger breach_notification_append_only before update or delete on breach_notification
    for each row execute function refuse_change_of_evidence();

-- ingest-service: every version of a camera's registration.
create or replace trigger camera_registration_append_only before update or delete on camera_registration
    for each row execute function refuse_change_of_evidence();

-- retention-service: purge receipts.
create or replace trigger purge_receipt_append_only before update or delete on purge_receipt
    for each row execute function refuse_change_of_evidence();
