package org.openbanking.offers.model;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A bank's {@code x-idempotency-key} and the offer its first request created (id: IdempotencyKeys.idOf). */
@Entity
@Table(name = "offer_idempotency_key")
public class OfferIdempotencyKey {

    @Id
    public String id;
    public String bankId;
    public String idemKey;
    public String requestHash;
    public String offerId;
    public Instant createdAt;
}
