package org.openbanking.accounts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openbanking.accounts.Api.ALL;
import static org.openbanking.accounts.Api.scoped;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;
import org.openbanking.sandbox.SandboxGenerator;
import org.postgresql.PGConnection;

import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/**
 * A page of transactions costs the same at 10 thousand rows and at a million: the page index serves the keyset query
 * in order, with no sort and no scan of the table. The plan is asserted; the latency ratio is printed (timings are
 * measured, never asserted, on a shared machine).
 */
@QuarkusTest
class ScaleTest {

    static final String PAGE_QUERY = "select * from bank_transaction where account_id = ? and booking_time >= ? and booking_time <= ?"
            + " and (booking_time < ? or (booking_time = ? and transaction_id < ?))"
            + " order by booking_time desc, transaction_id desc limit 101";

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void aPageCostsTheSameAtTenThousandAndAMillionRows() throws Exception {
        String user = Api.newUser();
        String small = Api.loadAccount("bank-alpha", user, "scale-10k");
        String large = Api.loadAccount("bank-alpha", user, "scale-1m");
        Instant newest = Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS);
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            copy(c, small, "scale-10k", newest, 10_000);
            copy(c, large, "scale-1m", newest, 1_000_000);
            try (Statement s = c.createStatement()) {
                s.execute("analyze bank_transaction");
            }
            for (String account : List.of(small, large)) {
                String plan = plan(c, account, newest);
                assertTrue(plan.contains("Index Scan using bank_transaction_page_idx"), plan);
                assertFalse(plan.contains("Sort"), plan);
                assertFalse(plan.contains("Seq Scan"), plan);
            }
        }

        double smallMs = medianPageMillis(user, small);
        double largeMs = medianPageMillis(user, large);
        System.out.printf("[scale] transactions page, median of 40 (first and a deep page): 10k rows %.2f ms,"
                + " 1M rows %.2f ms, ratio 1M/10k = %.2f%n", smallMs, largeMs, largeMs / smallMs);
    }

    private static void copy(Connection c, String accountId, String bankAccountId, Instant newest, int count)
            throws SQLException, IOException {
        StringBuilder chunk = new StringBuilder(1 << 20);
        List<String> chunks = new ArrayList<>();
        new SandboxGenerator(42).stream(bankAccountId, newest, count, t -> {
            chunk.append(accountId).append(',').append(t.transactionId()).append(',')
                    .append(t.bookingTime().atOffset(ZoneOffset.UTC)).append(',').append(t.amount().toPlainString()).append(',')
                    .append(t.currency()).append(',').append(t.creditDebit()).append(',').append(t.status()).append(",\"")
                    .append(t.information()).append("\",").append(t.merchantName() == null ? "" : t.merchantName()).append(',')
                    .append(t.merchantCategoryCode() == null ? "" : t.merchantCategoryCode()).append(',')
                    .append(t.balanceAfter().toPlainString()).append('\n');
            if (chunk.length() > (1 << 20) - 512) {
                chunks.add(chunk.toString());
                chunk.setLength(0);
            }
        });
        chunks.add(chunk.toString());
        String sql = "copy bank_transaction (account_id, transaction_id, booking_time, amount, currency, credit_debit, status,"
                + " information, merchant_name, merchant_category_code, balance_after) from stdin with (format csv)";
        var copier = c.unwrap(PGConnection.class).getCopyAPI();
        for (String part : chunks) {
            try (Reader reader = new StringReader(part)) {
                copier.copyIn(sql, reader);
            }
        }
        try (PreparedStatement counted = c.prepareStatement("select count(*) from bank_transaction where account_id = ?")) {
            counted.setString(1, accountId);
            try (ResultSet rs = counted.executeQuery()) {
                rs.next();
                assertEquals(count, rs.getInt(1));
            }
        }
    }

    private static String plan(Connection c, String accountId, Instant newest) throws SQLException {
        try (PreparedStatement explain = c.prepareStatement("explain " + PAGE_QUERY)) {
            java.sql.Timestamp from = java.sql.Timestamp.from(newest.minus(3650, ChronoUnit.DAYS));
            java.sql.Timestamp to = java.sql.Timestamp.from(newest);
            java.sql.Timestamp cursor = java.sql.Timestamp.from(newest.minus(100, ChronoUnit.DAYS));
            explain.setString(1, accountId);
            explain.setTimestamp(2, from);
            explain.setTimestamp(3, to);
            explain.setTimestamp(4, cursor);
            explain.setTimestamp(5, cursor);
            explain.setString(6, "zzz");
            StringBuilder plan = new StringBuilder();
            try (ResultSet rs = explain.executeQuery()) {
                while (rs.next()) {
                    plan.append(rs.getString(1)).append('\n');
                }
            }
            return plan.toString();
        }
    }

    /** The median time of the first page and of a page 50 pages deep, through the HTTP API. */
    private static double medianPageMillis(String user, String account) {
        String path = "/internal/users/{u}/scoped-accounts/{a}/transactions";
        String deepToken = null;
        JsonPath page = scoped(account, ALL).get(path, user, account).then().statusCode(200).extract().jsonPath();
        for (int i = 0; i < 50 && page.getString("Links.Next") != null; i++) {
            deepToken = token(page.getString("Links.Next"));
            page = scoped(account, ALL).queryParam("page-token", deepToken).get(path, user, account).then().extract()
                    .jsonPath();
        }
        List<Double> times = new ArrayList<>();
        for (int i = 0; i < 40; i++) {
            var request = scoped(account, ALL);
            if (i % 2 == 1) {
                request = request.queryParam("page-token", deepToken);
            }
            long start = System.nanoTime();
            request.get(path, user, account).then().statusCode(200);
            times.add((System.nanoTime() - start) / 1e6);
        }
        Collections.sort(times);
        return times.get(times.size() / 2);
    }

    private static String token(String link) {
        String query = java.net.URI.create(link).getRawQuery();
        for (String pair : query.split("&")) {
            if (pair.startsWith("page-token=")) {
                return java.net.URLDecoder.decode(pair.substring(11), java.nio.charset.StandardCharsets.UTF_8);
            }
        }
        throw new IllegalStateException("no page token in " + link);
    }
}
