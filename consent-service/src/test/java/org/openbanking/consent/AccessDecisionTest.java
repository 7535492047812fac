package org.openbanking.consent;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.openbanking.consent.Api.asGateway;
import static org.openbanking.consent.Api.authorisedConsent;
import static org.openbanking.consent.Api.consentBody;
import static org.openbanking.consent.Api.create;
import static org.openbanking.consent.Api.createConsent;
import static org.openbanking.consent.Api.decide;
import static org.openbanking.consent.Api.newPartner;
import static org.openbanking.consent.Api.newUser;
import static org.openbanking.consent.Api.receipt;
import static org.openbanking.consent.Api.record;
import static org.openbanking.consent.Api.userAction;

import java.time.Duration;
import java.util.List;
import java.util.Map;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class AccessDecisionTest {

    @Inject
    TestClock clock;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void permitsWithinTheConsentAndReturnsScopeAndReceiptContext() {
        String partner = newPartner();
        String alice = newUser();
        String consentId = authorisedConsent(partner, alice, "acc-1", "acc-2");
        decide(partner, consentId, "Balances", "acc-2", false).statusCode(200)
                .body("Decision", equalTo("Permit"))
                .body("Status", equalTo(200))
                .body("Scope.ConsentId", equalTo(consentId))
                .body("Scope.Status", equalTo("Authorised"))
                .body("Scope.UserId", equalTo(alice))
                .body("Scope.AccountIds", contains("acc-1", "acc-2"))
                .body("Scope.TransactionFromDateTime", notNullValue())
                .body("Scope.FrequencyPerDay", equalTo(4))
                .body("Receipt.UserId", equalTo(alice))
                .body("Receipt.Purpose", equalTo("PersonalFinanceManagement"))
                .body("Receipt.ProhibitedUses", contains("Advertising", "Profiling", "Resale"));
        decide(partner, consentId, "Accounts", null, false).body("Decision", equalTo("Permit"));
        decide(partner, consentId, "Transactions", "acc-1", false).body("Decision", equalTo("Permit"));
    }

    @Test
    void anotherPartnersConsentIsDeniedRevealingNothing() {
        String consentId = authorisedConsent(newPartner(), newUser(), "acc-1");
        decide(newPartner(), consentId, "Balances", "acc-1", false).statusCode(200)
                .body("Decision", equalTo("Deny"))
                .body("Status", equalTo(403))
                .body("ErrorCode", equalTo("UK.OBIE.Resource.ConsentMismatch"))
                .body("Scope", nullValue())
                .body("Receipt", nullValue());
        decide(newPartner(), "aac-00000000-0000-0000-0000-000000000000", "Accounts", null, false)
                .body("ErrorCode", equalTo("UK.OBIE.Resource.ConsentMismatch"));
    }

    @Test
    void anAccountOutsideTheConsentOrAMissingPermissionIsAMismatch() {
        String partner = newPartner();
        String alice = newUser();
        AccountsServiceMock.owns(alice, "acc-1", "acc-2");
        String consentId = create(partner, consentBody(d -> d.put("Permissions", List.of("ReadAccountsBasic"))))
                .statusCode(201).extract().path("Data.ConsentId");
        Api.authorise(alice, consentId, "acc-1").statusCode(200);

        decide(partner, consentId, "Accounts", "acc-2", false).body("Status", equalTo(403))
                .body("ErrorCode", equalTo("UK.OBIE.Resource.ConsentMismatch"));
        decide(partner, consentId, "Balances", "acc-1", false).body("ErrorCode", equalTo("UK.OBIE.Resource.ConsentMismatch"));
        decide(partner, consentId, "Transactions", "acc-1", false)
                .body("ErrorCode", equalTo("UK.OBIE.Resource.ConsentMismatch"));
        decide(partner, consentId, "Offers", null, false).body("ErrorCode", equalTo("UK.OBIE.Resource.ConsentMismatch"));
        decide(partner, consentId, "Accounts", "acc-1", false).body("Decision", equalTo("Permit"));
    }

    @Test
    void eachStatusDeniesWithItsOwnCode() {
        String partner = newPartner();
        String alice = newUser();
        String pending = createConsent(partner);
        decide(partner, pending, "Accounts", null, false)
                .body("ErrorCode", equalTo("UK.OBIE.Resource.InvalidConsentStatus"));

        String rejected = createConsent(partner);
        userAction(alice, rejected, "reject").statusCode(200);
        decide(partner, rejected, "Accounts", null, false)
                .body("ErrorCode", equalTo("UK.OBIE.Resource.InvalidConsentStatus"));

        String revoked = authorisedConsent(partner, alice, "acc-1");
        userAction(alice, revoked, "revoke").statusCode(200);
        decide(partner, revoked, "Accounts", null, false).body("Status", equalTo(403))
                .body("ErrorCode", equalTo("OB.Consent.Revoked"));

        String expiring = authorisedConsent(partner, alice, "acc-1");
        clock.advance(Duration.ofDays(91));
        decide(partner, expiring, "Accounts", null, false).body("Status", equalTo(403))
                .body("ErrorCode", equalTo("OB.Consent.Expired"))
                .body("Scope.Status", equalTo("Expired"));
    }

    @Test
    void offersNeedReadOffersUnderOfferPlacement() {
        String partner = newPartner();
        String alice = newUser();
        AccountsServiceMock.owns(alice, "acc-1");
        String consentId = create(partner, consentBody(d -> {
            d.put("Permissions", List.of("ReadAccountsBasic", "ReadOffers"));
            d.put("Purpose", Map.of("Code", "OfferPlacement", "Description", "Offers that fit you"));
        })).statusCode(201).extract().path("Data.ConsentId");
        Api.authorise(alice, consentId, "acc-1").statusCode(200);
        decide(partner, consentId, "Offers", null, false).body("Decision", equalTo("Permit"));
    }

    @Test
    void frequencyPerDayCountsOnlyCallsWithoutTheUserPresent() {
        String partner = newPartner();
        String consentId = authorisedConsent(partner, newUser(), "acc-1", "acc-2");
        for (int i = 0; i < 4; i++) {
            decide(partner, consentId, "Balances", "acc-1", false).body("Decision", equalTo("Permit"));
            record(List.of(receipt(consentId, partner, "Balances", "acc-1"))).statusCode(201);
        }
        decide(partner, consentId, "Balances", "acc-1", false).body("Decision", equalTo("Deny"))
                .body("Status", equalTo(429))
                .body("ErrorCode", equalTo("OB.RateLimited"))
                .body("RetryAfterSeconds", greaterThan(0))
                .body("RetryAfterSeconds", lessThanOrEqualTo(86400));
        // Per account: the other account still has its own budget.
        decide(partner, consentId, "Transactions", "acc-2", false).body("Decision", equalTo("Permit"));
        // With the user present the call is not counted against the budget.
        decide(partner, consentId, "Balances", "acc-1", true).body("Decision", equalTo("Permit"));
        // The next UTC day starts a new budget.
        clock.advance(Duration.ofDays(1));
        decide(partner, consentId, "Balances", "acc-1", false).body("Decision", equalTo("Permit"));
    }

    @Test
    void badDecisionRequestsAre400() {
        String partner = newPartner();
        String consentId = authorisedConsent(partner, newUser(), "acc-1");
        decide(partner, consentId, "Everything", null, false).statusCode(400).body("Errors[0].Path", equalTo("Resource"));
        decide(partner, consentId, "Balances", null, false).statusCode(400).body("Errors[0].Path", equalTo("AccountId"));
        asGateway().body(Map.of("Resource", "Accounts")).post("/internal/partners/{p}/access-decisions", partner).then()
                .statusCode(400).body("Errors[0].Path", equalTo("ConsentId"));
    }
}
