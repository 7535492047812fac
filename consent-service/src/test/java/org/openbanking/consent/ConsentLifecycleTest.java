package org.openbanking.consent;

import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matching;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.openbanking.consent.Api.asGateway;
import static org.openbanking.consent.Api.authorise;
import static org.openbanking.consent.Api.authorisedConsent;
import static org.openbanking.consent.Api.createConsent;
import static org.openbanking.consent.Api.newPartner;
import static org.openbanking.consent.Api.newUser;
import static org.openbanking.consent.Api.userAction;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.openbanking.consent.service.ConsentExpiry;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.vertx.VertxContextSupport;

@QuarkusTest
class ConsentLifecycleTest {

    @Inject
    TestClock clock;
    @Inject
    ConsentExpiry expiry;

    @AfterEach
    void resetClock() {
        clock.reset();
    }

    @Test
    void aUserAuthorisesForTheirOwnAccountsAndTheConsentIsBoundToThem() {
        String partner = newPartner();
        String alice = newUser();
        AccountsServiceMock.owns(alice, "acc-a1", "acc-a2");
        String consentId = createConsent(partner);

        // Before anyone decides, the user who follows the partner's link can see the request.
        asGateway().get("/internal/users/{u}/consents/{c}", alice, consentId).then().statusCode(200)
                .body("Data.Status", equalTo("AwaitingAuthorisation"));

        authorise(alice, consentId, "acc-a1").statusCode(200)
                .body("Data.Status", equalTo("Authorised"))
                .body("Data.AccountIds", contains("acc-a1"))
                .body("Links.Self", equalTo("http://localhost:8080/me/consents/" + consentId));
        // The ownership check went to accounts-service with consent-service's own token.
        AccountsServiceMock.server().verify(getRequestedFor(urlEqualTo(AccountsServiceMock.path(alice)))
                .withHeader("Authorization", matching("Bearer .+")));

        asGateway().get("/internal/partners/{p}/consents/{c}", partner, consentId).then()
                .body("Data.Status", equalTo("Authorised")).body("Data.AccountIds", contains("acc-a1"));
        asGateway().get("/internal/users/{u}/consents", alice).then().statusCode(200)
                .body("Data.Consent.ConsentId", hasItem(consentId));
        asGateway().get("/internal/users/{u}/consents?status=Authorised", alice).then()
                .body("Data.Consent.ConsentId", hasItem(consentId));
        asGateway().get("/internal/users/{u}/consents?status=Revoked", alice).then()
                .body("Data.Consent.ConsentId", not(hasItem(consentId)));
        asGateway().get("/internal/users/{u}/consents?status=Happy", alice).then().statusCode(400)
                .body("Errors[0].Path", equalTo("status"));
    }

    @Test
    void aUserCannotAuthoriseSomeoneElsesAccount() {
        String alice = newUser();
        String bob = newUser();
        AccountsServiceMock.owns(alice, "acc-alice");
        AccountsServiceMock.owns(bob, "acc-bob");
        String consentId = createConsent(newPartner());

        authorise(alice, consentId, "acc-alice", "acc-bob").statusCode(400)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Field.Invalid"))
                .body("Errors[0].Path", equalTo("AccountIds[1]"));
        // Nothing changed: the consent still awaits a decision.
        asGateway().get("/internal/users/{u}/consents/{c}", bob, consentId).then().statusCode(200)
                .body("Data.Status", equalTo("AwaitingAuthorisation"));
    }

    @Test
    void authoriseNeedsANonEmptyListOfDistinctIds() {
        String alice = newUser();
        AccountsServiceMock.owns(alice, "acc-1");
        String consentId = createConsent(newPartner());
        authorise(alice, consentId).statusCode(400).body("Errors[0].ErrorCode", equalTo("UK.OBIE.Field.Missing"));
        authorise(alice, consentId, "acc-1", "acc-1").statusCode(400).body("Errors[0].Path", equalTo("AccountIds[1]"));
        authorise(alice, consentId, "acc 1").statusCode(400).body("Errors[0].Path", equalTo("AccountIds[0]"));
        asGateway().body("{}").post("/internal/users/{u}/consents/{c}/authorise", alice, consentId).then()
                .statusCode(400).body("Errors[0].Path", equalTo("AccountIds"));
    }

    @Test
    void onceBoundNoOtherUserCanSeeOrActOnTheConsent() {
        String partner = newPartner();
        String alice = newUser();
        String bob = newUser();
        AccountsServiceMock.owns(bob, "acc-bob");
        String consentId = authorisedConsent(partner, alice, "acc-alice");

        asGateway().get("/internal/users/{u}/consents/{c}", bob, consentId).then().statusCode(404)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Resource.NotFound"));
        asGateway().get("/internal/users/{u}/consents/{c}/history", bob, consentId).then().statusCode(404);
        userAction(bob, consentId, "revoke").statusCode(404);
        userAction(bob, consentId, "reject").statusCode(404);
        authorise(bob, consentId, "acc-bob").statusCode(404);
        asGateway().get("/internal/users/{u}/consents", bob).then().body("Data.Consent", hasSize(0));
        asGateway().get("/internal/users/{u}/consents/{c}", alice, consentId).then().statusCode(200);
    }

    @Test
    void rejectIsFinalAndBindsTheUser() {
        String alice = newUser();
        String bob = newUser();
        AccountsServiceMock.owns(alice, "acc-1");
        String consentId = createConsent(newPartner());
        userAction(alice, consentId, "reject").statusCode(200).body("Data.Status", equalTo("Rejected"));
        authorise(alice, consentId, "acc-1").statusCode(409)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Resource.InvalidConsentStatus"));
        userAction(alice, consentId, "revoke").statusCode(409);
        asGateway().get("/internal/users/{u}/consents/{c}", bob, consentId).then().statusCode(404);
    }

    @Test
    void revokeOnlyFromAuthorisedAndOnlyOnce() {
        String alice = newUser();
        String pending = createConsent(newPartner());
        userAction(alice, pending, "revoke").statusCode(409);

        String consentId = authorisedConsent(newPartner(), alice, "acc-1");
        userAction(alice, consentId, "revoke").statusCode(200).body("Data.Status", equalTo("Revoked"))
                .body("Data.StatusReason[0].StatusReasonCode", equalTo("RevokedByUser"));
        userAction(alice, consentId, "revoke").statusCode(409);
        authorise(alice, consentId, "acc-1").statusCode(409);
    }

    @Test
    void thePartnerRevokesAnAuthorisedConsentAndWithdrawsAPendingOne() {
        String partner = newPartner();
        String consentId = authorisedConsent(partner, newUser(), "acc-1");
        asGateway().delete("/internal/partners/{p}/consents/{c}", newPartner(), consentId).then().statusCode(404);
        asGateway().delete("/internal/partners/{p}/consents/{c}", partner, consentId).then().statusCode(204);
        asGateway().get("/internal/partners/{p}/consents/{c}", partner, consentId).then()
                .body("Data.Status", equalTo("Revoked"))
                .body("Data.StatusReason[0].StatusReasonCode", equalTo("RevokedByPartner"));
        asGateway().delete("/internal/partners/{p}/consents/{c}", partner, consentId).then().statusCode(409);

        String pending = createConsent(partner);
        asGateway().delete("/internal/partners/{p}/consents/{c}", partner, pending).then().statusCode(204);
        asGateway().get("/internal/partners/{p}/consents/{c}", partner, pending).then()
                .body("Data.Status", equalTo("Rejected"));
    }

    @Test
    void historyRecordsEveryTransitionWithActorAndReason() {
        String partner = newPartner();
        String alice = newUser();
        String consentId = authorisedConsent(partner, alice, "acc-1");
        userAction(alice, consentId, "revoke").statusCode(200);

        asGateway().get("/internal/users/{u}/consents/{c}/history", alice, consentId).then().statusCode(200)
                .body("Data.History", hasSize(3))
                .body("Data.History[0].From", equalTo(null))
                .body("Data.History[0].To", equalTo("AwaitingAuthorisation"))
                .body("Data.History[0].Actor", equalTo("Partner"))
                .body("Data.History[1].From", equalTo("AwaitingAuthorisation"))
                .body("Data.History[1].To", equalTo("Authorised"))
                .body("Data.History[1].Actor", equalTo("User"))
                .body("Data.History[2].From", equalTo("Authorised"))
                .body("Data.History[2].To", equalTo("Revoked"))
                .body("Data.History[2].Actor", equalTo("User"))
                .body("Data.History[2].Reason", equalTo("Revoked by the user"));
    }

    @Test
    void readsReportExpiryAtOnceAndTheJobMakesItDurable() throws Throwable {
        String partner = newPartner();
        String alice = newUser();
        String consentId = authorisedConsent(partner, alice, "acc-1");
        String pending = createConsent(partner);

        clock.advance(Duration.ofDays(91)); // the consents expire after 90 days
        asGateway().get("/internal/partners/{p}/consents/{c}", partner, consentId).then()
                .body("Data.Status", equalTo("Expired"))
                .body("Data.StatusReason[0].StatusReasonCode", equalTo("Expired"));
        asGateway().get("/internal/users/{u}/consents?status=Expired", alice).then()
                .body("Data.Consent.ConsentId", hasItem(consentId));
        userAction(alice, consentId, "revoke").statusCode(409);
        // An expired request no one decided is no longer open to any user.
        asGateway().get("/internal/users/{u}/consents/{c}", newUser(), pending).then().statusCode(404);

        Integer expired = VertxContextSupport.subscribeAndAwait(() -> expiry.expireDue());
        org.junit.jupiter.api.Assertions.assertTrue(expired >= 2, "the job expired " + expired);
        clock.reset();
        // Now durable: even with the clock back, the consent stays expired (a final state).
        asGateway().get("/internal/partners/{p}/consents/{c}", partner, consentId).then()
                .body("Data.Status", equalTo("Expired"));
        asGateway().get("/internal/users/{u}/consents/{c}/history", alice, consentId).then()
                .body("Data.History[2].From", equalTo("Authorised"))
                .body("Data.History[2].To", equalTo("Expired"))
                .body("Data.History[2].Actor", equalTo("System"));
        asGateway().get("/internal/partners/{p}/consents/{c}", partner, pending).then()
                .body("Data.Status", equalTo("Expired"));
    }

    @Test
    void accountsServiceDownMeansAuthorisationFailsClosed() {
        String alice = newUser();
        AccountsServiceMock.answers(alice, 503);
        String consentId = createConsent(newPartner());
        authorise(alice, consentId, "acc-1").statusCode(503)
                .header("Retry-After", equalTo("5"))
                .body("Errors[0].ErrorCode", equalTo("OB.DependencyUnavailable"));
        asGateway().get("/internal/users/{u}/consents/{c}", alice, consentId).then()
                .body("Data.Status", equalTo("AwaitingAuthorisation"));
    }

    @Test
    void aUserUnknownToAccountsServiceOwnsNothing() {
        String alice = newUser();
        AccountsServiceMock.answers(alice, 404);
        String consentId = createConsent(newPartner());
        authorise(alice, consentId, "acc-1").statusCode(400).body("Errors[0].Path", equalTo("AccountIds[0]"));
    }
}
