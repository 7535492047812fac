-- consent-service schema. Flyway owns it; Hibernate only validates against it.

create table partner (
    id          varchar(255) primary key,
    name        varchar(255) not null,
    status      varchar(16)  not null check (status in ('Active', 'Suspended')),
    updated_at  timestamptz  not null
);

create table consent (
    id                    varchar(64)  primary key,
    partner_id            varchar(255) not null,
    partner_name          varchar(255) not null,
    user_id               varchar(255),
    status                varchar(32)  not null check (status in
                              ('AwaitingAuthorisation', 'Authorised', 'Rejected', 'Revoked', 'Expired')),
    status_reason_code    varchar(64)  not null,
    status_reason         varchar(500) not null,
    permissions           varchar(500) not null,
    expiration_time       timestamptz  not null,
    transaction_from      timestamptz,
    transaction_to        timestamptz,
    purpose_code          varchar(64)  not null,
    purpose_description   varchar(280) not null,
    prohibited_uses       varchar(255) not null,
    frequency_per_day     integer      not null check (frequency_per_day between 1 and 100),
    account_ids           varchar(4000),
    created_at            timestamptz  not null,
    status_updated_at     timestamptz  not null
);
create index consent_partner_idx on consent (partner_id, status);
create index consent_user_idx on consent (user_id, status);
-- The expiry job scans only consents that can still expire.
create index consent_expiry_idx on consent (expiration_time)
    where status in ('AwaitingAuthorisation', 'Authorised');

create table consent_history (
    id           bigserial    primary key,
    consent_id   varchar(64)  not null references consent (id),
    from_status  varchar(32),
    to_status    varchar(32)  not null,
    actor        varchar(16)  not null check (actor in ('User', 'Partner', 'Operator', 'System')),
    actor_id     varchar(255),
    reason       varchar(500) not null,
    occurred_at  timestamptz  not null
);
create index consent_history_consent_idx on consent_history (consent_id, id);

-- History is append-only: the database itself refuses to change or remove an entry.
create function consent_history_append_only() returns trigger language plpgsql as $$
begin
    raise exception 'consent_history is append-only';
end;
$$;
create trigger consent_history_no_update before update or delete on consent_history
    for each row execute function consent_history_append_only();

create table idempotency_key (
    id            varchar(600) primary key,
    partner_id    varchar(255) not null,
    idem_key      varchar(40)  not null,
    request_hash  varchar(64)  not null,
    consent_id    varchar(64)  not null references consent (id),
    created_at    timestamptz  not null
);

create table access_receipt (
    id              uuid         primary key,
    consent_id      varchar(64)  not null references consent (id),
    partner_id      varchar(255) not null,
    partner_name    varchar(255) not null,
    user_id         varchar(255) not null,
    resource        varchar(16)  not null check (resource in ('Accounts', 'Balances', 'Transactions', 'Offers')),
    account_ids     varchar(4000) not null,
    frequency_key   varchar(255) not null,
    record_count    integer      not null check (record_count >= 0),
    purpose_code    varchar(64)  not null,
    prohibited_uses varchar(255) not null,
    interaction_id  varchar(64)  not null,
    user_present    boolean      not null,
    occurred_at     timestamptz  not null
);
-- The user's access log: newest first, keyset-paginated.
create index access_receipt_user_idx on access_receipt (user_id, occurred_at desc, id desc);
create index access_receipt_consent_idx on access_receipt (consent_id, occurred_at desc, id desc);
-- FrequencyPerDay counts only calls made without the user present.
create index access_receipt_frequency_idx on access_receipt (consent_id, frequency_key, occurred_at)
    where not user_present;

create table user_block (
    user_id     varchar(255) not null,
    partner_id  varchar(255) not null references partner (id),
    created_at  timestamptz  not null,
    primary key (user_id, partner_id)
);
