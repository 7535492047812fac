package org.openbanking.consent.client;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;
import java.util.Set;

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
 * The ownership check of an authorisation: which accounts are the user's, as consent-service asks accounts-service and
 * reads the answer ({@link AccountsClient}: a user without accounts owns none). A pact (contracts/README.md) that
 * accounts-service's build verifies. A Quarkus REST client cannot be built outside a running Quarkus application,
 * hence {@code @QuarkusTest}.
 */
@QuarkusTest
@ExtendWith({CommittedPact.class, PactConsumerTestExt.class})
@PactTestFor(providerName = "accounts-service", pactVersion = PactSpecVersion.V3)
class AccountsServicePactTest {

    static final String CONSUMER = "consent-service";
    static final String BEARER = "Bearer .+";
    static final String JSON_ANSWER = "application/json(;.*)?";
    static final String USER = "user-pact";
    static final String ACCOUNT = "acc-pact-1";

    @Pact(consumer = CONSUMER)
    public RequestResponsePact accountsOfAUser(PactDslWithProvider builder) {
        return builder.given("a user with a linked EUR current account")
                .uponReceiving("the ownership check of an authorisation: the user's accounts")
                .method("GET")
                .pathFromProviderState("/internal/users/${userId}/accounts", "/internal/users/" + USER + "/accounts")
                .matchHeader("Authorization", BEARER, "Bearer service-token")
                .willRespondWith()
                .status(200)
                .matchHeader("Content-Type", JSON_ANSWER, "application/json")
                .body(new PactDslJsonBody()
                        .object("Data")
                        .minArrayLike("Account", 1)
                        .valueFromProviderState("AccountId", "${accountId}", ACCOUNT)
                        .closeObject().closeArray().asBody()
                        .closeObject().asBody())
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "accountsOfAUser")
    void readsTheAccountsAUserOwns(MockServer server) {
        assertEquals(Set.of(ACCOUNT), client(server).accountIdsOf(USER).await().atMost(Duration.ofSeconds(10)));
    }

    @Pact(consumer = CONSUMER)
    public RequestResponsePact accountsOfAUserWithoutAny(PactDslWithProvider builder) {
        return builder.given("a user with no accounts")
                .uponReceiving("the ownership check for a user who has no accounts")
                .method("GET")
                .pathFromProviderState("/internal/users/${userId}/accounts", "/internal/users/" + USER + "/accounts")
                .matchHeader("Authorization", BEARER, "Bearer service-token")
                .willRespondWith()
                .status(200)
                .matchHeader("Content-Type", JSON_ANSWER, "application/json")
                .body(new PactDslJsonBody().object("Data").array("Account").closeArray().asBody().closeObject().asBody())
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "accountsOfAUserWithoutAny")
    void aUserWithoutAccountsOwnsNone(MockServer server) {
        assertEquals(Set.of(), client(server).accountIdsOf(USER).await().atMost(Duration.ofSeconds(10)));
    }

    /** consent-service's own reading of the answer, over its own REST interface, against the mock server. */
    static AccountsClient client(MockServer server) {
        AccountsClient client = new AccountsClient();
        client.api = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(server.getUrl())).build(AccountsApi.class);
        return client;
    }
}
