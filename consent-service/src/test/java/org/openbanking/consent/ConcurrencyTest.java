package org.openbanking.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openbanking.consent.Api.asGateway;
import static org.openbanking.consent.Api.createConsent;
import static org.openbanking.consent.Api.newPartner;
import static org.openbanking.consent.Api.newUser;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.RepeatedTest;
import org.openbanking.testing.Concurrently;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** 50 authorise, reject and revoke calls at once on one consent: one winner per transition, a consistent history. */
@QuarkusTest
class ConcurrencyTest {

    @RepeatedTest(3)
    void concurrentTransitionsHaveOneWinnerEach() throws Exception {
        String alice = newUser();
        AccountsServiceMock.owns(alice, "acc-1");
        String consentId = createConsent(newPartner());
        String[] actions = {"authorise", "reject", "revoke"};

        List<Integer> statuses = Concurrently.run(50, i -> {
            String action = actions[i % 3];
            var request = asGateway();
            if (action.equals("authorise")) {
                request = request.body(Map.of("AccountIds", List.of("acc-1")));
            }
            return request.post("/internal/users/{u}/consents/{c}/" + action, alice, consentId).then().extract()
                    .statusCode();
        });

        long won = statuses.stream().filter(s -> s == 200).count();
        assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409), "only wins and conflicts: " + statuses);

        JsonPath history = asGateway().get("/internal/users/{u}/consents/{c}/history", alice, consentId).then()
                .statusCode(200).extract().jsonPath();
        List<Map<String, String>> entries = history.getList("Data.History");
        // Every successful call is exactly one history entry after the creation entry, and the chain is unbroken.
        assertEquals(won + 1, entries.size(), "history " + entries + " for statuses " + statuses);
        for (int i = 1; i < entries.size(); i++) {
            assertEquals(entries.get(i - 1).get("To"), entries.get(i).get("From"), "chain broken: " + entries);
        }
        String first = entries.get(1).get("To");
        assertTrue(first.equals("Authorised") || first.equals("Rejected"), "first decision " + first);
        // At most: decide once, then (if authorised) revoke once.
        assertTrue(won == 1 || (won == 2 && first.equals("Authorised")), "winners " + won + " " + entries);

        String finalStatus = asGateway().get("/internal/users/{u}/consents/{c}", alice, consentId).then().extract()
                .path("Data.Status");
        assertEquals(entries.get(entries.size() - 1).get("To"), finalStatus);
    }
}
