-- partner-offers-service schema. Flyway owns it; Hibernate only validates against it.

create table bank (
    id          varchar(64)  primary key,
    name        varchar(255) not null,
    updated_at  timestamptz  not null
);

create table offer (
    id                   varchar(64)   primary key,
    bank_id              varchar(64)   not null,
    status               varchar(16)   not null check (status in ('Draft', 'Published', 'Withdrawn')),
    title                varchar(120)  not null,
    description          varchar(1000) not null,
    product_type         varchar(16)   not null
                             check (product_type in ('CreditCard', 'PersonalLoan', 'Savings', 'Overdraft', 'Mortgage')),
    rate                 varchar(16)   not null,
    fees                 varchar(280)  not null,
    url                  varchar(2048) not null,
    start_time           timestamptz   not null,
    end_time             timestamptz   not null,
    -- Eligibility rules over platform-computed facts. They have no column that could name a user.
    min_average_balance  numeric(18, 2),
    min_monthly_income   numeric(18, 2),
    rule_currency        varchar(3),
    account_types        varchar(255),
    created_at           timestamptz   not null,
    updated_at           timestamptz   not null,
    check (start_time < end_time)
);
create index offer_bank_idx on offer (bank_id, created_at);
create index offer_live_idx on offer (status, end_time);

create table placement (
    id          varchar(64)  primary key,
    offer_id    varchar(64)  not null references offer (id),
    partner_id  varchar(255) not null,
    consent_id  varchar(64)  not null,
    -- Kept only to count distinct users for the suppression rule; never returned to anyone.
    user_id     varchar(255) not null,
    created_at  timestamptz  not null,
    shown_at    timestamptz,
    clicked_at  timestamptz,
    unique (offer_id, consent_id)
);
create index placement_offer_idx on placement (offer_id);
