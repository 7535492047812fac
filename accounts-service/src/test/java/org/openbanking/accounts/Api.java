package org.openbanking.accounts;

import static io.restassured.RestAssured.given;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openbanking.common.ServiceRoles;
import org.openbanking.testing.TestTokens;

import io.restassured.http.ContentType;
import io.restassured.response.ValidatableResponse;
import io.restassured.specification.RequestSpecification;

/** Calls to accounts-service as the gateway (and the other services) make them. */
final class Api {

    static final String GATEWAY = TestTokens.service("gateway", ServiceRoles.GATEWAY);
    static final String CONSENT = TestTokens.service("consent-service", ServiceRoles.CONSENT);
    static final String OFFERS = TestTokens.service("partner-offers-service", ServiceRoles.OFFERS);
    /** A consent's grant as consent-service names it and the gateway passes it on. */
    record Grant(String resources, String detail, String creditDebit) {
    }

    static Grant grant(String resources, String detail, String creditDebit) {
        return new Grant(resources, detail, creditDebit);
    }

    /** What ReadAccountsDetail, ReadBalances, ReadTransactionsDetail, -Credits and -Debits grant. */
    static final Grant ALL = grant("Accounts,Balances,Transactions", "Accounts,Transactions", "Credit,Debit");

    private Api() {
    }

    static RequestSpecification as(String token) {
        return given().auth().oauth2(token).contentType(ContentType.JSON).accept(ContentType.JSON);
    }

    static String newUser() {
        return "user-" + UUID.randomUUID();
    }

    static Map<String, Object> account(String iban, String booked) {
        return Map.of("Currency", "EUR", "AccountType", "Personal", "AccountSubType", "CurrentAccount",
                "Nickname", "Everyday", "Iban", iban, "OpeningDate", "2020-01-15",
                "Balance", Map.of("Booked", Map.of("Amount", booked, "Currency", "EUR"),
                        "Available", Map.of("Amount", booked, "Currency", "EUR")));
    }

    private static final Map<String, String> REFS = new java.util.concurrent.ConcurrentHashMap<>();

    /** A code the user creates for the bank (as the gateway asks for it). */
    static ValidatableResponse createLink(String user, String bank) {
        return as(GATEWAY).body(Map.of("BankId", bank)).post("/internal/users/{u}/bank-links", user).then();
    }

    static ValidatableResponse redeem(String bank, String code) {
        return as(GATEWAY).body(Map.of("LinkCode", code)).post("/internal/banks/{b}/customer-links", bank).then();
    }

    /** The bank's reference for the user, linking them first as they would (the user's code, redeemed by the bank). */
    static String customerRef(String bank, String user) {
        return REFS.computeIfAbsent(bank + "/" + user, key -> {
            String code = createLink(user, bank).statusCode(201).extract().path("Data.LinkCode");
            return redeem(bank, code).statusCode(201).extract().path("CustomerRef");
        });
    }

    static ValidatableResponse putAccount(String bank, String user, String bankAccountId, Object body) {
        return putAccountFor(bank, customerRef(bank, user), bankAccountId, body);
    }

    static ValidatableResponse putAccountFor(String bank, String customerRef, String bankAccountId, Object body) {
        return as(GATEWAY).body(body).put("/internal/banks/{b}/customers/{r}/accounts/{a}", bank, customerRef, bankAccountId)
                .then();
    }

    /** Loads an account and returns the platform's id for it. */
    static String loadAccount(String bank, String user, String bankAccountId) {
        return putAccount(bank, user, bankAccountId, account("DE89370400440532013000", "1250.40")).statusCode(201)
                .extract().path("AccountId");
    }

    static ValidatableResponse postTransactions(String bank, String user, String bankAccountId,
            List<Map<String, Object>> rows) {
        return as(GATEWAY).body(Map.of("Transaction", rows))
                .post("/internal/banks/{b}/customers/{r}/accounts/{a}/transactions", bank, customerRef(bank, user),
                        bankAccountId)
                .then();
    }

    static Map<String, Object> tx(String id, Instant booked, String amount, String direction) {
        Map<String, Object> row = new HashMap<>();
        row.put("TransactionId", id);
        row.put("BookingDateTime", booked.truncatedTo(ChronoUnit.SECONDS).toString());
        row.put("Amount", Map.of("Amount", amount, "Currency", "EUR"));
        row.put("CreditDebitIndicator", direction);
        row.put("Status", "Booked");
        row.put("TransactionInformation", "Card payment " + id);
        row.put("MerchantDetails", Map.of("MerchantName", "Shop " + id, "MerchantCategoryCode", "5411"));
        row.put("BalanceAfter", Map.of("Amount", "100.00", "Currency", "EUR"));
        return row;
    }

    /** {@code n} transactions, one a day back from yesterday, alternating debit and credit. */
    static List<Map<String, Object>> days(String prefix, int n) {
        List<Map<String, Object>> rows = new ArrayList<>();
        Instant now = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        for (int i = 0; i < n; i++) {
            rows.add(tx(prefix + i, now.minus(i + 1, ChronoUnit.DAYS), (10 + i) + ".50", i % 2 == 0 ? "Debit" : "Credit"));
        }
        return rows;
    }

    static RequestSpecification scoped(String accountIds, Grant grant) {
        return as(GATEWAY).queryParam("accountIds", accountIds).queryParam("resources", grant.resources())
                .queryParam("detail", grant.detail()).queryParam("creditDebit", grant.creditDebit());
    }
}
