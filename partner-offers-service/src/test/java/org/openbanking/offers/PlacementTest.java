package org.openbanking.offers;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.openbanking.offers.Api.asGateway;
import static org.openbanking.offers.Api.event;
import static org.openbanking.offers.Api.offer;
import static org.openbanking.offers.Api.placements;
import static org.openbanking.offers.Api.published;
import static org.openbanking.offers.Api.rules;
import static org.openbanking.offers.Api.unique;

import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class PlacementTest {

    private static Map<String, Object> titled(String title, Map<String, Object> rules) {
        Map<String, Object> body = new HashMap<>(offer(rules));
        body.put("Title", title);
        return body;
    }

    @Test
    void factsAreAskedForTheConsentsAccountsOnly() {
        String user = unique("user");
        FactsMock.has(user, "2500.00", "3000.00", "CurrentAccount");
        placements("partner-acc", unique("aac"), user, "acc-7,acc-8").statusCode(200);
        FactsMock.server().verify(com.github.tomakehurst.wiremock.client.WireMock
                .getRequestedFor(com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo(FactsMock.path(user)))
                .withQueryParam("accountIds", com.github.tomakehurst.wiremock.client.WireMock.equalTo("acc-7,acc-8")));
        // No accounts named: refused, never matched on the user's whole data.
        asGateway().queryParam("consentId", unique("aac")).queryParam("userId", user)
                .get("/internal/partners/{p}/placements", "partner-acc").then().statusCode(400)
                .body("Errors[0].Path", equalTo("accountIds"));
    }

    @Test
    void offersMatchOnBandedFactsInsideThePlatform() {
        String bank = unique("bank");
        asGateway().body(Map.of("Name", "Alpha Bank")).put("/internal/banks/{b}", bank).then().statusCode(200);
        String rich = unique("Rich");
        String earner = unique("Earner");
        String saver = unique("Saver");
        String open = unique("Open");
        published(bank, titled(rich, rules("25000.00", null, null)));
        published(bank, titled(earner, rules(null, "3000.00", null)));
        published(bank, titled(saver, rules(null, null, List.of("Savings"))));
        published(bank, titled(open, null));
        String draft = unique("Draft");
        Api.create(bank, titled(draft, null)).statusCode(201);

        String user = unique("user");
        FactsMock.has(user, "2500.00", "3000.00", "CurrentAccount");
        JsonPath placed = placements("partner-1", unique("aac"), user).statusCode(200).extract().jsonPath();
        List<String> titles = placed.getList("Data.Offer.Title");
        assertFalse(titles.contains(rich), "balance band below the minimum");
        assertFalse(titles.contains(saver), "no savings account");
        assertFalse(titles.contains(draft), "drafts are never placed");
        org.hamcrest.MatcherAssert.assertThat(titles, hasItem(earner));
        org.hamcrest.MatcherAssert.assertThat(titles, hasItem(open));
        // OBReadOffer1: the account, an opaque placement id, the OBIE offer type; the extensions beside them.
        Map<String, Object> item = placed.getMap("Data.Offer.find { it.Title == '" + open + "' }");
        assertEquals("acc-1", item.get("AccountId"));
        org.hamcrest.MatcherAssert.assertThat((String) item.get("OfferId"), org.hamcrest.Matchers.startsWith("plc-"));
        assertEquals("Other", item.get("OfferType"));
        assertEquals("Alpha Bank", item.get("BankName"));
        assertEquals("CreditCard", item.get("ProductType"));
        assertEquals("https://bank.example/cards", item.get("URL"));
        org.hamcrest.MatcherAssert.assertThat(item.keySet(), org.hamcrest.Matchers.everyItem(org.hamcrest.Matchers.in(
                List.of("AccountId", "OfferId", "OfferType", "Description", "StartDateTime", "EndDateTime", "Rate", "URL",
                        "BankName", "Title", "ProductType", "Fees"))));
        assertEquals("http://localhost:8080/open-banking/v3.1/aisp/offers", placed.getString("Links.Self"));
        assertEquals(Map.of(), placed.getMap("Meta"));
    }

    @Test
    void eachOfferIsMatchedOnOneConsentedAccountsOwnFactsAndNamesThatAccount() {
        String bank = unique("bank");
        String saver = unique("Saver");
        String richCurrent = unique("RichCurrent");
        String any = unique("Any");
        published(bank, titled(saver, rules("5000.00", null, List.of("Savings"))));
        published(bank, titled(richCurrent, rules("5000.00", null, List.of("CurrentAccount"))));
        published(bank, titled(any, null));
        String user = unique("user");
        // A poor current account and a rich savings account; acc-9 is not the consent's and is ignored.
        FactsMock.hasAccounts(user, new String[]{"acc-1", "500.00", "1000.00", "CurrentAccount"},
                new String[]{"acc-2", "10000.00", "0.00", "Savings"},
                new String[]{"acc-9", "100000.00", "10000.00", "CurrentAccount"});
        JsonPath placed = placements("partner-5", unique("aac"), user, "acc-1,acc-2").statusCode(200).extract().jsonPath();
        assertEquals("acc-2", placed.getString("Data.Offer.find { it.Title == '" + saver + "' }.AccountId"));
        // The savings account's balance does not lift the current account: no single account matches.
        assertFalse(placed.getList("Data.Offer.Title").contains(richCurrent));
        // An offer any account matches is placed once, for the first of the consent's accounts.
        assertEquals(List.of("acc-1"), placed.getList("Data.Offer.findAll { it.Title == '" + any + "' }.AccountId"));
        // In the consent's order: the same offer for "acc-2,acc-1" names acc-2.
        assertEquals("acc-2", placements("partner-5", unique("aac"), user, "acc-2,acc-1").extract().jsonPath()
                .getString("Data.Offer.find { it.Title == '" + any + "' }.AccountId"));
    }

    @Test
    void noResponseToAPartnerContainsAFact() {
        String bank = unique("bank");
        String title = unique("Everyone");
        published(bank, titled(title, rules("0.00", "0.00", List.of("Mortgage", "CurrentAccount"))));
        String user = unique("user");
        // Distinctive fact values: none of them may appear in what the partner receives.
        FactsMock.has(user, "100000.00", "10000.00", "Mortgage", "ChargeCard");
        String body = placements("partner-2", unique("aac"), user).statusCode(200)
                .body("Data.Offer.Title", hasItem(title)).extract().asString();
        for (String fact : List.of("100000", "10000.00", "ChargeCard", "AverageBalance", "MonthlyIncome", "Eligibility",
                "AccountTypes", "MinAverageBalance", user)) {
            assertFalse(body.contains(fact), "the partner's response contains " + fact + ": " + body);
        }
    }

    @Test
    void placementsAreStablePerConsentAndEventsBelongToTheirPartner() {
        String bank = unique("bank");
        String title = unique("Stable");
        published(bank, titled(title, null));
        String user = unique("user");
        FactsMock.has(user, "500.00", "1000.00", "CurrentAccount");
        String consent = unique("aac");
        String first = placements("partner-3", consent, user).extract().jsonPath()
                .getString("Data.Offer.find { it.Title == '" + title + "' }.OfferId");
        String again = placements("partner-3", consent, user).extract().jsonPath()
                .getString("Data.Offer.find { it.Title == '" + title + "' }.OfferId");
        assertEquals(first, again);

        event("partner-3", first, "Shown").statusCode(204);
        event("partner-3", first, "Shown").statusCode(204);
        event("partner-3", first, "Clicked").statusCode(204);
        event("someone-else", first, "Clicked").statusCode(404);
        event("partner-3", "plc-unknown", "Shown").statusCode(404);
        event("partner-3", first, "Liked").statusCode(400).body("Errors[0].Path", equalTo("Type"));
    }

    @Test
    void withdrawnAndFutureOffersAreNotPlaced() {
        String bank = unique("bank");
        String gone = unique("Gone");
        String id = published(bank, titled(gone, null));
        asGateway().post("/internal/banks/{b}/offers/{o}/withdraw", bank, id).then().statusCode(200);
        String later = unique("Later");
        Map<String, Object> future = titled(later, null);
        future.put("StartDateTime", Api.in(5));
        published(bank, future);
        String user = unique("user");
        FactsMock.has(user, "500.00", "1000.00", "CurrentAccount");
        placements("partner-4", unique("aac"), user).statusCode(200)
                .body("Data.Offer.Title", not(hasItem(gone)))
                .body("Data.Offer.Title", not(hasItem(later)));
    }
}
