package org.openbanking.launcher;

import java.io.IOException;
import java.math.BigDecimal;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.openbanking.sandbox.DemoIdentities;
import org.openbanking.sandbox.SandboxGenerator;

/**
 * The demo data of {@code ./run} for a system that runs elsewhere (the dev overlay played by {@code k8s/play}), put
 * in only through the public APIs, as users and banks would: alice and bob link their banks ({@link DemoLinks}), each
 * bank loads its customers' sandbox accounts and transactions through the bank API, and the banks publish the demo
 * offers ({@link DemoOffers}). The gateway and Keycloak are those of {@code OB_GATEWAY_PORT} and {@code OB_KEYCLOAK_URL}
 * (defaults: ./run's addresses). Meant for a fresh system: a second run finds the links there and loads nothing.
 */
public final class PlayedDemo {

    /**
     * Transactions per batch: the contract allows 1,000, but a body must stay under the gateway's 64 KiB (a sandbox
     * transaction is at most ~300 bytes of JSON).
     */
    private static final int BATCH = 150;

    private PlayedDemo() {
    }

    public static void main(String[] args) throws IOException, InterruptedException {
        LaunchConfig config = LaunchConfig.fromEnvironment(Path.of(System.getProperty("ob.root", ".")), false);
        Map<String, String> refs = DemoLinks.linkAll(config);
        if (refs.isEmpty()) {
            System.out.println("The demo users were linked before: no demo data loaded");
            return;
        }
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        String gateway = config.url("gateway");
        int accounts = 0;
        int transactions = 0;
        for (SandboxGenerator.Loaded loaded : new SandboxGenerator(2026).demo(DemoIdentities.ALICE, DemoIdentities.BOB,
                LocalDate.now())) {
            SandboxGenerator.Account a = loaded.account();
            String ref = refs.get(DemoLinks.key(a.userId(), a.bankId()));
            if (ref == null) {
                continue;
            }
            String bank = DemoOffers.token(client, config, a.bankId());
            String base = gateway + "/banks/customers/" + ref + "/accounts/" + a.bankAccountId();
            send(client, HttpRequest.newBuilder(URI.create(base)).PUT(body(accountLoad(a))), bank);
            accounts++;
            List<SandboxGenerator.Transaction> all = loaded.transactions();
            for (int from = 0; from < all.size(); from += BATCH) {
                send(client, HttpRequest.newBuilder(URI.create(base + "/transactions"))
                        .POST(body(batch(all.subList(from, Math.min(all.size(), from + BATCH))))), bank);
            }
            transactions += all.size();
        }
        System.out.println("Demo data loaded through the bank API: " + refs.size() + " links, " + accounts
                + " accounts, " + transactions + " transactions; " + DemoOffers.publish(config) + " offers published");
    }

    private static void send(HttpClient client, HttpRequest.Builder request, String token)
            throws IOException, InterruptedException {
        HttpResponse<String> response = client.send(request.header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() >= 300) {
            throw new Stack.LaunchException("The bank API refused the demo data (" + response.statusCode() + "): "
                    + response.body());
        }
    }

    private static HttpRequest.BodyPublisher body(String json) {
        return HttpRequest.BodyPublishers.ofString(json);
    }

    static String accountLoad(SandboxGenerator.Account a) {
        return "{" + field("Currency", a.currency()) + "," + field("AccountType", a.accountType()) + ","
                + field("AccountSubType", a.accountSubType()) + "," + field("Nickname", a.nickname()) + ","
                + field("Iban", a.iban()) + ",\"Balance\":{\"Booked\":" + amount(a.booked(), a.currency())
                + ",\"Available\":" + amount(a.available(), a.currency()) + "}}";
    }

    static String batch(List<SandboxGenerator.Transaction> transactions) {
        List<String> entries = new ArrayList<>();
        for (SandboxGenerator.Transaction t : transactions) {
            entries.add("{" + field("TransactionId", t.transactionId()) + ","
                    + field("BookingDateTime", t.bookingTime().atOffset(ZoneOffset.UTC).toString()) + ","
                    + "\"Amount\":" + amount(t.amount(), t.currency()) + ","
                    + field("CreditDebitIndicator", t.creditDebit()) + "," + field("Status", t.status())
                    + (t.information() == null ? "" : "," + field("TransactionInformation", t.information()))
                    + (t.merchantName() == null
                            ? ""
                            : ",\"MerchantDetails\":{" + field("MerchantName", t.merchantName())
                                    + (t.merchantCategoryCode() == null
                                            ? ""
                                            : "," + field("MerchantCategoryCode", t.merchantCategoryCode()))
                                    + "}")
                    + (t.balanceAfter() == null ? "" : ",\"BalanceAfter\":" + amount(t.balanceAfter(), t.currency()))
                    + "}");
        }
        return "{\"Transaction\":[" + String.join(",", entries) + "]}";
    }

    /** The bank API's signed amount: a negative balance is sent with its sign. */
    private static String amount(BigDecimal value, String currency) {
        return "{" + field("Amount", value.toPlainString()) + "," + field("Currency", currency) + "}";
    }

    private static String field(String name, String value) {
        return "\"" + name + "\":" + (value == null ? "null" : "\"" + escape(value) + "\"");
    }

    private static String escape(String text) {
        StringBuilder out = new StringBuilder();
        for (char c : text.toCharArray()) {
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        return out.toString();
    }
}
