package org.openbanking.accounts;

import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openbanking.accounts.Api.ALL;
import static org.openbanking.accounts.Api.days;
import static org.openbanking.accounts.Api.grant;
import static org.openbanking.accounts.Api.loadAccount;
import static org.openbanking.accounts.Api.newUser;
import static org.openbanking.accounts.Api.postTransactions;
import static org.openbanking.accounts.Api.scoped;
import static org.openbanking.accounts.Api.tx;

import java.net.URI;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

@QuarkusTest
class ScopedReadTest {

    @Test
    void basicGivesNoIdentificationNotEvenMaskedAndDetailGivesTheIban() {
        String user = newUser();
        String a = loadAccount("bank-alpha", user, "r-1");
        String b = loadAccount("bank-beta", user, "r-2");
        scoped(a, grant("Accounts", "", "")).get("/internal/users/{u}/scoped-accounts", user).then().statusCode(200)
                .body("Data.Account", hasSize(1))
                .body("Data.Account[0].AccountId", equalTo(a))
                .body("Data.Account[0].Nickname", equalTo("Everyday"))
                .body("Data.Account[0]", not(hasKey("MaskedIdentification")))
                .body("Data.Account[0]", not(hasKey("Account")))
                .body("Data.Account[0]", not(hasKey("BankId")));
        scoped(a + "," + b, grant("Accounts", "Accounts", "")).get("/internal/users/{u}/scoped-accounts", user).then()
                .body("Data.Account", hasSize(2))
                .body("Data.Account[0].Account[0].SchemeName", equalTo("UK.OBIE.IBAN"))
                .body("Data.Account[0].Account[0].Identification", equalTo("DE89370400440532013000"))
                .body("Data.Account[0]", not(hasKey("MaskedIdentification")));
        scoped(a, grant("Accounts", "Accounts", "")).get("/internal/users/{u}/scoped-accounts/{a}", user, a).then()
                .statusCode(200)
                .body("Links.Self", equalTo("http://localhost:8080/open-banking/v3.1/aisp/accounts/" + a));
    }

    @Test
    void anAccountOutsideTheGrantOrAResourceItDoesNotNameIs403() {
        String user = newUser();
        String a = loadAccount("bank-alpha", user, "s-1");
        String b = loadAccount("bank-alpha", user, "s-2");
        scoped(a, ALL).get("/internal/users/{u}/scoped-accounts/{a}", user, b).then().statusCode(403)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Resource.ConsentMismatch"));
        scoped(a, ALL).get("/internal/users/{u}/scoped-accounts/{a}/balances", user, b).then().statusCode(403);
        scoped(a, ALL).get("/internal/users/{u}/scoped-accounts/{a}/transactions", user, b).then().statusCode(403);
        scoped(a, grant("Accounts", "", "")).get("/internal/users/{u}/scoped-accounts/{a}/balances", user, a).then()
                .statusCode(403).body("Errors[0].ErrorCode", equalTo("UK.OBIE.Resource.ConsentMismatch"));
        scoped(a, grant("Accounts,Balances", "", "")).get("/internal/users/{u}/scoped-accounts/{a}/transactions", user, a)
                .then().statusCode(403);
        scoped(a, grant("Balances", "", "")).get("/internal/users/{u}/scoped-accounts", user).then().statusCode(403);
        // In the scope but another user's account: as if it did not exist.
        String other = loadAccount("bank-alpha", newUser(), "s-3");
        scoped(other, ALL).get("/internal/users/{u}/scoped-accounts/{a}/balances", user, other).then().statusCode(404);
        scoped(other, ALL).get("/internal/users/{u}/scoped-accounts", user).then().body("Data.Account", hasSize(0));
        // A scope is required.
        Api.as(Api.GATEWAY).get("/internal/users/{u}/scoped-accounts", user).then().statusCode(400);
        scoped(a, grant("Everything", "", "")).get("/internal/users/{u}/scoped-accounts", user).then().statusCode(400)
                .body("Errors[0].Path", equalTo("resources"));
    }

    @Test
    void basicTransactionsOmitDetailFields() {
        String user = newUser();
        String a = loadAccount("bank-alpha", user, "t-1");
        postTransactions("bank-alpha", user, "t-1", days("d", 3)).statusCode(200);
        Api.Grant basic = grant("Accounts,Transactions", "", "Credit,Debit");
        scoped(a, basic).get("/internal/users/{u}/scoped-accounts/{a}/transactions", user, a).then().statusCode(200)
                .body("Data.Transaction", hasSize(3))
                .body("Data.Transaction[0].TransactionId", equalTo("d0"))
                .body("Data.Transaction[0].Amount.Amount", equalTo("10.50"))
                .body("Data.Transaction[0].Status", equalTo("Booked"))
                .body("Data.Transaction[0]", not(hasKey("TransactionInformation")))
                .body("Data.Transaction[0]", not(hasKey("MerchantDetails")))
                .body("Data.Transaction[0]", not(hasKey("Balance")));
        scoped(a, ALL).get("/internal/users/{u}/scoped-accounts/{a}/transactions", user, a).then()
                .body("Data.Transaction[0].TransactionInformation", equalTo("Card payment d0"))
                .body("Data.Transaction[0].MerchantDetails.MerchantName", equalTo("Shop d0"))
                .body("Data.Transaction[0].Balance.Amount.Amount", equalTo("100.00"));
    }

    @Test
    void creditsOrDebitsOnlyAsTheConsentSays() {
        String user = newUser();
        String a = loadAccount("bank-alpha", user, "cd-1");
        postTransactions("bank-alpha", user, "cd-1", days("e", 10)).statusCode(200);
        scoped(a, grant("Accounts,Transactions", "", "Credit"))
                .get("/internal/users/{u}/scoped-accounts/{a}/transactions", user, a).then()
                .body("Data.Transaction", hasSize(5))
                .body("Data.Transaction.CreditDebitIndicator", everyItem(equalTo("Credit")));
        scoped(a, grant("Accounts,Transactions", "", "Debit"))
                .get("/internal/users/{u}/scoped-accounts/{a}/transactions", user, a).then()
                .body("Data.Transaction", hasSize(5))
                .body("Data.Transaction.CreditDebitIndicator", everyItem(equalTo("Debit")));
    }

    @Test
    void theWindowIsClippedToTheConsentAndReportedInMeta() {
        String user = newUser();
        String a = loadAccount("bank-alpha", user, "w-1");
        postTransactions("bank-alpha", user, "w-1", days("w", 20)).statusCode(200);
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        String consentFrom = now.minus(10, ChronoUnit.DAYS).minus(1, ChronoUnit.HOURS).toString();
        String consentTo = now.minus(3, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS).toString();
        // Transactions are one a day back from yesterday: w2 (3 days ago) to w9 (10 days ago) are inside.
        JsonPath page = scoped(a, ALL).queryParam("transactionFrom", consentFrom).queryParam("transactionTo", consentTo)
                .get("/internal/users/{u}/scoped-accounts/{a}/transactions", user, a).then().statusCode(200)
                .body("Meta.FirstAvailableDateTime", equalTo(consentFrom))
                .extract().jsonPath();
        assertEquals(List.of("w2", "w3", "w4", "w5", "w6", "w7", "w8", "w9"), page.getList("Data.Transaction.TransactionId"));
        // A request wider than the consent is clipped to it; a narrower one narrows further.
        String wide = now.minus(100, ChronoUnit.DAYS).toString();
        scoped(a, ALL).queryParam("transactionFrom", consentFrom).queryParam("transactionTo", consentTo)
                .queryParam("fromBookingDateTime", wide)
                .get("/internal/users/{u}/scoped-accounts/{a}/transactions", user, a).then()
                .body("Data.Transaction", hasSize(8));
        scoped(a, ALL).queryParam("transactionFrom", consentFrom).queryParam("transactionTo", consentTo)
                .queryParam("toBookingDateTime", now.minus(5, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS).toString())
                .get("/internal/users/{u}/scoped-accounts/{a}/transactions", user, a).then()
                .body("Data.Transaction.TransactionId", contains("w4", "w5", "w6", "w7", "w8", "w9"))
                .body("Meta.LastAvailableDateTime", notNullValue());
        scoped(a, ALL).queryParam("fromBookingDateTime", "yesterday")
                .get("/internal/users/{u}/scoped-accounts/{a}/transactions", user, a).then().statusCode(400)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Field.InvalidDate"));
    }

    @Test
    void bookingDateTimesFollowObieTheTimeIsOptionalAndAZoneIsIgnored() {
        String user = newUser();
        String a = loadAccount("bank-alpha", user, "z-1");
        postTransactions("bank-alpha", user, "z-1", days("z", 10)).statusCode(200);
        // Transactions are one a day back from yesterday, at this time of day: z4 was booked 5 days ago.
        LocalDateTime bound = LocalDateTime.ofInstant(Instant.now().minus(5, ChronoUnit.DAYS).plus(1, ChronoUnit.HOURS),
                ZoneOffset.UTC).truncatedTo(ChronoUnit.SECONDS);
        List<String> upToBound = List.of("z4", "z5", "z6", "z7", "z8", "z9");
        assertEquals(upToBound, ids(scoped(a, ALL).queryParam("toBookingDateTime", bound.toString())
                .get("/internal/users/{u}/scoped-accounts/{a}/transactions", user, a)));
        // An offset is ignored, not applied: +12:00 read as an offset would move the bound back past z4.
        assertEquals(upToBound, ids(scoped(a, ALL).queryParam("toBookingDateTime", bound + "+12:00")
                .get("/internal/users/{u}/scoped-accounts/{a}/transactions", user, a)));
        // A date alone is its first instant (UTC).
        LocalDate day = LocalDate.ofInstant(Instant.now().minus(3, ChronoUnit.DAYS), ZoneOffset.UTC);
        JsonPath fromDay = scoped(a, ALL).queryParam("fromBookingDateTime", day.toString())
                .get("/internal/users/{u}/scoped-accounts/{a}/transactions", user, a).then().statusCode(200)
                .extract().jsonPath();
        assertEquals(day.atStartOfDay().toInstant(ZoneOffset.UTC).toString(),
                Instant.parse(fromDay.getString("Meta.FirstAvailableDateTime")).toString());
        assertEquals(List.of("z0", "z1", "z2"), fromDay.getList("Data.Transaction.TransactionId"));
    }

    private static List<String> ids(io.restassured.response.Response response) {
        return response.then().statusCode(200).extract().jsonPath().getList("Data.Transaction.TransactionId");
    }

    @Test
    void pagesHoldAtMost100NewestFirstAndStayStableWhileTransactionsArrive() {
        String user = newUser();
        String a = loadAccount("bank-alpha", user, "p-1");
        postTransactions("bank-alpha", user, "p-1", days("p", 250)).statusCode(200);

        List<String> seen = new ArrayList<>();
        String next = null;
        int pages = 0;
        do {
            var request = scoped(a, ALL);
            if (next != null) {
                request = request.queryParam("page-token", next);
            }
            JsonPath page = request.get("/internal/users/{u}/scoped-accounts/{a}/transactions", user, a).then()
                    .statusCode(200).extract().jsonPath();
            List<String> ids = page.getList("Data.Transaction.TransactionId");
            assertTrue(ids.size() <= 100);
            seen.addAll(ids);
            pages++;
            if (pages == 1) {
                // New transactions arrive while the partner pages: a newer one and one older than the whole list.
                Instant now = Instant.now();
                postTransactions("bank-alpha", user, "p-1",
                        List.of(tx("new-1", now.minus(1, ChronoUnit.HOURS), "1.00", "Debit"),
                                tx("old-1", now.minus(400, ChronoUnit.DAYS), "1.00", "Debit")))
                        .statusCode(200);
            }
            String link = page.getString("Links.Next");
            next = link == null ? null : page(link);
        } while (next != null);

        assertEquals(3, pages);
        Set<String> unique = new HashSet<>(seen);
        assertEquals(seen.size(), unique.size(), "no transaction twice");
        for (int i = 0; i < 250; i++) {
            assertTrue(unique.contains("p" + i), "p" + i + " was skipped");
        }
        assertEquals("p0", seen.get(0));
        assertTrue(!unique.contains("new-1"), "a newer arrival does not shift later pages");
        assertEquals("old-1", seen.get(seen.size() - 1), "an older arrival is at the end, where it belongs");

        scoped(a, ALL).queryParam("page-token", "not-a-token")
                .get("/internal/users/{u}/scoped-accounts/{a}/transactions", user, a).then().statusCode(400)
                .body("Errors[0].Path", equalTo("page-token"));
    }

    @Test
    void theUsersOwnAccountsShowBankAndIban() {
        String user = newUser();
        loadAccount("bank-alpha", user, "o-1");
        loadAccount("bank-beta", user, "o-2");
        Api.as(Api.GATEWAY).get("/internal/users/{u}/accounts", user).then().statusCode(200)
                .body("Data.Account", hasSize(2))
                .body("Data.Account.BankId", contains("bank-alpha", "bank-beta"))
                .body("Data.Account[0].Account[0].Identification", equalTo("DE89370400440532013000"));
        Api.as(Api.CONSENT).get("/internal/users/{u}/accounts", user).then().statusCode(200);
        Api.as(Api.OFFERS).get("/internal/users/{u}/accounts", user).then().statusCode(403);
        Api.as(Api.GATEWAY).get("/internal/users/{u}/accounts", newUser()).then().body("Data.Account", hasSize(0));
    }

    private static String page(String link) {
        for (String pair : URI.create(link).getRawQuery().split("&")) {
            if (pair.startsWith("page-token=")) {
                return java.net.URLDecoder.decode(pair.substring(11), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        return null;
    }

}
