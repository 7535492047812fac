-- A bank's x-idempotency-key on offer creation and the offer its first request created: the same key and body within
-- 24 h return that offer again; the same key with another body is a 400. A key older than that is reused in place.
create table offer_idempotency_key (
    id            varchar(400) primary key,
    bank_id       varchar(64)  not null,
    idem_key      varchar(40)  not null,
    request_hash  varchar(64)  not null,
    offer_id      varchar(64)  not null references offer (id),
    created_at    timestamptz  not null
);
