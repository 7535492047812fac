package org.openbanking.offers;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.openbanking.offers.Api.asGateway;
import static org.openbanking.offers.Api.event;
import static org.openbanking.offers.Api.offer;
import static org.openbanking.offers.Api.placements;
import static org.openbanking.offers.Api.published;
import static org.openbanking.offers.Api.unique;

import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class StatsTest {

    @Test
    void countsAreSuppressedBelowFiveUsersAndNeverNameOne() {
        String bank = unique("bank");
        String title = unique("Counted");
        Map<String, Object> body = new HashMap<>(offer(null));
        body.put("Title", title);
        String offerId = published(bank, body);

        for (int i = 0; i < 5; i++) {
            String user = unique("user");
            FactsMock.has(user, "500.00", "1000.00", "CurrentAccount");
            String placement = placements("partner-s", unique("aac"), user).extract().jsonPath()
                    .getString("Data.Offer.find { it.Title == '" + title + "' }.OfferId");
            event("partner-s", placement, "Shown").statusCode(204);
            if (i < 2) {
                event("partner-s", placement, "Clicked").statusCode(204);
            }
            if (i == 3) {
                // Four distinct users: suppressed, no counts at all.
                asGateway().get("/internal/banks/{b}/offers/{o}/stats", bank, offerId).then().statusCode(200)
                        .body("Suppressed", equalTo(true))
                        .body("$", not(hasKey("Placements")))
                        .body("$", not(hasKey("Shown")));
            }
        }
        asGateway().get("/internal/banks/{b}/offers/{o}/stats", bank, offerId).then().statusCode(200)
                .body("OfferId", equalTo(offerId))
                .body("Suppressed", equalTo(false))
                .body("Placements", equalTo(5))
                .body("Shown", equalTo(5))
                .body("Clicked", equalTo(2))
                .body(not(org.hamcrest.Matchers.containsString("user-")));
    }
}
