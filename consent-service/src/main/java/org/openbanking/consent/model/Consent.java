package org.openbanking.consent.model;

import java.time.Instant;
import java.util.List;

import jakarta.persistence.Convert;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

@Entity
@Table(name = "consent")
public class Consent {

    @Id
    public String id;
    public String partnerId;
    public String partnerName;
    /** Null until a user authorises or rejects the consent; then it is bound to that user for good. */
    public String userId;
    @Enumerated(EnumType.STRING)
    public ConsentStatus status;
    public String statusReasonCode;
    public String statusReason;
    @Convert(converter = StringListConverter.class)
    public List<String> permissions;
    public Instant expirationTime;
    public Instant transactionFrom;
    public Instant transactionTo;
    public String purposeCode;
    public String purposeDescription;
    @Convert(converter = StringListConverter.class)
    public List<String> prohibitedUses;
    public int frequencyPerDay;
    @Convert(converter = StringListConverter.class)
    public List<String> accountIds;
    public Instant createdAt;
    public Instant statusUpdatedAt;

    /** The true status at {@code now}: a non-final consent whose expiry has passed is expired, whether or not the job ran. */
    public ConsentStatus statusAt(Instant now) {
        if (!status.isFinal() && !now.isBefore(expirationTime)) {
            return ConsentStatus.Expired;
        }
        return status;
    }

    public boolean hasPermission(Permission permission) {
        return permissions.contains(permission.name());
    }
}
