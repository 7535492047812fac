package org.openbanking.consent;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.openbanking.consent.Api.asGateway;
import static org.openbanking.consent.Api.authorise;
import static org.openbanking.consent.Api.authorisedConsent;
import static org.openbanking.consent.Api.createConsent;
import static org.openbanking.consent.Api.decide;
import static org.openbanking.consent.Api.newPartner;
import static org.openbanking.consent.Api.newUser;

import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BlockAndSuspendTest {

    @Test
    void unlinkingABankRevokesTheUsersConsentsCoveringItsAccounts() {
        String partner = newPartner();
        String alice = newUser();
        String covering = authorisedConsent(partner, alice, "acc-alpha-1", "acc-beta-1");
        String elsewhere = authorisedConsent(partner, alice, "acc-beta-1");
        String bobs = authorisedConsent(partner, newUser(), "acc-alpha-1");

        asGateway().body(java.util.Map.of("AccountIds", java.util.List.of("acc-alpha-1", "acc-alpha-2")))
                .post("/internal/users/{u}/consents/revoke-covering", alice).then().statusCode(200)
                .body("Data.Revoked", org.hamcrest.Matchers.contains(covering));
        asGateway().get("/internal/users/{u}/consents/{c}", alice, covering).then().body("Data.Status", equalTo("Revoked"))
                .body("Data.StatusReason[0].StatusReasonCode", equalTo("BankUnlinkedByUser"));
        decide(partner, covering, "Accounts", null, false).body("ErrorCode", equalTo("OB.Consent.Revoked"));
        // Consents on other banks' accounts, and other users' consents, stay.
        decide(partner, elsewhere, "Accounts", null, false).body("Decision", equalTo("Permit"));
        decide(partner, bobs, "Accounts", null, false).body("Decision", equalTo("Permit"));
        // Again: nothing left to revoke.
        asGateway().body(java.util.Map.of("AccountIds", java.util.List.of("acc-alpha-1")))
                .post("/internal/users/{u}/consents/revoke-covering", alice).then().statusCode(200)
                .body("Data.Revoked", hasSize(0));
        asGateway().body(java.util.Map.of("AccountIds", java.util.List.of("bad id")))
                .post("/internal/users/{u}/consents/revoke-covering", alice).then().statusCode(400);
    }

    @Test
    void blockingRevokesLiveConsentsAndStopsFutureAuthorisation() {
        String partner = newPartner();
        String other = newPartner();
        String alice = newUser();
        String live = authorisedConsent(partner, alice, "acc-1");
        String withOther = authorisedConsent(other, alice, "acc-1");
        String bobs = authorisedConsent(partner, newUser(), "acc-b");

        asGateway().put("/internal/users/{u}/blocked-partners/{p}", alice, partner).then().statusCode(204);
        asGateway().get("/internal/users/{u}/consents/{c}", alice, live).then().body("Data.Status", equalTo("Revoked"))
                .body("Data.StatusReason[0].StatusReasonCode", equalTo("PartnerBlockedByUser"));
        decide(partner, live, "Accounts", null, false).body("ErrorCode", equalTo("OB.Consent.Revoked"));
        // Only this user's consents with this partner.
        decide(other, withOther, "Accounts", null, false).body("Decision", equalTo("Permit"));
        decide(partner, bobs, "Accounts", null, false).body("Decision", equalTo("Permit"));

        String next = createConsent(partner);
        authorise(alice, next, "acc-1").statusCode(409)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Resource.InvalidConsentStatus"));

        asGateway().get("/internal/users/{u}/blocked-partners", alice).then().statusCode(200)
                .body("Data.BlockedPartner", hasSize(1))
                .body("Data.BlockedPartner[0].PartnerId", equalTo(partner))
                .body("Data.BlockedPartner[0].PartnerName", equalTo(partner));

        // Blocking twice is harmless; unblocking allows authorisation again, the revoked consent stays revoked.
        asGateway().put("/internal/users/{u}/blocked-partners/{p}", alice, partner).then().statusCode(204);
        asGateway().delete("/internal/users/{u}/blocked-partners/{p}", alice, partner).then().statusCode(204);
        authorise(alice, next, "acc-1").statusCode(200);
        asGateway().get("/internal/users/{u}/consents/{c}", alice, live).then().body("Data.Status", equalTo("Revoked"));
    }

    @Test
    void blockingAnUnknownPartnerIsA404() {
        asGateway().put("/internal/users/{u}/blocked-partners/{p}", newUser(), "never-registered").then().statusCode(404);
    }

    @Test
    void suspensionEndsEveryOpenConsentOfThePartnerAtOnce() {
        String partner = newPartner();
        String alice = newUser();
        String bob = newUser();
        String a = authorisedConsent(partner, alice, "acc-a");
        String b = authorisedConsent(partner, bob, "acc-b");
        String pending = createConsent(partner);
        String unrelated = authorisedConsent(newPartner(), alice, "acc-a");

        asGateway().body(Map.of("Name", "Chat & Pay")).put("/internal/partners/{p}", partner).then().statusCode(200)
                .body("Name", equalTo("Chat & Pay")).body("Status", equalTo("Active"));
        asGateway().post("/internal/partners/{p}/suspend", partner).then().statusCode(200)
                .body("Status", equalTo("Suspended"))
                .body("EndedConsents", equalTo(3));

        decide(partner, a, "Accounts", null, false).body("ErrorCode", equalTo("OB.Consent.Revoked"));
        decide(partner, b, "Accounts", null, false).body("ErrorCode", equalTo("OB.Consent.Revoked"));
        asGateway().get("/internal/users/{u}/consents/{c}/history", alice, a).then()
                .body("Data.History[2].Actor", equalTo("Operator"));
        asGateway().get("/internal/partners/{p}/consents/{c}", partner, pending).then()
                .body("Data.Status", equalTo("Rejected"));
        decide(newPartner(), unrelated, "Accounts", null, false).body("Decision", equalTo("Deny"));
        asGateway().get("/internal/users/{u}/consents/{c}", alice, unrelated).then().body("Data.Status", equalTo("Authorised"));

        // While suspended it cannot ask for new consents.
        Api.create(partner, Api.consentBody()).statusCode(403);

        asGateway().post("/internal/partners/{p}/reinstate", partner).then().statusCode(200)
                .body("Status", equalTo("Active"));
        decide(partner, a, "Accounts", null, false).body("ErrorCode", equalTo("OB.Consent.Revoked"));
        String fresh = createConsent(partner);
        asGateway().get("/internal/partners/{p}/consents/{c}", partner, fresh).then()
                .body("Data.PartnerName", equalTo("Chat & Pay"));
    }

    @Test
    void partnerRegistrationIsValidated() {
        String partner = newPartner();
        asGateway().body(Map.of()).put("/internal/partners/{p}", partner).then().statusCode(400)
                .body("Errors[0].Path", equalTo("Name"));
        asGateway().body(Map.of("Name", " ")).put("/internal/partners/{p}", partner).then().statusCode(400);
        asGateway().body(Map.of("Name", "x")).put("/internal/partners/{p}", "bad id").then().statusCode(400);
        asGateway().post("/internal/partners/{p}/suspend", partner).then().statusCode(404);
    }
}
