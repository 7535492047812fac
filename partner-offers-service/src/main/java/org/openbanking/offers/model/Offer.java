package org.openbanking.offers.model;

import java.math.BigDecimal;
import java.time.Instant;

import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;

/** A bank's offer. Its eligibility rules are over banded facts only: there is nowhere to name a user. */
@Entity
@Table(name = "offer")
public class Offer {

    public static final String DRAFT = "Draft";
    public static final String PUBLISHED = "Published";
    public static final String WITHDRAWN = "Withdrawn";
    public static final String EXPIRED = "Expired";

    @Id
    public String id;
    public String bankId;
    public String status;
    public String title;
    public String description;
    public String productType;
    public String rate;
    public String fees;
    public String url;
    public Instant startTime;
    public Instant endTime;
    public BigDecimal minAverageBalance;
    public BigDecimal minMonthlyIncome;
    public String ruleCurrency;
    /** Comma-separated account sub-types; the user must hold at least one. */
    public String accountTypes;
    public Instant createdAt;
    public Instant updatedAt;

    /** The status as banks see it: an offer past its end is expired, whether it was a draft or published. */
    public String statusAt(Instant now) {
        if (!WITHDRAWN.equals(status) && !now.isBefore(endTime)) {
            return EXPIRED;
        }
        return status;
    }

    public boolean isLive(Instant now) {
        return PUBLISHED.equals(status) && !now.isBefore(startTime) && now.isBefore(endTime);
    }
}
