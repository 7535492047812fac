package org.openbanking.consent.model;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** The durable record of one data response sent to a partner. */
@Entity
@Table(name = "access_receipt")
public class AccessReceipt {

    @Id
    public UUID id;
    public String consentId;
    public String partnerId;
    public String partnerName;
    public String userId;
    @Enumerated(EnumType.STRING)
    public Resource resource;
    @Convert(converter = StringListConverter.class)
    public List<String> accountIds;
    public int recordCount;
    public String purposeCode;
    @Convert(converter = StringListConverter.class)
    public List<String> prohibitedUses;
    public String interactionId;
    public boolean userPresent;
    public Instant occurredAt;
}
