-- FrequencyPerDay is reserved when a call is decided, not counted from receipts afterwards: counting receipts let
-- parallel calls all pass the check before any receipt existed, and counted the accounts list in another bucket than
-- the one it was checked in. One row per (consent, bucket, UTC day) holds the count; the conditional upsert that bumps
-- it is the atomic check. One row per reservation lets the gateway give back, once, a call that served nothing.
create table frequency_usage (
    consent_id  varchar(64)  not null references consent (id),
    bucket      varchar(255) not null,              -- FrequencyRule: an account id, or '*' for consent-wide calls
    day         date         not null,              -- UTC
    used        integer      not null check (used >= 0),
    primary key (consent_id, bucket, day)
);

create table frequency_reservation (
    id          uuid         primary key,
    consent_id  varchar(64)  not null,
    partner_id  varchar(255) not null,
    bucket      varchar(255) not null,
    day         date         not null,
    released    boolean      not null default false,
    foreign key (consent_id, bucket, day) references frequency_usage (consent_id, bucket, day)
);
create index frequency_reservation_day_idx on frequency_reservation (day);

-- Receipts no longer decide the budget.
drop index access_receipt_frequency_idx;
alter table access_receipt drop column frequency_key;
