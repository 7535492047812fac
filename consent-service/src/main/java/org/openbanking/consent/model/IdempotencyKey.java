package org.openbanking.consent.model;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A partner's {@code x-idempotency-key} and the consent its first request created (id: IdempotencyKeys.idOf). */
@Entity
@Table(name = "idempotency_key")
public class IdempotencyKey {

    @Id
    public String id;
    public String partnerId;
    public String idemKey;
    public String requestHash;
    public String consentId;
    public Instant createdAt;
}
