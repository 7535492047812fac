package org.openbanking.consent;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openbanking.consent.Api.asGateway;
import static org.openbanking.consent.Api.authorisedConsent;
import static org.openbanking.consent.Api.createConsent;
import static org.openbanking.consent.Api.newPartner;
import static org.openbanking.consent.Api.newUser;
import static org.openbanking.consent.Api.receipt;
import static org.openbanking.consent.Api.record;

import java.net.URI;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ReceiptTest {

    @Test
    void aReceiptCopiesWhatTheConsentSaysAndTheUserSeesIt() {
        String partner = newPartner();
        String alice = newUser();
        String consentId = authorisedConsent(partner, alice, "acc-1");
        String interaction = UUID.randomUUID().toString();
        Map<String, Object> entry = new HashMap<>(receipt(consentId, partner, "Transactions", "acc-1"));
        entry.put("RecordCount", 37);
        entry.put("InteractionId", interaction);
        record(List.of(entry)).statusCode(201).body("Data.ReceiptId", hasSize(1));

        asGateway().get("/internal/users/{u}/receipts", alice).then().statusCode(200)
                .body("Data.Receipt", hasSize(1))
                .body("Data.Receipt[0].ConsentId", equalTo(consentId))
                .body("Data.Receipt[0].PartnerId", equalTo(partner))
                .body("Data.Receipt[0].PartnerName", equalTo(partner))
                .body("Data.Receipt[0].Resource", equalTo("Transactions"))
                .body("Data.Receipt[0].AccountIds", contains("acc-1"))
                .body("Data.Receipt[0].RecordCount", equalTo(37))
                .body("Data.Receipt[0].Purpose", equalTo("PersonalFinanceManagement"))
                .body("Data.Receipt[0].ProhibitedUses", contains("Advertising", "Profiling", "Resale"))
                .body("Data.Receipt[0].InteractionId", equalTo(interaction))
                .body("Data.Receipt[0].DateTime", notNullValue())
                .body("Links.Next", nullValue());
        // Nobody else sees it.
        asGateway().get("/internal/users/{u}/receipts", newUser()).then().body("Data.Receipt", hasSize(0));
    }

    @Test
    void aBatchWithOneBadReceiptStoresNothing() {
        String partner = newPartner();
        String alice = newUser();
        String consentId = authorisedConsent(partner, alice, "acc-1");
        String othersConsent = authorisedConsent(newPartner(), newUser(), "acc-9");
        String pending = createConsent(partner);

        record(List.of(receipt(consentId, partner, "Accounts", "acc-1"), receipt(othersConsent, partner, "Accounts")))
                .statusCode(400).body("Errors[0].Path", equalTo("Receipt[1].ConsentId"));
        record(List.of(receipt(consentId, partner, "Accounts", "acc-1"), receipt(pending, partner, "Accounts")))
                .statusCode(400).body("Errors[0].Path", equalTo("Receipt[1].ConsentId"));
        record(List.of(receipt(consentId, partner, "Secrets", "acc-1"))).statusCode(400)
                .body("Errors[0].Path", equalTo("Receipt[0].Resource"));
        record(List.of(receipt(consentId, partner, "Balances"))).statusCode(400)
                .body("Errors[0].Path", equalTo("Receipt[0].AccountIds"));
        record(List.of()).statusCode(400).body("Errors[0].Path", equalTo("Receipt"));
        List<Map<String, Object>> tooMany = new ArrayList<>();
        for (int i = 0; i < 1001; i++) {
            tooMany.add(receipt(consentId, partner, "Accounts", "acc-1"));
        }
        record(tooMany).statusCode(400).body("Errors[0].Path", equalTo("Receipt"));

        asGateway().get("/internal/users/{u}/receipts", alice).then().body("Data.Receipt", hasSize(0));
    }

    @Test
    void aRetriedBatchIsNotStoredTwice() {
        String partner = newPartner();
        String alice = newUser();
        String consentId = authorisedConsent(partner, alice, "acc-1");
        Map<String, Object> entry = new HashMap<>(receipt(consentId, partner, "Balances", "acc-1"));
        entry.put("ReceiptId", UUID.randomUUID().toString());
        record(List.of(entry)).statusCode(201).body("Data.ReceiptId", hasSize(1));
        record(List.of(entry, entry)).statusCode(201).body("Data.ReceiptId", hasSize(0));
        asGateway().get("/internal/users/{u}/receipts", alice).then().body("Data.Receipt", hasSize(1));
    }

    @Test
    void theAccessLogPagesNewestFirstStablyWhileReceiptsArrive() {
        String partner = newPartner();
        String alice = newUser();
        String consentA = authorisedConsent(partner, alice, "acc-1");
        String consentB = authorisedConsent(partner, alice, "acc-2");
        List<String> written = new ArrayList<>();
        for (int i = 0; i < 120; i++) {
            String consent = i % 2 == 0 ? consentA : consentB;
            Map<String, Object> entry = new HashMap<>(receipt(consent, partner, "Accounts", i % 2 == 0 ? "acc-1" : "acc-2"));
            entry.put("InteractionId", "i-" + i);
            record(List.of(entry)).statusCode(201);
            written.add("i-" + i);
        }

        List<String> seen = new ArrayList<>();
        String next = "/internal/users/" + alice + "/receipts";
        int pages = 0;
        while (next != null) {
            JsonPath page = asGateway().get(next).then().statusCode(200).extract().jsonPath();
            seen.addAll(page.getList("Data.Receipt.InteractionId"));
            pages++;
            if (pages == 1) {
                // New receipts arriving while the user pages do not shift the pages that follow.
                for (int i = 0; i < 5; i++) {
                    record(List.of(receipt(consentA, partner, "Accounts", "acc-1"))).statusCode(201);
                }
            }
            String link = page.getString("Links.Next");
            next = link == null ? null : "/internal/users/" + alice + "/receipts?" + URI.create(link).getRawQuery();
        }
        assertEquals(3, pages);
        List<String> newestFirst = new ArrayList<>(written);
        java.util.Collections.reverse(newestFirst);
        assertEquals(newestFirst, seen);

        // Filter by consent: only that consent's receipts.
        List<String> ofB = asGateway().get("/internal/users/{u}/receipts?consentId={c}", alice, consentB).then()
                .extract().jsonPath().getList("Data.Receipt.ConsentId");
        assertTrue(!ofB.isEmpty() && ofB.stream().allMatch(consentB::equals));
    }

    @Test
    void theAccessLogFiltersByPartnerAndCountsAccessesPerConsent() {
        String messenger = newPartner();
        String budgeting = newPartner();
        String alice = newUser();
        String viaMessenger = authorisedConsent(messenger, alice, "acc-1");
        String viaBudgeting = authorisedConsent(budgeting, alice, "acc-1");
        String unused = authorisedConsent(budgeting, alice, "acc-1");
        for (int i = 0; i < 3; i++) {
            record(List.of(receipt(viaMessenger, messenger, "Balances", "acc-1"))).statusCode(201);
        }
        record(List.of(receipt(viaBudgeting, budgeting, "Accounts", "acc-1"))).statusCode(201);
        // Another user's receipts under the same partner count for nobody else.
        String bob = newUser();
        record(List.of(receipt(authorisedConsent(messenger, bob, "acc-9"), messenger, "Accounts", "acc-9")))
                .statusCode(201);

        List<String> ofMessenger = asGateway().get("/internal/users/{u}/receipts?partnerId={p}", alice, messenger)
                .then().statusCode(200).extract().jsonPath().getList("Data.Receipt.ConsentId");
        assertEquals(List.of(viaMessenger, viaMessenger, viaMessenger), ofMessenger);
        asGateway().get("/internal/users/{u}/receipts?partnerId={p}&consentId={c}", alice, messenger, viaBudgeting)
                .then().statusCode(200).body("Data.Receipt", hasSize(0));

        JsonPath counts = asGateway().get("/internal/users/{u}/access-counts", alice).then().statusCode(200).extract()
                .jsonPath();
        assertEquals(2, counts.getList("Data.AccessCount").size());
        assertEquals(3, counts.getInt("Data.AccessCount.find { it.ConsentId == '" + viaMessenger + "' }.Accesses"));
        assertEquals(1, counts.getInt("Data.AccessCount.find { it.ConsentId == '" + viaBudgeting + "' }.Accesses"));
        assertTrue(counts.getString("Data.AccessCount.find { it.ConsentId == '" + viaMessenger + "' }.LastAccessDateTime")
                .matches("\\d{4}-\\d{2}-\\d{2}T.*"));
        assertTrue(counts.getList("Data.AccessCount.ConsentId").stream().noneMatch(unused::equals));
    }

    @Test
    void badQueryParametersAre400() {
        String alice = newUser();
        asGateway().get("/internal/users/{u}/receipts?page-token=garbage", alice).then().statusCode(400)
                .body("Errors[0].Path", equalTo("page-token"));
        asGateway().get("/internal/users/{u}/receipts?from=yesterday", alice).then().statusCode(400)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Field.InvalidDate"));
        asGateway().get("/internal/users/{u}/receipts?from=2020-01-01T00:00:00Z&to=2999-01-01T00:00:00Z", alice).then()
                .statusCode(200);
    }
}
