package org.openbanking.accounts;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.startsWith;
import static org.openbanking.accounts.Api.ALL;
import static org.openbanking.accounts.Api.account;
import static org.openbanking.accounts.Api.days;
import static org.openbanking.accounts.Api.grant;
import static org.openbanking.accounts.Api.loadAccount;
import static org.openbanking.accounts.Api.newUser;
import static org.openbanking.accounts.Api.postTransactions;
import static org.openbanking.accounts.Api.putAccount;
import static org.openbanking.accounts.Api.scoped;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class BankLoadTest {

    @Test
    void aBankUpsertsItsCustomersAccount() {
        String user = newUser();
        String id = putAccount("bank-alpha", user, "a-1", account("DE89370400440532013000", "10.00")).statusCode(201)
                .body("AccountId", startsWith("acc-")).extract().path("AccountId");
        putAccount("bank-alpha", user, "a-1", account("DE89370400440532013000", "-25.10")).statusCode(200)
                .body("AccountId", equalTo(id));
        scoped(id, grant("Balances", "", "")).get("/internal/users/{u}/scoped-accounts/{a}/balances", user, id).then()
                .statusCode(200)
                .body("Data.Balance[0].Amount.Amount", equalTo("25.10"))
                .body("Data.Balance[0].CreditDebitIndicator", equalTo("Debit"));
    }

    @Test
    void anAccountCannotMoveToAnotherCustomer() {
        String user = newUser();
        loadAccount("bank-alpha", user, "a-move");
        putAccount("bank-alpha", newUser(), "a-move", account("DE89370400440532013000", "1.00")).statusCode(409);
    }

    @Test
    void badAccountsAre400NamingTheField() {
        String user = newUser();
        Map<String, Object> body = new HashMap<>(account("DE00370400440532013000", "1.00"));
        body.put("Currency", "euro");
        body.put("AccountType", "Secret");
        putAccount("bank-alpha", user, "a-bad", body).statusCode(400)
                .body("Errors.Path", org.hamcrest.Matchers.hasItems("Iban", "Currency", "AccountType"));
        putAccount("bank-alpha", user, "a bad id", account("DE89370400440532013000", "1.00")).statusCode(400);
    }

    @Test
    void transactionsLoadIdempotentlyByTransactionId() {
        String user = newUser();
        String id = loadAccount("bank-alpha", user, "a-tx");
        postTransactions("bank-alpha", user, "a-tx", days("t", 30)).statusCode(200).body("Loaded", equalTo(30));
        postTransactions("bank-alpha", user, "a-tx", days("t", 40)).statusCode(200).body("Loaded", equalTo(10));
        scoped(id, ALL).get("/internal/users/{u}/scoped-accounts/{a}/transactions", user, id).then()
                .body("Data.Transaction", hasSize(40));
    }

    @Test
    void aBatchWithOneBadRowStoresNothingAndNamesTheRow() {
        String user = newUser();
        String id = loadAccount("bank-alpha", user, "a-badrow");
        List<Map<String, Object>> rows = new ArrayList<>(days("b", 5));
        Map<String, Object> bad = new HashMap<>(rows.get(2));
        bad.put("Amount", Map.of("Amount", "-3.00", "Currency", "EUR"));
        rows.set(2, bad);
        Map<String, Object> dup = new HashMap<>(rows.get(4));
        dup.put("TransactionId", "b0");
        rows.set(4, dup);
        postTransactions("bank-alpha", user, "a-badrow", rows).statusCode(400)
                .body("Errors[0].Path", equalTo("Transaction[2].Amount.Amount"))
                .body("Errors[1].Path", equalTo("Transaction[4].TransactionId"));
        scoped(id, ALL).get("/internal/users/{u}/scoped-accounts/{a}/transactions", user, id).then()
                .body("Data.Transaction", hasSize(0));

        postTransactions("bank-alpha", user, "a-badrow", days("c", 1001)).statusCode(400)
                .body("Errors[0].Path", equalTo("Transaction"));
        postTransactions("bank-alpha", user, "a-badrow", List.of()).statusCode(400);
    }

    @Test
    void aBankCannotWriteToAnotherBanksCustomerAccount() {
        String user = newUser();
        String id = loadAccount("bank-alpha", user, "a-own");
        postTransactions("bank-beta", user, "a-own", days("x", 1)).statusCode(404)
                .body("Errors[0].ErrorCode", equalTo("UK.OBIE.Resource.NotFound"));
        postTransactions("bank-alpha", newUser(), "a-own", days("x", 1)).statusCode(404);
        // bank-beta's own account with the same bank id is another account altogether.
        String betas = loadAccount("bank-beta", user, "a-own");
        org.junit.jupiter.api.Assertions.assertNotEquals(id, betas);
        scoped(id, ALL).get("/internal/users/{u}/scoped-accounts/{a}/transactions", user, id).then()
                .body("Data.Transaction", hasSize(0));
    }

    @Test
    void onlyTheGatewayLoads() {
        Api.as(Api.OFFERS).body(account("DE89370400440532013000", "1.00"))
                .put("/internal/banks/{b}/customers/{r}/accounts/{a}", "bank-alpha", "cref-x", "a-x").then().statusCode(403);
        io.restassured.RestAssured.given().contentType("application/json").body(account("DE89370400440532013000", "1.00"))
                .put("/internal/banks/{b}/customers/{r}/accounts/{a}", "bank-alpha", "cref-x", "a-x").then().statusCode(401);
    }
}
