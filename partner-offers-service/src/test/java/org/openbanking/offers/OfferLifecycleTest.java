package org.openbanking.offers;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItems;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.openbanking.offers.Api.asGateway;
import static org.openbanking.offers.Api.create;
import static org.openbanking.offers.Api.offer;
import static org.openbanking.offers.Api.rules;
import static org.openbanking.offers.Api.unique;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class OfferLifecycleTest {

    @Test
    void draftThenPublishedThenWithdrawn() {
        String bank = unique("bank");
        String id = create(bank, offer(rules("1000.00", "2000.00", List.of("CurrentAccount")))).statusCode(201)
                .body("OfferId", startsWith("off-"))
                .body("Status", equalTo("Draft"))
                .body("Eligibility.MinAverageBalance.Amount", equalTo("1000.00"))
                .body("Eligibility.AccountTypes", contains("CurrentAccount"))
                .extract().path("OfferId");
        Map<String, Object> changed = new HashMap<>(offer(null));
        changed.put("Title", "Gold card");
        asGateway().body(changed).put("/internal/banks/{b}/offers/{o}", bank, id).then().statusCode(200)
                .body("Title", equalTo("Gold card"));
        asGateway().post("/internal/banks/{b}/offers/{o}/publish", bank, id).then().statusCode(200)
                .body("Status", equalTo("Published"));
        // Only drafts are edited or published.
        asGateway().body(changed).put("/internal/banks/{b}/offers/{o}", bank, id).then().statusCode(409);
        asGateway().post("/internal/banks/{b}/offers/{o}/publish", bank, id).then().statusCode(409);
        asGateway().post("/internal/banks/{b}/offers/{o}/withdraw", bank, id).then().statusCode(200)
                .body("Status", equalTo("Withdrawn"));
        asGateway().post("/internal/banks/{b}/offers/{o}/withdraw", bank, id).then().statusCode(409);
        asGateway().get("/internal/banks/{b}/offers", bank).then().statusCode(200)
                .body("Data.Offer", hasSize(1)).body("Data.Offer[0].Status", equalTo("Withdrawn"));
    }

    @Test
    void aBankSeesAndChangesOnlyItsOwnOffers() {
        String bank = unique("bank");
        String other = unique("bank");
        String id = create(bank, offer(null)).statusCode(201).extract().path("OfferId");
        asGateway().get("/internal/banks/{b}/offers/{o}", other, id).then().statusCode(404)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Resource.NotFound"));
        asGateway().body(offer(null)).put("/internal/banks/{b}/offers/{o}", other, id).then().statusCode(404);
        asGateway().post("/internal/banks/{b}/offers/{o}/publish", other, id).then().statusCode(404);
        asGateway().post("/internal/banks/{b}/offers/{o}/withdraw", other, id).then().statusCode(404);
        asGateway().get("/internal/banks/{b}/offers/{o}/stats", other, id).then().statusCode(404);
        asGateway().get("/internal/banks/{b}/offers", other).then().body("Data.Offer", hasSize(0));
        asGateway().get("/internal/banks/{b}/offers/{o}", bank, id).then().statusCode(200).body("Status", equalTo("Draft"));
    }

    @Test
    void invalidOffersAre400NamingEachField() {
        Map<String, Object> bad = new HashMap<>(offer(rules("-5", "abc", List.of("Yacht"))));
        bad.put("Title", "");
        bad.put("ProductType", "Crypto");
        bad.put("Rate", "250");
        bad.put("Url", "http://bank.example/insecure");
        bad.put("EndDateTime", Api.in(-1));
        create(unique("bank"), bad).statusCode(400)
                .body("Errors.Path", hasItems("Title", "ProductType", "Rate", "Url", "EndDateTime",
                        "Eligibility.MinAverageBalance.Amount", "Eligibility.MinMonthlyIncome.Amount",
                        "Eligibility.AccountTypes"));
        Map<String, Object> reversed = new HashMap<>(offer(null));
        reversed.put("StartDateTime", Api.in(40));
        create(unique("bank"), reversed).statusCode(400).body("Errors[0].Path", equalTo("StartDateTime"));
        Map<String, Object> noDescription = new HashMap<>(offer(null));
        noDescription.remove("Description");
        create(unique("bank"), noDescription).statusCode(400)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Field.Missing"));
    }

    @Test
    void rulesCannotNameAUser() {
        // A rule naming a user is not a rule: there is no field for it, so it is not stored.
        Map<String, Object> sneaky = new HashMap<>(rules("100.00", null, null));
        sneaky.put("UserId", "alice");
        String bank = unique("bank");
        String id = create(bank, offer(sneaky)).statusCode(201).extract().path("OfferId");
        asGateway().get("/internal/banks/{b}/offers/{o}", bank, id).then()
                .body("Eligibility.UserId", equalTo(null))
                .body(org.hamcrest.Matchers.not(org.hamcrest.Matchers.containsString("alice")));
    }
}
