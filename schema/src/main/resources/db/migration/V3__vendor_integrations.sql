-- ingest-service: vendor integrations (R27, issue 18). Camera engines that cannot do OAuth client credentials post
-- their own payloads to /v1/integrations/{format}/reads with a static API key of their gateway; a vendor's camera id
-- is mapped to a registered camera of that gateway.

-- A gateway's API keys: random, shown once when issued, stored only as their SHA-256 (a key holds 256 random bits, so
-- a dump of this table gives no key), expiring, revocable, several per gateway so a key can be rotated. Rows are
-- never deleted: the table is also the record of which key a gateway used when (last_used_at, to the minute).
create table gateway_api_key (
    id           uuid primary key,
    gateway_id   text not null,
    label        text not null,
    key_hash     bytea not null unique check (length(key_hash) = 32),
    key_prefix   text not null,
    created_at   timestamptz not null default now(),
    created_by   text not null,
    expires_at   timestamptz not null,
    revoked_at   timestamptz,
    revoked_by   text,
    last_used_at timestamptz,
    constraint gateway_api_key_expires_after_creation check (expires_at > created_at),
    constraint gateway_api_key_revocation_names_who check ((revoked_at is null) = (revoked_by is null))
);
create index gateway_api_key_by_gateway on gateway_api_key (gateway_id, created_at);

-- Which registered camera a vendor's camera id of a gateway stands for, and the zone the camera's clock keeps for
-- payloads whose times carry none. The custodian keeps it; every change is in the access log with what it was.
create table vendor_camera (
    gateway_id       text not null,
    vendor_camera_id text not null,
    camera_id        text not null references camera (id),
    time_zone        text not null,
    mapped_at        timestamptz not null default now(),
    mapped_by        text not null,
    primary key (gateway_id, vendor_camera_id)
);

-- WebP (Blue Iris with CodeProject.AI) beside JPEG and PNG. Checking the widened constraint reads every retained
-- image partition: migrate while the services are stopped for the upgrade.
alter table read_image drop constraint read_image_media_type_check;
alter table read_image add constraint read_image_media_type_check
    check (media_type in ('image/jpeg', 'image/png', 'image/webp'));

grant select, insert on gateway_api_key to alpr_ingest;
grant update (revoked_at, revoked_by, last_used_at) on gateway_api_key to alpr_ingest;
grant select, insert, update, delete on vendor_camera to alpr_ingest;
