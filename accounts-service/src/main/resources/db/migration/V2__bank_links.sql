-- Bank links: a bank reaches a user only through a link the user created. The user asks for a one-time code for one
-- bank and gives it to that bank; the bank redeems it for an opaque CustomerRef of its own (one per bank and user),
-- and loads data naming that ref. A bank never learns the platform's user id.
create table bank_link (
    customer_ref     varchar(64)   primary key,        -- opaque, random; what the bank names
    bank_id          varchar(64)   not null,
    user_id          varchar(255)  not null,
    status           varchar(16)   not null check (status in ('Pending', 'Linked', 'Unlinked')),
    code_hash        varchar(64)   not null unique,    -- SHA-256 of the one-time code; kept to refuse its reuse
    code_expires_at  timestamptz   not null,
    created_at       timestamptz   not null,
    linked_at        timestamptz,
    unlinked_at      timestamptz
);
-- At most one live link (pending or linked) per user and bank.
create unique index bank_link_live_idx on bank_link (bank_id, user_id) where status in ('Pending', 'Linked');
create index bank_link_user_idx on bank_link (user_id, bank_id);

-- An account is seen (by its user, by partners under a consent, in offer facts) only while its bank is linked:
-- unlinking hides it at once; a bank's load under a linked ref shows it again.
alter table account add column linked boolean not null default true;
