package org.openbanking.bench.platform;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.openbanking.sandbox.DemoIdentities;
import org.openbanking.sandbox.SandboxGenerator;
import org.postgresql.PGConnection;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/** What the scenarios need in place: partners, consents authorised by alice, and accounts with many transactions. */
public final class Fixtures {

    /** A partner's client credentials. */
    public record Partner(String clientId, String secret) {
    }

    /** A consent authorised by alice. */
    public record Consent(String id, Partner partner, List<String> accountIds, List<String> permissions) {
    }

    /**
     * The query accounts-service reads a consent's grant from, as the gateway sends it: consent-service's own grant
     * (asked as the gateway asks, with the user present so that nothing is counted), passed on as the gateway's
     * AccountsApi.Scope does.
     */
    public String grantQuery(Consent consent, String gatewayToken) {
        JsonNode grant = api.post("http://localhost:" + stack.port("consent-service") + "/internal/partners/"
                + consent.partner().clientId() + "/access-decisions", gatewayToken,
                Map.of("ConsentId", consent.id(), "Resource", "Accounts", "UserPresent", true))
                .expect(200, "consent-service decides as for the gateway").json().path("Grant");
        return "accountIds=" + joined(grant.path("AccountIds")) + "&resources=" + joined(grant.path("Resources"))
                + "&detail=" + joined(grant.path("Detail")) + "&creditDebit=" + joined(grant.path("CreditDebit"));
    }

    private static String joined(JsonNode names) {
        List<String> values = new ArrayList<>();
        names.forEach(n -> values.add(n.asText()));
        return enc(String.join(",", values));
    }

    public static final Partner DEMO_PARTNER = new Partner("demo-messenger", "demo-messenger-secret");
    public static final List<String> DATA_PERMISSIONS = List.of("ReadAccountsBasic", "ReadBalances",
            "ReadTransactionsDetail", "ReadTransactionsCredits", "ReadTransactionsDebits");

    private final Api api;
    private final BenchStack stack;

    public Fixtures(Api api, BenchStack stack) {
        this.api = api;
        this.stack = stack;
    }

    /** alice's everyday account of the sandbox (bank-alpha, alpha-1001): a year of realistic history. */
    public static String demoAccount() {
        return platformId("bank-alpha", "alpha-1001");
    }

    /** The platform's account id, derived as the launcher's sandbox loader derives it. */
    public static String platformId(String bankId, String bankAccountId) {
        return "acc-" + UUID.nameUUIDFromBytes((bankId + "/" + bankAccountId).getBytes(StandardCharsets.UTF_8));
    }

    /** A consent of {@code partner}, authorised by alice for {@code accounts}, with no transaction window. */
    public Consent authorisedConsent(Partner partner, List<String> permissions, List<String> accounts) {
        String partnerToken = api.clientToken(partner.clientId(), partner.secret());
        String alice = api.userToken("alice");
        String id = createConsent(partnerToken, permissions);
        api.post(stack.gateway() + "/me/consents/" + id + "/authorise", alice, Map.of("AccountIds", accounts))
                .expect(200, "alice authorises a consent");
        JsonNode data = api.get(stack.gateway() + Api.AISP + "/account-access-consents/" + id, partnerToken, Map.of())
                .expect(200, "the partner reads its consent").json().path("Data");
        List<String> granted = new ArrayList<>();
        data.path("AccountIds").forEach(a -> granted.add(a.asText()));
        List<String> perms = new ArrayList<>();
        data.path("Permissions").forEach(p -> perms.add(p.asText()));
        return new Consent(id, partner, granted, perms);
    }

    /** A new consent awaiting alice, returning its id. */
    public String createConsent(String partnerToken, List<String> permissions) {
        Map<String, Object> data = new LinkedHashMap<>();
        data.put("Permissions", permissions);
        data.put("ExpirationDateTime", OffsetDateTime.now(ZoneOffset.UTC).plusDays(1).truncatedTo(ChronoUnit.SECONDS)
                .toString());
        data.put("Purpose", Map.of("Code", "AccountAggregation", "Description", "Benchmark"));
        data.put("FrequencyPerDay", 100);
        return api.post(stack.gateway() + Api.AISP + "/account-access-consents", partnerToken,
                Map.of("Data", data, "Risk", Map.of())).expect(201, "a partner asks for a consent").json()
                .path("Data").path("ConsentId").asText();
    }

    /**
     * {@code count} partners: demo-messenger and partners onboarded by ops through the operator API. Their credentials
     * are kept in the data folder and reused while they still get tokens, so that repeated runs do not pile up clients.
     */
    public List<Partner> partners(int count) {
        Path file = stack.dataDir().resolve("bench-partners.json");
        List<Partner> partners = new ArrayList<>();
        partners.add(DEMO_PARTNER);
        try {
            if (Files.exists(file)) {
                for (JsonNode p : Api.JSON.readTree(file.toFile())) {
                    Partner partner = new Partner(p.path("clientId").asText(), p.path("secret").asText());
                    if (partners.size() < count && works(partner)) {
                        partners.add(partner);
                    }
                }
            }
            String ops = partners.size() < count ? api.userToken("ops") : null;
            while (partners.size() < count) {
                String name = "Bench Partner " + UUID.randomUUID().toString().substring(0, 8);
                JsonNode created = api.post(stack.gateway() + "/admin/partners", ops, Map.of("Name", name, "Contact",
                        "bench@example.com", "RedirectUris", List.of("https://bench.example/callback")))
                        .expect(201, "ops onboards a partner").json();
                partners.add(new Partner(created.path("ClientId").asText(), created.path("ClientSecret").asText()));
            }
            ArrayNode saved = Api.JSON.createArrayNode();
            partners.stream().skip(1).forEach(p -> {
                ObjectNode node = saved.addObject();
                node.put("clientId", p.clientId());
                node.put("secret", p.secret());
            });
            Files.writeString(file, Api.JSON.writeValueAsString(saved));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return partners;
    }

    private boolean works(Partner partner) {
        try {
            api.clientToken(partner.clientId(), partner.secret());
            return true;
        } catch (RuntimeException e) {
            return false;
        }
    }

    /**
     * An account of alice's with exactly {@code count} generated transactions (one every 7 minutes back from now),
     * loaded with COPY in 1 MB chunks; kept across runs when its count already matches. Returns its platform id.
     */
    public String scaleAccount(int count) {
        String bankAccountId = "bench-rows-" + count;
        String id = platformId("bank-alpha", bankAccountId);
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl("accounts"), "postgres", "postgres")) {
            try (PreparedStatement account = c.prepareStatement("insert into account (id, bank_id, bank_account_id,"
                    + " user_id, currency, account_type, account_sub_type, nickname, iban, opened_on, booked_amount,"
                    + " available_amount, balance_updated_at, updated_at) values (?, 'bank-alpha', ?, ?, 'EUR', 'Personal',"
                    + " 'CurrentAccount', ?, ?, date '2000-01-01', 10000, 10000, now(), now()) on conflict do nothing")) {
                account.setString(1, id);
                account.setString(2, bankAccountId);
                account.setString(3, DemoIdentities.ALICE);
                account.setString(4, "Bench " + count);
                account.setString(5, "DE00BENCH" + String.format("%013d", count));
                account.executeUpdate();
            }
            if (transactions(c, id) == count) {
                return id;
            }
            try (PreparedStatement delete = c.prepareStatement("delete from bank_transaction where account_id = ?")) {
                delete.setString(1, id);
                delete.executeUpdate();
            }
            copy(c, id, bankAccountId, Instant.now().minus(1, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS), count);
            try (Statement s = c.createStatement()) {
                s.execute("analyze bank_transaction");
            }
            if (transactions(c, id) != count) {
                throw new IllegalStateException("the scale account " + bankAccountId + " did not get " + count + " rows");
            }
            return id;
        } catch (SQLException | IOException e) {
            throw new IllegalStateException("Could not load the scale data: " + e.getMessage(), e);
        }
    }

    private static long transactions(Connection c, String accountId) throws SQLException {
        try (PreparedStatement counted = c.prepareStatement("select count(*) from bank_transaction where account_id = ?")) {
            counted.setString(1, accountId);
            try (ResultSet rs = counted.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void copy(Connection c, String accountId, String bankAccountId, Instant newest, int count)
            throws SQLException, IOException {
        String sql = "copy bank_transaction (account_id, transaction_id, booking_time, amount, currency, credit_debit,"
                + " status, information, merchant_name, merchant_category_code, balance_after) from stdin with (format csv)";
        var copier = c.unwrap(PGConnection.class).getCopyAPI();
        StringBuilder chunk = new StringBuilder(1 << 20);
        SQLException[] failure = {null};
        new SandboxGenerator(42).stream(bankAccountId, newest, count, t -> {
            chunk.append(accountId).append(',').append(t.transactionId()).append(',')
                    .append(t.bookingTime().atOffset(ZoneOffset.UTC)).append(',').append(t.amount().toPlainString())
                    .append(',').append(t.currency()).append(',').append(t.creditDebit()).append(',').append(t.status())
                    .append(",\"").append(t.information()).append("\",")
                    .append(t.merchantName() == null ? "" : t.merchantName()).append(',')
                    .append(t.merchantCategoryCode() == null ? "" : t.merchantCategoryCode()).append(',')
                    .append(t.balanceAfter().toPlainString()).append('\n');
            if (chunk.length() > (1 << 20) - 512 && failure[0] == null) {
                try (Reader reader = new StringReader(chunk.toString())) {
                    copier.copyIn(sql, reader);
                } catch (SQLException e) {
                    failure[0] = e;
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                chunk.setLength(0);
            }
        });
        if (failure[0] != null) {
            throw failure[0];
        }
        try (Reader reader = new StringReader(chunk.toString())) {
            copier.copyIn(sql, reader);
        }
    }

    static String enc(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
