package org.openbanking.accounts.model;

import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A user's link to one bank: the only way a bank reaches that user, through its own opaque {@code customerRef}. */
@Entity
@Table(name = "bank_link")
public class BankLink {

    public static final String PENDING = "Pending";
    public static final String LINKED = "Linked";
    public static final String UNLINKED = "Unlinked";

    @Id
    public String customerRef;
    public String bankId;
    public String userId;
    public String status;
    public String codeHash;
    public Instant codeExpiresAt;
    public Instant createdAt;
    public Instant linkedAt;
    public Instant unlinkedAt;
}
