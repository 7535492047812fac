package org.openbanking.consent;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.greaterThan;
import static org.hamcrest.Matchers.lessThanOrEqualTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
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

import org.eclipse.microprofile.config.ConfigProvider;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.openbanking.testing.Concurrently;

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
    void permitsWithinTheConsentAndReturnsWhatItGrantsAndTheReceiptContext() {
        String partner = newPartner();
        String alice = newUser();
        String consentId = authorisedConsent(partner, alice, "acc-1", "acc-2");
        decide(partner, consentId, "Balances", "acc-2", false).statusCode(200)
                .body("Decision", equalTo("Permit"))
                .body("Status", equalTo(200))
                .body("Grant.ConsentId", equalTo(consentId))
                .body("Grant.Status", equalTo("Authorised"))
                .body("Grant.UserId", equalTo(alice))
                .body("Grant.AccountIds", contains("acc-1", "acc-2"))
                // Named by the access rule, so that no other service maps permissions again.
                .body("Grant.Resources", contains("Accounts", "Balances", "Transactions"))
                .body("Grant.Detail", contains("Accounts", "Transactions"))
                .body("Grant.CreditDebit", contains("Credit", "Debit"))
                .body("Grant.TransactionFromDateTime", notNullValue())
                .body("Grant.FrequencyPerDay", equalTo(4))
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
                .body("Grant", nullValue())
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
                .body("Grant.Status", equalTo("Expired"));
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
    void theAccountsListIsCheckedInTheBucketItIsCountedIn() {
        String partner = newPartner();
        // One account: the accounts list still counts consent-wide, never in the account's own budget.
        String consentId = authorisedConsent(partner, newUser(), "acc-1");
        for (int i = 0; i < 4; i++) {
            decide(partner, consentId, "Accounts", null, false).body("Decision", equalTo("Permit"));
            record(List.of(receipt(consentId, partner, "Accounts", "acc-1"))).statusCode(201);
        }
        decide(partner, consentId, "Accounts", null, false).body("Status", equalTo(429))
                .body("ErrorCode", equalTo("OB.RateLimited"));
        // The account's own budget was not eaten by the list.
        decide(partner, consentId, "Balances", "acc-1", false).body("Decision", equalTo("Permit"));
    }

    @ParameterizedTest(name = "{0} parallel calls with FrequencyPerDay {1}: exactly {1} served")
    @CsvSource({"20, 1", "20, 3"})
    void parallelUnattendedCallsNeverSlipPastTheLimit(int calls, int limit) throws Exception {
        String partner = newPartner();
        String consentId = authorisedWithFrequency(partner, limit);
        List<String> outcomes = Concurrently.run(calls,
                i -> decide(partner, consentId, "Balances", "acc-1", false).extract().path("Decision"));
        assertEquals(limit, outcomes.stream().filter("Permit"::equals).count(), outcomes.toString());
        assertEquals(calls - limit, outcomes.stream().filter("Deny"::equals).count(), outcomes.toString());
    }

    /**
     * A decision must never hold one pooled connection while it waits for a second: with more parallel calls than the
     * pool has connections, every call holding one and waiting for another would starve them all.
     */
    @Test
    void moreParallelUnattendedCallsThanPooledConnectionsAreAllAnswered() throws Exception {
        int connections = ConfigProvider.getConfig().getValue("quarkus.datasource.reactive.max-size", Integer.class);
        String partner = newPartner();
        String consentId = authorisedWithFrequency(partner, 1);
        List<Integer> statuses = Concurrently.run(2 * connections,
                i -> decide(partner, consentId, "Balances", "acc-1", false).extract().<Integer>path("Status"));
        assertEquals(1, statuses.stream().filter(status -> status == 200).count(), statuses.toString());
        assertEquals(2 * connections - 1, statuses.stream().filter(status -> status == 429).count(), statuses.toString());
    }

    @Test
    void aReservedCallThatServedNothingIsGivenBack() {
        String partner = newPartner();
        String consentId = authorisedWithFrequency(partner, 1);
        String reservation = decide(partner, consentId, "Balances", "acc-1", false).body("Decision", equalTo("Permit"))
                .body("Reservation", notNullValue()).extract().path("Reservation");
        decide(partner, consentId, "Balances", "acc-1", false).body("Status", equalTo(429));
        Api.release(partner, reservation).statusCode(204);
        // Given back once only: a second release of the same reservation changes nothing.
        Api.release(partner, reservation).statusCode(204);
        decide(partner, consentId, "Balances", "acc-1", false).body("Decision", equalTo("Permit"));
        decide(partner, consentId, "Balances", "acc-1", false).body("Status", equalTo(429));
        // Another partner cannot give back this partner's reservation.
        Api.release(newPartner(), reservation).statusCode(404);
        // Calls with the user present reserve nothing.
        decide(partner, consentId, "Balances", "acc-1", true).body("Decision", equalTo("Permit"))
                .body("Reservation", nullValue());
    }

    @Test
    void aRetriedDecisionReservesTheCallOnce() {
        String partner = newPartner();
        String consentId = authorisedWithFrequency(partner, 2);
        Map<String, Object> body = Map.of("ConsentId", consentId, "Resource", "Balances", "AccountId", "acc-1",
                "UserPresent", false, "ReservationId", java.util.UUID.randomUUID().toString());
        for (int i = 0; i < 3; i++) {
            asGateway().body(body).post("/internal/partners/{p}/access-decisions", partner).then().statusCode(200)
                    .body("Decision", equalTo("Permit")).body("Reservation", equalTo(body.get("ReservationId")));
        }
        // Three tries of one call used one of the two calls of the day.
        decide(partner, consentId, "Balances", "acc-1", false).body("Decision", equalTo("Permit"));
        decide(partner, consentId, "Balances", "acc-1", false).body("Status", equalTo(429));
        // Another call cannot take over a reservation id.
        asGateway().body(Map.of("ConsentId", consentId, "Resource", "Accounts", "UserPresent", false, "ReservationId",
                body.get("ReservationId"))).post("/internal/partners/{p}/access-decisions", partner).then()
                .statusCode(400).body("Errors[0].Path", equalTo("ReservationId"));
    }

    /** A consent of this partner with this FrequencyPerDay, authorised by a new user for acc-1. */
    private static String authorisedWithFrequency(String partner, int frequencyPerDay) {
        String user = newUser();
        AccountsServiceMock.owns(user, "acc-1");
        String consentId = create(partner, consentBody(d -> d.put("FrequencyPerDay", frequencyPerDay))).statusCode(201)
                .extract().path("Data.ConsentId");
        Api.authorise(user, consentId, "acc-1").statusCode(200);
        return consentId;
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
