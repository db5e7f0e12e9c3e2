-- Subscribed officers hear of every new alert within a second, whichever replica they are connected to.
create or replace function hotlist_alert_announce() returns trigger
    language plpgsql
as $$
begin
    perform pg_notify('alpr_alerts', new.id::text);
    return null;
end
$$;
create or replace trigger hotlist_alert_announce after insert on hotlist_alert
    for each row execute function hotlist_alert_announce();
