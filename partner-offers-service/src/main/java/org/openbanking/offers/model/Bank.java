package org.openbanking.offers.model;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A bank's display name, as onboarding registers it. */
@Entity
@Table(name = "bank")
public class Bank {

    @Id
    public String id;
    public String name;
    public Instant updatedAt;
}
