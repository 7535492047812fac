package org.openbanking.consent.model;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.SequenceGenerator;
import jakarta.persistence.Table;

/** One transition of a consent. Append-only: a database trigger refuses updates and deletes. */
@Entity
@Table(name = "consent_history")
public class ConsentHistory {

    /** From the bigserial's own sequence: inserts stay in persist order, after the consent they refer to. */
    @Id
    @GeneratedValue(strategy = GenerationType.SEQUENCE, generator = "consent_history_seq")
    @SequenceGenerator(name = "consent_history_seq", sequenceName = "consent_history_id_seq", allocationSize = 1)
    public Long id;
    public String consentId;
    @Enumerated(EnumType.STRING)
    public ConsentStatus fromStatus;
    @Enumerated(EnumType.STRING)
    public ConsentStatus toStatus;
    @Enumerated(EnumType.STRING)
    public Actor actor;
    public String actorId;
    public String reason;
    public Instant occurredAt;
}
