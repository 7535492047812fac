-- accounts-service schema. Flyway owns it; Hibernate only validates against it.

create table account (
    id                  varchar(64)   primary key,          -- the platform's id, what partners and users see
    bank_id             varchar(64)   not null,
    bank_account_id     varchar(64)   not null,             -- the bank's own id for the account
    user_id             varchar(255)  not null,
    currency            varchar(3)    not null,
    account_type        varchar(16)   not null check (account_type in ('Personal', 'Business')),
    account_sub_type    varchar(32)   not null,
    nickname            varchar(70),
    iban                varchar(34)   not null,
    opened_on           date,
    booked_amount       numeric(18, 2) not null,
    available_amount    numeric(18, 2) not null,
    balance_updated_at  timestamptz   not null,
    updated_at          timestamptz   not null,
    unique (bank_id, bank_account_id)
);
create index account_user_idx on account (user_id);

create table bank_transaction (
    account_id              varchar(64)   not null references account (id),
    transaction_id          varchar(64)   not null,          -- the bank's id: loading it again changes nothing
    booking_time            timestamptz   not null,
    amount                  numeric(18, 2) not null check (amount >= 0),
    currency                varchar(3)    not null,
    credit_debit            varchar(6)    not null check (credit_debit in ('Credit', 'Debit')),
    status                  varchar(8)    not null check (status in ('Booked', 'Pending')),
    information             varchar(500),
    merchant_name           varchar(350),
    merchant_category_code  varchar(4),
    balance_after           numeric(18, 2),
    primary key (account_id, transaction_id)
);
-- Pages are read newest first by (booking_time, transaction_id) within one account: this index serves them in
-- order, so a page costs the same with ten thousand rows or a million.
create index bank_transaction_page_idx on bank_transaction (account_id, booking_time desc, transaction_id desc);
