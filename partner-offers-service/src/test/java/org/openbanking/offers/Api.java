package org.openbanking.offers;

import static io.restassured.RestAssured.given;

import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openbanking.common.ServiceRoles;
import org.openbanking.testing.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

final class Api {

    static final String GATEWAY = TestTokens.service("gateway", ServiceRoles.GATEWAY);

    private Api() {
    }

    static RequestSpecification asGateway() {
        return given().auth().oauth2(GATEWAY).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static String unique(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    static String in(int days) {
        return OffsetDateTime.now(ZoneOffset.UTC).plusDays(days).withNano(0).toString();
    }

    static Map<String, Object> offer(Map<String, Object> eligibility) {
        Map<String, Object> body = new HashMap<>(Map.of("Title", "Platinum card", "Description", "No fee for a year",
                "ProductType", "CreditCard", "Rate", "12.9", "Fees", "None the first year", "Url", "https://bank.example/cards",
                "StartDateTime", in(-1), "EndDateTime", in(30)));
        if (eligibility != null) {
            body.put("Eligibility", eligibility);
        }
        return body;
    }

    static Map<String, Object> rules(String minBalance, String minIncome, List<String> accountTypes) {
        Map<String, Object> rules = new HashMap<>();
        if (minBalance != null) {
            rules.put("MinAverageBalance", Map.of("Amount", minBalance, "Currency", "EUR"));
        }
        if (minIncome != null) {
            rules.put("MinMonthlyIncome", Map.of("Amount", minIncome, "Currency", "EUR"));
        }
        if (accountTypes != null) {
            rules.put("AccountTypes", accountTypes);
        }
        return rules;
    }

    static ValidatableResponse create(String bank, Object body) {
        return asGateway().body(body).post("/internal/banks/{b}/offers", bank).then();
    }

    static String published(String bank, Map<String, Object> body) {
        String id = create(bank, body).statusCode(201).extract().path("OfferId");
        asGateway().post("/internal/banks/{b}/offers/{o}/publish", bank, id).then().statusCode(200);
        return id;
    }

    static ValidatableResponse placements(String partner, String consent, String user) {
        return placements(partner, consent, user, "acc-1");
    }

    static ValidatableResponse placements(String partner, String consent, String user, String accountIds) {
        return asGateway().queryParam("consentId", consent).queryParam("userId", user).queryParam("accountIds", accountIds)
                .get("/internal/partners/{p}/placements", partner).then();
    }

    static ValidatableResponse event(String partner, String placement, String type) {
        return asGateway().body(Map.of("Type", type)).post("/internal/partners/{p}/placements/{id}/events", partner, placement)
                .then();
    }
}
