package org.openbanking.consent.model;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** What consent-service knows of a partner: the name users see, and whether it is suspended. */
@Entity
@Table(name = "partner")
public class Partner {

    public static final String ACTIVE = "Active";
    public static final String SUSPENDED = "Suspended";

    @Id
    public String id;
    public String name;
    public String status;
    public Instant updatedAt;

    public boolean isSuspended() {
        return SUSPENDED.equals(status);
    }
}
