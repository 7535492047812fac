package org.openbanking.system;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.openbanking.launcher.LaunchConfig;

/**
 * What the platform has stored, read straight from the services' databases (the stack's embedded PostgreSQL): one
 * digest per table over the rows and the columns a request could change, so that "nothing changed" is checked rather
 * than assumed.
 */
final class PlatformState {

    private static final Map<String, Map<String, String>> DIGESTS = Map.of(
            "consent", Map.of(
                    "partner", "id || name || status",
                    "consent", "id || status || coalesce(user_id, '') || coalesce(account_ids, '') || status_updated_at"
                            + " || purpose_description",
                    "consent_history", "id::text",
                    "idempotency_key", "id",
                    "access_receipt", "id::text",
                    "user_block", "user_id || partner_id"),
            "accounts", Map.of(
                    "account", "id || bank_id || bank_account_id || user_id || coalesce(nickname, '') || iban"
                            + " || booked_amount || available_amount || updated_at || linked",
                    "bank_link", "customer_ref || status || code_hash",
                    "bank_transaction", "account_id || transaction_id"),
            "offers", Map.of(
                    "bank", "id || name",
                    "offer", "id || status || title || description || updated_at",
                    "placement", "id || coalesce(shown_at::text, '') || coalesce(clicked_at::text, '')",
                    "offer_idempotency_key", "id"));

    private PlatformState() {
    }

    /** Table → row count and digest, for every table a public call could write. */
    static Map<String, String> snapshot() {
        LaunchConfig config = SystemStack.start();
        Map<String, String> state = new LinkedHashMap<>();
        DIGESTS.forEach((database, tables) -> {
            try (Connection c = connect(config, database); Statement s = c.createStatement()) {
                for (var table : tables.entrySet()) {
                    try (ResultSet r = s.executeQuery("select count(*) || ':' || coalesce(md5(string_agg(" + table.getValue()
                            + ", ',' order by " + table.getValue() + ")), '-') from " + table.getKey())) {
                        r.next();
                        state.put(database + "." + table.getKey(), r.getString(1));
                    }
                }
            } catch (SQLException e) {
                throw new IllegalStateException("cannot read " + database + ": " + e.getMessage(), e);
            }
        });
        return state;
    }

    /** One number from a service's database, e.g. how many receipts a consent has. */
    static long count(String database, String sql, String... parameters) {
        LaunchConfig config = SystemStack.start();
        try (Connection c = connect(config, database); var statement = c.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                statement.setString(i + 1, parameters[i]);
            }
            try (ResultSet r = statement.executeQuery()) {
                r.next();
                return r.getLong(1);
            }
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + database + ": " + e.getMessage(), e);
        }
    }

    /** The ids of the access receipts stored for these consents. */
    static List<String> receiptIds(Collection<String> consentIds) {
        return column("consent", "select id::text from access_receipt where consent_id = any(?)", consentIds);
    }

    /** The interaction ids of the receipts stored for these consents since {@code before} (receipt ids). */
    static List<String> receiptInteractionIds(Collection<String> consentIds, Set<String> before) {
        return column("consent", "select interaction_id from access_receipt where consent_id = any(?)"
                + " and not (id::text = any(?))", consentIds, before);
    }

    /** The interaction ids of the receipts, on any consent, that carry one of these interaction ids. */
    static List<String> receiptsAnswering(Collection<String> interactionIds) {
        return column("consent", "select interaction_id from access_receipt where interaction_id = any(?)",
                interactionIds);
    }

    private static List<String> column(String database, String sql, Object... parameters) {
        try (Connection c = connect(SystemStack.start(), database)) {
            return Setup.column(c, sql, parameters);
        } catch (SQLException e) {
            throw new IllegalStateException("cannot read " + database + ": " + e.getMessage(), e);
        }
    }

    /** The tables whose digest differs between two snapshots. */
    static Map<String, String> changes(Map<String, String> before, Map<String, String> after) {
        Map<String, String> changed = new LinkedHashMap<>();
        after.forEach((table, digest) -> {
            if (!digest.equals(before.get(table))) {
                changed.put(table, before.get(table) + " → " + digest);
            }
        });
        return changed;
    }

    /** The latest rows of the tables that changed, to say what a failing test left behind. */
    static String latest(Map<String, String> changes) {
        Map<String, String> queries = Map.of(
                "accounts.account", "select id, bank_id, user_id, bank_account_id, nickname from account"
                        + " order by updated_at desc limit 3",
                "offers.offer", "select id, bank_id, status, title, updated_at from offer order by updated_at desc limit 3",
                "offers.bank", "select id, name, updated_at from bank order by updated_at desc limit 3",
                "consent.consent", "select id, partner_id, status, purpose_description, status_updated_at from consent"
                        + " order by status_updated_at desc limit 3",
                "consent.partner", "select id, name, status, updated_at from partner order by updated_at desc limit 3",
                "consent.user_block",
                "select user_id, partner_id, created_at from user_block order by created_at desc limit 3");
        LaunchConfig config = SystemStack.start();
        StringBuilder out = new StringBuilder();
        for (String table : changes.keySet()) {
            String sql = queries.get(table);
            if (sql == null) {
                continue;
            }
            try (Connection c = connect(config, table.substring(0, table.indexOf('.')));
                    Statement s = c.createStatement();
                    ResultSet r = s.executeQuery(sql)) {
                out.append('\n').append(table).append(':');
                while (r.next()) {
                    out.append("\n  ");
                    for (int i = 1; i <= r.getMetaData().getColumnCount(); i++) {
                        out.append(i > 1 ? " | " : "").append(r.getString(i));
                    }
                }
            } catch (SQLException e) {
                out.append('\n').append(table).append(": ").append(e.getMessage());
            }
        }
        return out.toString();
    }

    private static Connection connect(LaunchConfig config, String database) throws SQLException {
        String host = config.externalDbHost() == null ? "localhost" : config.externalDbHost();
        return DriverManager.getConnection("jdbc:postgresql://" + host + ":" + config.postgresPort() + "/" + database,
                config.dbUser(), config.dbPassword());
    }
}
