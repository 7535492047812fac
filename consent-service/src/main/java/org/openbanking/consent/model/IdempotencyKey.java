package org.openbanking.consent.model;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A partner's {@code x-idempotency-key} and the consent its first request created. */
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

    /** One key space per partner; the length prefix keeps (partner, key) pairs from colliding. */
    public static String idOf(String partnerId, String key) {
        return partnerId.length() + ":" + partnerId + ":" + key;
    }
}
