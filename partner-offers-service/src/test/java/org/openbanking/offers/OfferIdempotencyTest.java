package org.openbanking.offers;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.openbanking.offers.Api.asGateway;
import static org.openbanking.offers.Api.offer;
import static org.openbanking.offers.Api.unique;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;
import org.openbanking.testing.Concurrently;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ValidatableResponse;

/** The contract's x-idempotency-key on offer creation: a bank's retry returns its first offer, never a second one. */
@QuarkusTest
class OfferIdempotencyTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    static ValidatableResponse create(String bank, String key, Object body) {
        return asGateway().header("x-idempotency-key", key).body(body).post("/internal/banks/{b}/offers", bank).then();
    }

    static void offersOf(String bank, int expected) {
        asGateway().get("/internal/banks/{b}/offers", bank).then().statusCode(200).body("Data.Offer", hasSize(expected));
    }

    @Test
    void theSameKeyAndBodyReturnTheFirstOfferAndAnotherBodyIsA400() {
        String bank = unique("bank");
        String key = "k-" + UUID.randomUUID();
        Map<String, Object> body = offer(null); // one instance: its dates are "now plus", to the second
        String first = create(bank, key, body).statusCode(201).extract().path("OfferId");
        String again = create(bank, key, body).statusCode(201).body("Status", equalTo("Draft")).extract()
                .path("OfferId");
        assertEquals(first, again, "a retry returns the first offer");
        offersOf(bank, 1);

        Map<String, Object> other = new HashMap<>(body);
        other.put("Title", "Another card");
        create(bank, key, other).statusCode(400)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Header.Invalid"))
                .body("Errors[0].Path", equalTo("x-idempotency-key"));
        offersOf(bank, 1);

        // Keys are per bank: another bank's identical key is its own offer.
        String others = create(unique("bank"), key, body).statusCode(201).extract().path("OfferId");
        assertNotEquals(first, others);
        // Without a key every request creates.
        asGateway().body(offer(null)).post("/internal/banks/{b}/offers", bank).then().statusCode(201);
        offersOf(bank, 2);
    }

    @Test
    void badKeysAndBadBodiesAre400AndStoreNothing() {
        String bank = unique("bank");
        create(bank, "k".repeat(41), offer(null)).statusCode(400).body("Errors[0].Path", equalTo("x-idempotency-key"));
        // A body the rules refuse stores no key: the same key then works with a valid body.
        Map<String, Object> invalid = new HashMap<>(offer(null));
        invalid.remove("Title");
        create(bank, "k-invalid-first", invalid).statusCode(400).body("Errors[0].Path", equalTo("Title"));
        create(bank, "k-invalid-first", offer(null)).statusCode(201);
        offersOf(bank, 1);
    }

    @RepeatedTest(3)
    void concurrentFirstUsesOfOneKeyCreateOneOffer() throws Exception {
        String bank = unique("bank");
        String key = "k-" + UUID.randomUUID();
        Map<String, Object> body = offer(null);
        List<String> ids = Concurrently.run(8, i -> create(bank, key, body).statusCode(201).extract()
                .<String>path("OfferId"));
        assertEquals(1, ids.stream().distinct().count(), "one offer for one key: " + ids);
        offersOf(bank, 1);
    }

    @Test
    void aKeyOlderThan24HoursCreatesAgain() throws Exception {
        String bank = unique("bank");
        String key = "k-" + UUID.randomUUID();
        Map<String, Object> body = offer(null);
        String first = create(bank, key, body).statusCode(201).extract().path("OfferId");
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres");
                PreparedStatement age = c.prepareStatement(
                        "update offer_idempotency_key set created_at = created_at - interval '24 hours 1 minute'"
                                + " where bank_id = ?")) {
            age.setString(1, bank);
            assertEquals(1, age.executeUpdate());
        }
        String second = create(bank, key, body).statusCode(201).extract().path("OfferId");
        assertNotEquals(first, second, "the window is over: a new offer");
        assertEquals(second, create(bank, key, body).statusCode(201).extract().path("OfferId"),
                "and the key now replays the new one");
        offersOf(bank, 2);
    }
}
