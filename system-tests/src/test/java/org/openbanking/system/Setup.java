package org.openbanking.system;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;

/**
 * What the fault and concurrency tests set up through the public API (partners, consents, authorisations) on either
 * platform, and what they count in the databases afterwards.
 */
final class Setup {

    static final List<String> READ_ALL = List.of("ReadAccountsDetail", "ReadBalances", "ReadTransactionsDetail",
            "ReadTransactionsCredits", "ReadTransactionsDebits");

    private Setup() {
    }

    static Map<String, Object> consentRequest(List<String> permissions, int frequencyPerDay, String description) {
        OffsetDateTime now = OffsetDateTime.now(ZoneOffset.UTC).withNano(0);
        return Map.of("Data", Map.of("Permissions", permissions,
                "ExpirationDateTime", now.plusDays(7).toString(),
                "TransactionFromDateTime", now.minusDays(90).toString(),
                "TransactionToDateTime", now.toString(),
                "FrequencyPerDay", frequencyPerDay,
                "Purpose", Map.of("Code", "PersonalFinanceManagement", "Description", description)), "Risk", Map.of());
    }

    static String requestConsent(String gateway, String partner, List<String> permissions, int frequencyPerDay) {
        Timed.Reply reply = Timed.post(gateway + Timed.AISP + "/account-access-consents", partner,
                consentRequest(permissions, frequencyPerDay, "A resilience test of the platform"));
        assertEquals(201, reply.status(), () -> "consent request: " + reply);
        return reply.json().getString("Data.ConsentId");
    }

    static void authorise(String gateway, String user, String consentId, List<String> accounts) {
        Timed.Reply reply = Timed.post(gateway + "/me/consents/" + consentId + "/authorise", user,
                Map.of("AccountIds", accounts));
        assertEquals(200, reply.status(), () -> "authorise: " + reply);
    }

    /** A consent of the partner for every one of the user's accounts, authorised. */
    static String authorisedConsent(String gateway, String partner, String user, List<String> accounts,
            int frequencyPerDay) {
        String consent = requestConsent(gateway, partner, READ_ALL, frequencyPerDay);
        authorise(gateway, user, consent, accounts);
        return consent;
    }

    /**
     * A bank's reference for a customer of the test's own, linked through the real redemption: the code is asked for
     * directly at accounts-service with the gateway's (dev-only) service account, since the test's customers are no
     * Keycloak users; the bank redeems it through the gateway, as any bank would.
     */
    static String customerRef(String gateway, int accountsPort, String bankId, String userId) {
        String service = Tokens.clientCredentials("gateway", "gateway-secret");
        Timed.Reply code = Timed.post("http://localhost:" + accountsPort + "/internal/users/" + userId + "/bank-links",
                service, Map.of("BankId", bankId));
        assertEquals(201, code.status(), () -> "link code: " + code);
        Timed.Reply ref = Timed.post(gateway + "/banks/customer-links", Tokens.bank(bankId),
                Map.of("LinkCode", code.json().getString("Data.LinkCode")));
        assertEquals(201, ref.status(), () -> "redeem: " + ref);
        return ref.json().getString("CustomerRef");
    }

    static List<String> accountsOf(String gateway, String user) {
        Timed.Reply reply = Timed.get(gateway + "/me/accounts", user);
        assertEquals(200, reply.status(), () -> "the user's accounts: " + reply);
        return reply.json().getList("Data.Account.AccountId");
    }

    /** A partner onboarded for a test: its id and a token of it. */
    record Partner(String id, String token) {
    }

    /** A new partner onboarded by the operator. */
    static Partner onboardPartner(String gateway, String name) {
        Timed.Reply reply = Timed.post(gateway + "/admin/partners", Tokens.user("ops"),
                Map.of("Name", name + " " + System.nanoTime(), "Contact", "ops@partner.example"));
        assertEquals(201, reply.status(), () -> "onboarding: " + reply);
        String clientId = reply.json().getString("ClientId");
        return new Partner(reply.json().getString("PartnerId"),
                Tokens.clientCredentials(clientId, reply.json().getString("ClientSecret")));
    }

    /** Until a data call with the user present is served (fresh JVMs may meet the timeouts at first), at most 30 s. */
    static Timed.Reply awaitServed(String gateway, String partner, String consentId, String path) {
        long deadline = System.nanoTime() + 30_000_000_000L;
        Timed.Reply reply = Timed.read(gateway, partner, consentId, path, true);
        while (reply.status() != 200 && System.nanoTime() < deadline) {
            Timed.pause(200);
            reply = Timed.read(gateway, partner, consentId, path, true);
        }
        Timed.Reply last = reply;
        assertEquals(200, last.status(), () -> "a warm-up data call: " + last);
        return last;
    }

    // ---- counting in the databases

    /** The first column of every row, as text. */
    static List<String> column(String jdbcUrl, String sql, Object... params) {
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            return column(c, sql, params);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The first column of every row, as text; a collection parameter is passed as an SQL array. */
    static List<String> column(Connection c, String sql, Object... params) throws SQLException {
        try (PreparedStatement statement = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                Object p = params[i];
                if (p instanceof Collection<?> values) {
                    Array array = c.createArrayOf("varchar", values.toArray());
                    statement.setArray(i + 1, array);
                } else {
                    statement.setObject(i + 1, p);
                }
            }
            List<String> values = new ArrayList<>();
            try (ResultSet rs = statement.executeQuery()) {
                while (rs.next()) {
                    values.add(rs.getString(1));
                }
            }
            return values;
        }
    }

    /** The interaction ids of the access receipts stored for these consents, one entry per receipt. */
    static List<String> receiptInteractionIds(String consentJdbcUrl, Collection<String> consentIds) {
        return column(consentJdbcUrl, "select interaction_id from access_receipt where consent_id = any(?)",
                consentIds);
    }
}
