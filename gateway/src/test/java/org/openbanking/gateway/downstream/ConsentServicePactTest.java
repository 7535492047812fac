package org.openbanking.gateway.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import jakarta.enterprise.inject.Vetoed;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openbanking.gateway.operator.OnboardingService;
import org.openbanking.gateway.partner.ReceiptRecorder;
import org.openbanking.testing.CommittedPact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.junit.QuarkusMock;
import io.quarkus.test.junit.QuarkusTest;
import io.smallrye.mutiny.Uni;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslJsonRootValue;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.RequestResponsePact;
import au.com.dius.pact.core.model.annotations.Pact;

/**
 * What the gateway sends consent-service and reads of its answers, as a pact (contracts/README.md) that consent-service's
 * build verifies. The calls go through the gateway's own {@link ConsentApi} (with its OIDC and interaction-id filters),
 * built against Pact's mock server, and through the gateway's own code where it shapes a request: the receipts batch
 * of {@link ReceiptRecorder}, the registration of {@link OnboardingService}. A Quarkus REST client cannot be built
 * outside a running Quarkus application, hence {@code @QuarkusTest}.
 * <p>
 * The gateway relays a partner's consent as consent-service answers it, so the pact holds the answer to the public
 * contract's Consent (its required fields, META-INF/openapi.yaml); where the gateway only looks at the status, the pact
 * holds the status only. Another interaction is one more {@code @Pact} method and the test that uses it; a new provider
 * state is one more {@code @State} method in consent-service's ConsumerPactsTest.
 */
@QuarkusTest
@ExtendWith({CommittedPact.class, PactConsumerTestExt.class})
@PactTestFor(providerName = "consent-service", pactVersion = PactSpecVersion.V3)
class ConsentServicePactTest {

    static final String CONSUMER = "gateway";

    /** The gateway's own service token; consent-service's verification puts a valid one in its place. */
    static final String BEARER = "Bearer .+";
    /** As the gateway's client sends its bodies (Pact's default would add a charset). */
    static final String JSON = "application/json";
    /** JSON, with or without a charset: the gateway reads the body as it comes. */
    static final String JSON_ANSWER = "application/json(;.*)?";
    static final String ID = "[A-Za-z0-9._~:@-]{1,128}";
    static final String DATE_TIME = "\\d{4}-\\d{2}-\\d{2}T\\d{2}:\\d{2}(:\\d{2}(\\.\\d{1,9})?)?(Z|[+-]\\d{2}:\\d{2})";
    static final String UUID = "[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}";

    /** Examples; in verification the provider states give the real ids. */
    static final String PARTNER = "partner-pact";
    static final String CONSENT = "aac-7d0c2a54-8f0e-4b7e-9d59-2f7c61b4a0e1";
    static final String ACCOUNT = "acc-pact-1";

    @Inject
    AccessDecisions decisions;
    @Inject
    ReceiptRecorder receipts;
    @Inject
    OnboardingService onboarding;
    @Inject
    ObjectMapper mapper;

    // ---- a partner's consents: relayed both ways as they are

    @Pact(consumer = CONSUMER)
    public RequestResponsePact createConsent(PactDslWithProvider builder) {
        return builder.given("a partner may request consents")
                .uponReceiving("a partner's request for consent, with its idempotency key")
                .method("POST")
                .pathFromProviderState("/internal/partners/${partnerId}/consents",
                        "/internal/partners/" + PARTNER + "/consents")
                .matchHeader("Authorization", BEARER, "Bearer service-token")
                .matchHeader("x-idempotency-key", "[^\\p{Cntrl}]{1,40}", "create-1")
                .headers("Content-Type", JSON)
                .body(consentRequest())
                .willRespondWith()
                .status(201)
                .matchHeader("Content-Type", JSON_ANSWER, JSON)
                .body(consent())
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "createConsent")
    void createsAConsent(MockServer server) throws Exception {
        Response relayed = Relay.of(api(server).create(PARTNER, "create-1", consentRequestAsAPartnerSendsIt())
                .await().atMost(Duration.ofSeconds(10)));

        assertEquals(201, relayed.getStatus());
        assertConsent(relayed);
    }

    @Pact(consumer = CONSUMER)
    public RequestResponsePact getConsent(PactDslWithProvider builder) {
        return builder.given("a partner has a consent awaiting authorisation")
                .uponReceiving("a partner's read of one of its consents")
                .method("GET")
                .pathFromProviderState("/internal/partners/${partnerId}/consents/${consentId}",
                        "/internal/partners/" + PARTNER + "/consents/" + CONSENT)
                .matchHeader("Authorization", BEARER, "Bearer service-token")
                .willRespondWith()
                .status(200)
                .matchHeader("Content-Type", JSON_ANSWER, JSON)
                .body(consent())
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "getConsent")
    void readsAConsent(MockServer server) throws Exception {
        Response relayed = Relay.of(api(server).get(PARTNER, CONSENT).await().atMost(Duration.ofSeconds(10)));

        assertEquals(200, relayed.getStatus());
        assertConsent(relayed);
    }

    @Pact(consumer = CONSUMER)
    public RequestResponsePact revokeConsent(PactDslWithProvider builder) {
        return builder.given("a partner has an authorised consent")
                .uponReceiving("a partner's revocation of one of its consents")
                .method("DELETE")
                .pathFromProviderState("/internal/partners/${partnerId}/consents/${consentId}",
                        "/internal/partners/" + PARTNER + "/consents/" + CONSENT)
                .matchHeader("Authorization", BEARER, "Bearer service-token")
                .willRespondWith()
                .status(204)
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "revokeConsent")
    void revokesAConsent(MockServer server) {
        Response relayed = Relay.of(api(server).revokeByPartner(PARTNER, CONSENT).await().atMost(Duration.ofSeconds(10)));

        assertEquals(204, relayed.getStatus());
    }

    // ---- the access decision: the gateway reads what the consent grants, and applies nothing else

    @Pact(consumer = CONSUMER)
    public RequestResponsePact decideAccess(PactDslWithProvider builder) {
        PactDslJsonBody request = new PactDslJsonBody()
                .valueFromProviderState("ConsentId", "${consentId}", CONSENT)
                .stringValue("Resource", "Balances")
                .valueFromProviderState("AccountId", "${accountId}", ACCOUNT)
                .booleanValue("UserPresent", false)
                .stringMatcher("ReservationId", UUID, "5d7c1f0e-2b8a-4c61-9f3e-0a4b6c8d2e17");
        PactDslJsonBody permit = (PactDslJsonBody) new PactDslJsonBody()
                .stringValue("Decision", "Permit")
                .integerType("Status", 200)
                .object("Grant")
                .valueFromProviderState("ConsentId", "${consentId}", CONSENT)
                .stringMatcher("UserId", ID, "alice-sub")
                .array("AccountIds").valueFromProviderState("${accountId}", ACCOUNT).closeArray().asBody()
                // What consent-service's AccessRule grants for the state's permissions (Detail accounts, balances,
                // detailed transactions both ways): named here so that the gateway never maps permissions itself.
                .array("Resources").stringValue("Accounts").stringValue("Balances").stringValue("Transactions")
                .closeArray().asBody()
                .array("Detail").stringValue("Accounts").stringValue("Transactions").closeArray().asBody()
                .array("CreditDebit").stringValue("Credit").stringValue("Debit").closeArray().asBody()
                .stringMatcher("TransactionFromDateTime", DATE_TIME, "2026-06-01T00:00:00Z")
                .stringMatcher("TransactionToDateTime", DATE_TIME, "2026-12-01T00:00:00Z")
                .stringMatcher("ExpirationDateTime", DATE_TIME, "2027-03-01T00:00:00Z")
                .closeObject().asBody()
                .object("Receipt").stringMatcher("Purpose", "AccountAggregation|PersonalFinanceManagement|OfferPlacement",
                        "PersonalFinanceManagement")
                .closeObject().asBody()
                .stringMatcher("Reservation", UUID, "5d7c1f0e-2b8a-4c61-9f3e-0a4b6c8d2e17");
        return builder.given("a partner has an authorised consent")
                .uponReceiving("an access decision for an unattended balances call")
                .method("POST")
                .pathFromProviderState("/internal/partners/${partnerId}/access-decisions",
                        "/internal/partners/" + PARTNER + "/access-decisions")
                .matchHeader("Authorization", BEARER, "Bearer service-token")
                .headers("Content-Type", JSON)
                .body(request)
                .willRespondWith()
                .status(200)
                .matchHeader("Content-Type", JSON_ANSWER, JSON)
                .body(permit)
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "decideAccess")
    void decidesAccessAndReadsTheGrant(MockServer server) {
        through(server);

        Decision decision = decisions.decide(PARTNER, new DecisionRequest(CONSENT, "Balances", ACCOUNT, false,
                "5d7c1f0e-2b8a-4c61-9f3e-0a4b6c8d2e17")).await().atMost(Duration.ofSeconds(10));

        assertTrue(decision.permitted());
        assertEquals(List.of("Accounts", "Balances", "Transactions"), decision.grant().resources());
        assertEquals(List.of(ACCOUNT), decision.grant().accountIds());
        assertEquals("PersonalFinanceManagement", decision.receipt().purpose());
    }

    // ---- what the gateway records before it sends data

    @Pact(consumer = CONSUMER)
    public RequestResponsePact recordReceipts(PactDslWithProvider builder) {
        PactDslJsonBody batch = new PactDslJsonBody()
                .minArrayLike("Receipt", 1)
                .stringMatcher("ReceiptId", UUID, "0b5f7f1e-3c1a-4a53-9a57-7d4e1f0c9a21")
                .valueFromProviderState("ConsentId", "${consentId}", CONSENT)
                .valueFromProviderState("PartnerId", "${partnerId}", PARTNER)
                .stringMatcher("Resource", "Accounts|Balances|Transactions|Offers", "Accounts")
                .array("AccountIds").stringType(ACCOUNT).closeArray().asBody()
                .integerType("RecordCount", 1)
                .stringMatcher("InteractionId", UUID, "93bac548-d2de-4546-b106-880a5018460d")
                .booleanType("UserPresent", false)
                .closeObject().closeArray().asBody();
        return builder.given("a partner has an authorised consent")
                .uponReceiving("a batch of access receipts, recorded before the data is sent")
                .method("POST")
                .path("/internal/receipts")
                .matchHeader("Authorization", BEARER, "Bearer service-token")
                .headers("Content-Type", JSON)
                .body(batch)
                // The gateway sends data only on a 201: the whole batch is stored. It reads nothing else.
                .willRespondWith()
                .status(201)
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "recordReceipts")
    void recordsAReceipt(MockServer server) {
        through(server);

        receipts.record(CONSENT, PARTNER, "Accounts", List.of(ACCOUNT), 1, false).await().atMost(Duration.ofSeconds(10));
    }

    // ---- onboarding

    @Pact(consumer = CONSUMER)
    public RequestResponsePact registerPartner(PactDslWithProvider builder) {
        return builder.uponReceiving("the registration of a partner that was just onboarded")
                .method("PUT")
                .matchPath("/internal/partners/[A-Za-z0-9._~:@-]+", "/internal/partners/pact-budgeting-0a1b2c")
                .matchHeader("Authorization", BEARER, "Bearer service-token")
                .headers("Content-Type", JSON)
                .body(new PactDslJsonBody().stringType("Name", "Pact Budgeting"))
                // Onboarding completes on any 2xx; it reads nothing of the answer.
                .willRespondWith()
                .status(200)
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "registerPartner")
    void registersAnOnboardedPartner(MockServer server) {
        through(server);

        OnboardingService.Onboarded onboarded = onboarding.onboardPartner("Pact Budgeting", "ops@pact-budgeting.example",
                List.of("https://pact-budgeting.example/callback"), "operator", null);

        assertTrue(onboarded.client().clientId().startsWith("pact-budgeting-"), onboarded.client().clientId());
    }

    // ---- the shapes

    /** A partner's request for consent, which the gateway passes on as it is; its dates are the provider state's. */
    static PactDslJsonBody consentRequest() {
        return (PactDslJsonBody) new PactDslJsonBody()
                .object("Data")
                .array("Permissions").stringValue("ReadAccountsDetail").stringValue("ReadBalances").closeArray().asBody()
                .valueFromProviderState("ExpirationDateTime", "${expirationDateTime}", "2027-03-01T00:00:00Z")
                .valueFromProviderState("TransactionFromDateTime", "${transactionFromDateTime}", "2026-06-01T00:00:00Z")
                .valueFromProviderState("TransactionToDateTime", "${transactionToDateTime}", "2026-12-01T00:00:00Z")
                .object("Purpose")
                .stringValue("Code", "PersonalFinanceManagement")
                .stringValue("Description", "See all your spending in one place")
                .closeObject().asBody()
                .integerType("FrequencyPerDay", 4)
                .closeObject().asBody()
                .object("Risk").closeObject();
    }

    String consentRequestAsAPartnerSendsIt() throws Exception {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        return mapper.writeValueAsString(Map.of("Data", Map.of(
                "Permissions", List.of("ReadAccountsDetail", "ReadBalances"),
                "ExpirationDateTime", now.plusDays(90).toString(),
                "TransactionFromDateTime", now.minusDays(180).toString(),
                "TransactionToDateTime", now.toString(),
                "Purpose", Map.of("Code", "PersonalFinanceManagement", "Description", "See all your spending in one place"),
                "FrequencyPerDay", 4), "Risk", Map.of()));
    }

    /** The public contract's Consent (its required fields), which the gateway relays to the partner. */
    static PactDslJsonBody consent() {
        return (PactDslJsonBody) new PactDslJsonBody()
                .object("Data")
                .stringMatcher("ConsentId", ID, CONSENT)
                .stringMatcher("Status", "AwaitingAuthorisation|Authorised|Rejected|Revoked|Expired", "AwaitingAuthorisation")
                .stringMatcher("CreationDateTime", DATE_TIME, "2026-12-01T09:30:00Z")
                .stringMatcher("StatusUpdateDateTime", DATE_TIME, "2026-12-01T09:30:00Z")
                .minArrayLike("Permissions", 1, PactDslJsonRootValue.stringMatcher(
                        "ReadAccountsBasic|ReadAccountsDetail|ReadBalances|ReadTransactionsBasic|ReadTransactionsDetail"
                                + "|ReadTransactionsCredits|ReadTransactionsDebits|ReadOffers",
                        "ReadAccountsDetail"), 1)
                .stringMatcher("ExpirationDateTime", DATE_TIME, "2027-03-01T09:30:00Z")
                .object("Purpose")
                .stringMatcher("Code", "AccountAggregation|PersonalFinanceManagement|OfferPlacement",
                        "PersonalFinanceManagement")
                .stringType("Description", "See all your spending in one place")
                .closeObject().asBody()
                // Fixed by the contract: what the partner promises not to do with the data.
                .array("ProhibitedUses").stringValue("Advertising").stringValue("Profiling").stringValue("Resale").closeArray()
                .asBody()
                .integerType("FrequencyPerDay", 4)
                .stringMatcher("PartnerId", ID, PARTNER)
                .stringType("PartnerName", "Pact Budgeting")
                .closeObject().asBody()
                .object("Risk").closeObject().asBody()
                .object("Links").stringMatcher("Self", "https?://\\S+",
                        "http://localhost:8080/open-banking/v3.1/aisp/account-access-consents/" + CONSENT)
                .closeObject().asBody()
                .object("Meta").closeObject();
    }

    void assertConsent(Response relayed) throws Exception {
        JsonNode consent = mapper.readTree(relayed.readEntity(String.class));
        assertEquals(CONSENT, consent.at("/Data/ConsentId").asText());
        assertEquals("Resale", consent.at("/Data/ProhibitedUses/2").asText());
        assertTrue(consent.at("/Links/Self").asText().endsWith(CONSENT));
    }

    // ---- the gateway's client, against the mock server

    static ConsentApi api(MockServer server) {
        return QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(server.getUrl())).build(ConsentApi.class);
    }

    /** The gateway's beans reach consent-service through the mock server, for this test. */
    static void through(MockServer server) {
        QuarkusMock.installMockForType(new Direct(api(server)), ConsentClient.class);
    }

    /** ConsentClient without fault tolerance: the calls as the gateway's code makes them, straight to {@code api}. */
    @Vetoed
    static class Direct extends ConsentClient {

        private final ConsentApi direct;

        Direct(ConsentApi direct) {
            this.direct = direct;
        }

        @Override
        public Uni<Response> read(Function<ConsentApi, Uni<Response>> call) {
            return call.apply(direct);
        }

        @Override
        public Uni<Response> write(Function<ConsentApi, Uni<Response>> call) {
            return call.apply(direct);
        }
    }
}
