package org.openbanking.consent.service;

import static org.openbanking.common.ErrorCodes.CONSENT_EXPIRED;
import static org.openbanking.common.ErrorCodes.CONSENT_REVOKED;
import static org.openbanking.common.ErrorCodes.FIELD_INVALID;
import static org.openbanking.common.ErrorCodes.FIELD_MISSING;
import static org.openbanking.common.ErrorCodes.RATE_LIMITED;
import static org.openbanking.common.ErrorCodes.RESOURCE_CONSENT_MISMATCH;
import static org.openbanking.common.ErrorCodes.RESOURCE_INVALID_CONSENT_STATUS;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import org.openbanking.common.ApiException;
import org.openbanking.common.Ids;
import org.openbanking.consent.model.AccessReceipt;
import org.openbanking.consent.model.Consent;
import org.openbanking.consent.model.ConsentStatus;
import org.openbanking.consent.model.Permission;
import org.openbanking.consent.model.PurposeCode;
import org.openbanking.consent.model.Resource;
import org.openbanking.consent.repository.AccessReceiptRepository;
import org.openbanking.consent.repository.ConsentRepository;
import org.openbanking.consent.repository.PartnerRepository;

import io.quarkus.hibernate.reactive.panache.common.WithSession;
import io.smallrye.mutiny.Uni;

/**
 * May this partner read this resource under this consent, now? Answers permit, or deny with the status and error code
 * of the contract, and the scope to apply. The order of the checks decides what a denial reveals: a consent that is
 * not the caller's is denied before anything about it is looked at.
 */
@ApplicationScoped
public class AccessDecisionService {

    /** The outcome: {@code consent} is set whenever the consent is the caller's (for the scope and caching). */
    public record Decision(boolean permit, int status, String errorCode, String message, Long retryAfterSeconds,
            Consent consent, Long unattendedCallsToday) {

        static Decision deny(int status, String errorCode, String message, Consent consent) {
            return new Decision(false, status, errorCode, message, null, consent, null);
        }
    }

    @Inject
    ConsentRepository consents;
    @Inject
    PartnerRepository partners;
    @Inject
    AccessReceiptRepository receipts;
    @Inject
    ConsentTransitions transitions;

    @WithSession
    public Uni<Decision> decide(String partnerId, String consentId, String resourceName, String accountId,
            boolean userPresent) {
        Ids.requireValid(partnerId, "PartnerId");
        if (consentId == null) {
            throw ApiException.badRequest(FIELD_MISSING, "ConsentId", "ConsentId is required");
        }
        Resource resource = resourceName == null ? null : Resource.parse(resourceName).orElse(null);
        if (resource == null) {
            throw ApiException.badRequest(FIELD_INVALID, "Resource",
                    "Resource must be one of Accounts, Balances, Transactions, Offers");
        }
        if (accountId == null && (resource == Resource.Balances || resource == Resource.Transactions)) {
            throw ApiException.badRequest(FIELD_MISSING, "AccountId", "AccountId is required for " + resource);
        }
        if (accountId != null && !Ids.isValid(accountId)) {
            throw ApiException.badRequest(FIELD_INVALID, "AccountId", "Not a valid account id");
        }
        Instant now = transitions.now();
        return consents.findById(consentId).chain(consent -> {
            if (consent == null || !consent.partnerId.equals(partnerId)) {
                return Uni.createFrom().item(Decision.deny(403, RESOURCE_CONSENT_MISMATCH,
                        "The consent does not cover this request", null));
            }
            Decision byState = byStatus(consent, consent.statusAt(now));
            if (byState != null) {
                return Uni.createFrom().item(byState);
            }
            Decision byScope = byScope(consent, resource, accountId);
            if (byScope != null) {
                return Uni.createFrom().item(byScope);
            }
            return partners.findById(partnerId).chain(partner -> {
                if (partner != null && partner.isSuspended()) {
                    return Uni.createFrom().item(Decision.deny(403, RESOURCE_CONSENT_MISMATCH,
                            "The consent does not cover this request", consent));
                }
                return byFrequency(consent, accountId, userPresent, now);
            });
        });
    }

    private static Decision byStatus(Consent consent, ConsentStatus status) {
        return switch (status) {
            case Authorised -> null;
            case Expired -> Decision.deny(403, CONSENT_EXPIRED, "The consent has expired", consent);
            case Revoked -> Decision.deny(403, CONSENT_REVOKED, "The consent has been revoked", consent);
            case AwaitingAuthorisation, Rejected -> Decision.deny(403, RESOURCE_INVALID_CONSENT_STATUS,
                    "The consent is " + status + ", not Authorised", consent);
        };
    }

    private static Decision byScope(Consent consent, Resource resource, String accountId) {
        boolean allowed = switch (resource) {
            case Accounts -> consent.hasPermission(Permission.ReadAccountsBasic)
                    || consent.hasPermission(Permission.ReadAccountsDetail);
            case Balances -> consent.hasPermission(Permission.ReadBalances);
            case Transactions -> consent.hasPermission(Permission.ReadTransactionsBasic)
                    || consent.hasPermission(Permission.ReadTransactionsDetail);
            case Offers -> consent.hasPermission(Permission.ReadOffers)
                    && PurposeCode.OfferPlacement.name().equals(consent.purposeCode);
        };
        if (!allowed) {
            return Decision.deny(403, RESOURCE_CONSENT_MISMATCH, "The consent does not grant access to " + resource,
                    consent);
        }
        if (accountId != null && !consent.accountIds.contains(accountId)) {
            return Decision.deny(403, RESOURCE_CONSENT_MISMATCH, "The consent does not cover this account", consent);
        }
        return null;
    }

    /**
     * FrequencyPerDay counts calls made without the user present, per account (or consent-wide for calls naming no
     * account) per UTC day, from the receipts already stored.
     */
    private Uni<Decision> byFrequency(Consent consent, String accountId, boolean userPresent, Instant now) {
        Instant dayStart = now.atOffset(ZoneOffset.UTC).toLocalDate().atStartOfDay().toInstant(ZoneOffset.UTC);
        String key = accountId != null ? accountId : AccessReceipt.CONSENT_WIDE;
        return receipts.countUnattended(consent.id, key, dayStart).map(used -> {
            if (!userPresent && used >= consent.frequencyPerDay) {
                long retryAfter = Math.max(1, Duration.between(now, dayStart.plus(Duration.ofDays(1))).toSeconds());
                return new Decision(false, 429, RATE_LIMITED,
                        "FrequencyPerDay of this consent is used up for today without the user present", retryAfter,
                        consent, used);
            }
            return new Decision(true, 200, null, null, null, consent, used);
        });
    }
}
