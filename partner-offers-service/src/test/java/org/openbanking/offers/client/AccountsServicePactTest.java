package org.openbanking.offers.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openbanking.testing.CommittedPact;

import io.quarkus.rest.client.reactive.QuarkusRestClientBuilder;
import io.quarkus.test.junit.QuarkusTest;

import au.com.dius.pact.consumer.MockServer;
import au.com.dius.pact.consumer.dsl.PactDslJsonBody;
import au.com.dius.pact.consumer.dsl.PactDslWithProvider;
import au.com.dius.pact.consumer.junit5.PactConsumerTestExt;
import au.com.dius.pact.consumer.junit5.PactTestFor;
import au.com.dius.pact.core.model.PactSpecVersion;
import au.com.dius.pact.core.model.RequestResponsePact;
import au.com.dius.pact.core.model.annotations.Pact;

/**
 * What this service asks accounts-service for eligibility facts and reads of the answer, as a pact
 * (contracts/README.md) that accounts-service's build verifies. The call goes through this service's own
 * {@link FactsApi} (with its OIDC filter), built against Pact's mock server, and the answer is read by
 * {@link AccountsClient} into its own {@link AccountsClient.Facts}, as placements read it. A Quarkus REST client cannot
 * be built outside a running Quarkus application, hence {@code @QuarkusTest}.
 * <p>
 * Another interaction is one more {@code @Pact} method and the test that uses it; a new provider state is one more
 * {@code @State} method in accounts-service's ConsumerPactsTest.
 */
@QuarkusTest
@ExtendWith({CommittedPact.class, PactConsumerTestExt.class})
@PactTestFor(providerName = "accounts-service", pactVersion = PactSpecVersion.V3)
class AccountsServicePactTest {

    static final String CONSUMER = "partner-offers-service";

    /** This service's own token; accounts-service's verification puts a valid one in its place. */
    static final String BEARER = "Bearer .+";
    /** JSON, with or without a charset. */
    static final String JSON_ANSWER = "application/json(;.*)?";
    static final String AMOUNT = "\\d{1,13}\\.\\d{2}";

    /** Examples; in verification the provider states give the real ids. */
    static final String USER = "user-pact";
    static final String ACCOUNT = "acc-pact-1";

    @Pact(consumer = CONSUMER)
    public RequestResponsePact factsOfAnAccount(PactDslWithProvider builder) {
        PactDslJsonBody facts = new PactDslJsonBody()
                .object("Data")
                .minArrayLike("Account", 1)
                .valueFromProviderState("AccountId", "${accountId}", ACCOUNT)
                .object("AverageBalance90DaysBand")
                .stringMatcher("Amount", AMOUNT, "2500.00")
                .stringMatcher("Currency", "[A-Z]{3}", "EUR")
                .closeObject().asBody()
                .object("MonthlyIncomeBand")
                .stringMatcher("Amount", AMOUNT, "0.00")
                .stringMatcher("Currency", "[A-Z]{3}", "EUR")
                .closeObject().asBody()
                .stringType("AccountSubType", "CurrentAccount")
                .closeObject().closeArray().asBody()
                .closeObject().asBody();
        return builder.given("a user with a linked EUR current account")
                .uponReceiving("a request for the eligibility facts of the consent's accounts")
                .method("GET")
                .pathFromProviderState("/internal/users/${userId}/facts", "/internal/users/" + USER + "/facts")
                .queryParameterFromProviderState("accountIds", "${accountId}", ACCOUNT)
                .matchHeader("Authorization", BEARER, "Bearer service-token")
                .willRespondWith()
                .status(200)
                .matchHeader("Content-Type", JSON_ANSWER, "application/json")
                .body(facts)
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "factsOfAnAccount")
    void readsTheFactsOfEachAccount(MockServer server) {
        Optional<List<AccountsClient.Facts>> facts = client(server).factsOf(USER, List.of(ACCOUNT))
                .await().atMost(Duration.ofSeconds(10));

        assertEquals(Optional.of(List.of(new AccountsClient.Facts(ACCOUNT, new BigDecimal("2500.00"), new BigDecimal("0.00"),
                "EUR", "CurrentAccount"))), facts);
    }

    @Pact(consumer = CONSUMER)
    public RequestResponsePact noFacts(PactDslWithProvider builder) {
        return builder.given("a user with no accounts")
                .uponReceiving("a request for the eligibility facts of accounts the user does not have")
                .method("GET")
                .pathFromProviderState("/internal/users/${userId}/facts", "/internal/users/" + USER + "/facts")
                .query("accountIds=" + ACCOUNT)
                .matchHeader("Authorization", BEARER, "Bearer service-token")
                .willRespondWith()
                .status(200)
                .matchHeader("Content-Type", JSON_ANSWER, "application/json")
                // No facts at all, not an error: placements then match no offer.
                .body(new PactDslJsonBody().object("Data").array("Account").closeArray().asBody().closeObject())
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "noFacts")
    void readsThatThereAreNoFacts(MockServer server) {
        Optional<List<AccountsClient.Facts>> facts = client(server).factsOf(USER, List.of(ACCOUNT))
                .await().atMost(Duration.ofSeconds(10));

        assertEquals(Optional.of(List.of()), facts);
    }

    /** This service's client of accounts-service, without its fault tolerance (a plain instance), over the mock server. */
    static AccountsClient client(MockServer server) {
        AccountsClient client = new AccountsClient();
        client.api = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(server.getUrl())).build(FactsApi.class);
        return client;
    }
}
