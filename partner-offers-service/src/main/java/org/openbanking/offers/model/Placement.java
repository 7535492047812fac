package org.openbanking.offers.model;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** An offer placed with a partner for one consent. The partner knows only its opaque id. */
@Entity
@Table(name = "placement")
public class Placement {

    @Id
    public String id;
    public String offerId;
    public String partnerId;
    public String consentId;
    /** For counting distinct users (suppression); never returned. */
    public String userId;
    public Instant createdAt;
    public Instant shownAt;
    public Instant clickedAt;
}
