package org.openbanking.gateway.downstream;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.net.URI;
import java.time.Duration;

import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openbanking.testing.CommittedPact;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

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
 * What the gateway asks accounts-service for a partner's data call: the consent's grant passed on as consent-service
 * named it (accounts, resources, detail, which transactions), and what it reads of the answer (the records it counts
 * for the receipt; the body is relayed as it is). accounts-service's build verifies the pact (contracts/README.md).
 */
@QuarkusTest
@ExtendWith({CommittedPact.class, PactConsumerTestExt.class})
@PactTestFor(providerName = "accounts-service", pactVersion = PactSpecVersion.V3)
class AccountsServicePactTest {

    static final String USER = "alice-sub";
    static final String ACCOUNT = "acc-pact-1";

    @Inject
    ObjectMapper mapper;

    @Pact(consumer = "gateway")
    public RequestResponsePact scopedBalances(PactDslWithProvider builder) {
        return builder.given("a user with a linked EUR current account")
                .uponReceiving("a partner's balances call, under the grant of its consent")
                .method("GET")
                .pathFromProviderState("/internal/users/${userId}/scoped-accounts/${accountId}/balances",
                        "/internal/users/" + USER + "/scoped-accounts/" + ACCOUNT + "/balances")
                .queryParameterFromProviderState("accountIds", "${accountId}", ACCOUNT)
                .matchQuery("resources", "Accounts,Balances", "Accounts,Balances")
                .matchQuery("detail", "Accounts", "Accounts")
                .matchQuery("creditDebit", "", "")
                .matchHeader("Authorization", ConsentServicePactTest.BEARER, "Bearer service-token")
                .willRespondWith()
                .status(200)
                .matchHeader("Content-Type", ConsentServicePactTest.JSON_ANSWER, ConsentServicePactTest.JSON)
                .body(new PactDslJsonBody()
                        .object("Data")
                        .minArrayLike("Balance", 1)
                        .valueFromProviderState("AccountId", "${accountId}", ACCOUNT)
                        .stringMatcher("CreditDebitIndicator", "Credit|Debit", "Credit")
                        .stringType("Type", "InterimBooked")
                        .object("Amount").stringMatcher("Amount", "\\d{1,13}\\.\\d{1,5}", "3000.00")
                        .stringMatcher("Currency", "[A-Z]{3}", "EUR").closeObject().asBody()
                        .closeObject().closeArray().asBody()
                        .closeObject().asBody())
                .toPact();
    }

    @Test
    @PactTestFor(pactMethod = "scopedBalances")
    void readsBalancesUnderTheGrant(MockServer server) throws Exception {
        AccountsApi api = QuarkusRestClientBuilder.newBuilder().baseUri(URI.create(server.getUrl())).build(AccountsApi.class);
        AccountsApi.Scope grant = new AccountsApi.Scope();
        grant.accountIds = ACCOUNT;
        grant.resources = "Accounts,Balances";
        grant.detail = "Accounts";
        grant.creditDebit = "";

        Response answer = api.balances(USER, ACCOUNT, grant).await().atMost(Duration.ofSeconds(10));

        assertEquals(200, answer.getStatus());
        JsonNode body = mapper.readTree(answer.readEntity(String.class));
        assertEquals(ACCOUNT, body.at("/Data/Balance/0/AccountId").asText());
    }
}
