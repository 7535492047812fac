package org.openbanking.launcher;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;

/**
 * Two banks' offers for the local run, published through the gateway's bank API with the dev realm's bank clients,
 * as a bank would. Only when the bank has no offer yet, so a second start adds nothing.
 */
final class DemoOffers {

    private DemoOffers() {
    }

    /** Returns how many offers were published. */
    static int publish(LaunchConfig config) {
        String start = OffsetDateTime.now(ZoneOffset.UTC).minusDays(1).truncatedTo(ChronoUnit.SECONDS).toString();
        String end = OffsetDateTime.now(ZoneOffset.UTC).plusDays(180).truncatedTo(ChronoUnit.SECONDS).toString();
        int published = 0;
        published += publish(config, "bank-alpha",
                """
                        {"Title":"Alpha Everyday Card","Description":"A credit card with no annual fee and 1%% back on groceries.",
                         "ProductType":"CreditCard","Rate":"14.9","Fees":"No annual fee","Url":"https://bank-alpha.example/card",
                         "StartDateTime":"%s","EndDateTime":"%s","Eligibility":{"MinMonthlyIncome":{"Amount":"2000.00","Currency":"EUR"},
                         "AccountTypes":["CurrentAccount"]}}"""
                        .formatted(start, end));
        published += publish(config, "bank-beta",
                """
                        {"Title":"Beta Bonus Saver","Description":"A savings account paying a bonus rate on the first 10,000.",
                         "ProductType":"Savings","Rate":"3.1","Fees":"None","Url":"https://bank-beta.example/saver",
                         "StartDateTime":"%s","EndDateTime":"%s","Eligibility":{"MinAverageBalance":{"Amount":"1000.00","Currency":"EUR"}}}"""
                        .formatted(start, end));
        return published;
    }

    private static int publish(LaunchConfig config, String bank, String offer) {
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        try {
            String token = token(client, config, bank);
            String gateway = config.url("gateway");
            String existing = client.send(request(gateway + "/banks/offers", token).GET().build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (existing.contains("\"OfferId\"")) {
                return 0;
            }
            HttpResponse<String> created = client.send(request(gateway + "/banks/offers", token)
                    .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(offer)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String id = created.body().replaceAll(".*\"OfferId\":\"([^\"]+)\".*", "$1");
            int status = client.send(request(gateway + "/banks/offers/" + id + "/publish", token)
                    .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            return status == 200 ? 1 : 0;
        } catch (IOException e) {
            throw new Stack.LaunchException("Could not publish the demo offers: " + e.getMessage());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return 0;
        }
    }

    private static HttpRequest.Builder request(String url, String token) {
        return HttpRequest.newBuilder(URI.create(url)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(10));
    }

    /** Dev realm only: the bank clients' demo secrets. */
    static String token(HttpClient client, LaunchConfig config, String clientId) throws IOException, InterruptedException {
        String form = "grant_type=client_credentials&client_id=" + clientId + "&client_secret=" + clientId + "-secret";
        String body = client.send(HttpRequest.newBuilder(URI.create(config.keycloakUrl()
                + "/realms/openbanking/protocol/openid-connect/token"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString()).body();
        return body.replaceAll(".*\"access_token\":\"([^\"]+)\".*", "$1");
    }
}
