-- ingest-service, query-service: what an alert matched (R7, issue 18). The read's best plate exactly ('plate'), its
-- look-alike form (O/0, I/1, B/8...: 'look-alike'), or one of the engine's other readings of the plate above the
-- policy's candidate-match-min-confidence ('candidate'). Replaces exact_match. Rewriting the column reads every
-- retained alert partition: migrate while the services are stopped for the upgrade.
alter table hotlist_alert add column match_kind text;
update hotlist_alert set match_kind = case when exact_match then 'plate' else 'look-alike' end;
alter table hotlist_alert alter column match_kind set not null;
alter table hotlist_alert add constraint hotlist_alert_match_kind_check
    check (match_kind in ('plate', 'look-alike', 'candidate'));
alter table hotlist_alert drop column exact_match;
