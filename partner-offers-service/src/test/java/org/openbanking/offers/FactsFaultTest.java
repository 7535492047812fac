package org.openbanking.offers;

import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openbanking.offers.Api.offer;
import static org.openbanking.offers.Api.placements;
import static org.openbanking.offers.Api.published;
import static org.openbanking.offers.Api.unique;

import java.time.Duration;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/**
 * When accounts-service cannot give facts (slow, failing, resetting, malformed, unknown user) a partner gets no
 * placements, fast, and never offers matched on missing facts. One test: the circuit breaker is shared state.
 */
@QuarkusTest
class FactsFaultTest {

    @Test
    void withoutFactsThereAreNoPlacements() {
        published(unique("bank"), offer(null)); // an offer anyone would match
        String known = unique("user");
        FactsMock.has(known, "500.00", "1000.00", "CurrentAccount");
        assertTrue(placements("p", unique("aac"), known).extract().jsonPath().getList("Data.Offer").size() > 0);

        // A 404 (no data for the user) is an answer, not a failure: many of them never open the breaker.
        for (int i = 0; i < 15; i++) {
            String unknown = unique("user");
            FactsMock.answers(unknown, 404);
            placements("p", unique("aac"), unknown).statusCode(200).body("Data.Offer", hasSize(0));
        }
        assertTrue(placements("p", unique("aac"), known).extract().jsonPath().getList("Data.Offer").size() > 0,
                "the breaker is still closed after 404s");

        String malformed = unique("user");
        FactsMock.malformed(malformed);
        placements("p", unique("aac"), malformed).statusCode(200).body("Data.Offer", hasSize(0));

        String failing = unique("user");
        FactsMock.answers(failing, 500);
        placements("p", unique("aac"), failing).statusCode(200).body("Data.Offer", hasSize(0));

        String resetting = unique("user");
        FactsMock.resets(resetting);
        placements("p", unique("aac"), resetting).statusCode(200).body("Data.Offer", hasSize(0));

        String slow = unique("user");
        FactsMock.slow(slow, 3000);
        long start = System.currentTimeMillis();
        placements("p", unique("aac"), slow).statusCode(200).body("Data.Offer", hasSize(0));
        long took = System.currentTimeMillis() - start;
        assertTrue(took < 2000, "gave up after " + took + " ms");

        // The breaker may be open now; once its delay passes, placements resume on their own.
        Awaitility.await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(500))
                .until(() -> placements("p", unique("aac"), known).extract().jsonPath().getList("Data.Offer").size() > 0);
    }
}
