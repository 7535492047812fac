package org.openbanking.gateway;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static io.restassured.RestAssured.given;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.openbanking.common.DateTimes;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;

/**
 * The metrics the alert rules of k8s/base/monitoring read, as the management port really exposes them: each is
 * driven here and then found by its exposed name (Micrometer's Prometheus naming) and labels. The scrape is kept in
 * target/metrics-scrape.txt. Its own application: the real event stream (not {@link FakeEvents}), a breaker opened.
 */
@QuarkusTest
@TestProfile(MetricsTest.RealEventStream.class)
class MetricsTest {

    public static class RealEventStream implements QuarkusTestProfile {

        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("gateway.decision-cache.enabled", "true",
                    "quarkus.arc.exclude-types", FakeEvents.class.getName(),
                    "gateway.rate-limit.per-second", "1", "gateway.rate-limit.burst", "3");
        }
    }

    static final String BALANCES = "/open-banking/v3.1/aisp/accounts/acc-1/balances";
    static final String CONSENT_READ = "org.openbanking.gateway.downstream.ConsentClient.read";
    static final Path RULES = Path.of("..", "k8s/base/monitoring/alerts.rules.yaml");

    @Test
    void theMetricsTheAlertsReadAreExposed() throws IOException {
        Services.reset();
        // consent-service's event stream: a transition published 10 s ago (lagging), a heartbeat stamped by a clock
        // ahead of the gateway's (counted as no lag). The stand-in ends the stream; the gateway reconnects.
        Instant now = Instant.now();
        Services.consent.stubFor(get(urlEqualTo("/internal/consent-events")).willReturn(aResponse().withStatus(200)
                .withHeader("Content-Type", "text/event-stream")
                // As consent-service's Quarkus REST says what each event's data is.
                .withHeader("X-SSE-Content-Type", "application/json")
                .withBody(event("Transition", "\"ConsentId\":\"aac-7\",\"Status\":\"Revoked\",", now.minusSeconds(10))
                        + event("Heartbeat", "", now.plusSeconds(60)))));

        // A partner served, then one refused by its rate limit (429), then consent-service down (503).
        PartnerDataTest.permit();
        PartnerDataTest.receiptsStored();
        PartnerDataTest.balances();
        read("metrics-ok").then().statusCode(200);
        int greedy = 0;
        for (int i = 0; i < 20 && greedy != 429; i++) {
            greedy = read("metrics-greedy").statusCode();
        }
        org.junit.jupiter.api.Assertions.assertEquals(429, greedy, "a burst of 3 at 1/s ends in 429");
        Services.consent.stubFor(post(urlEqualTo("/internal/receipts")).willReturn(aResponse().withStatus(500)));
        read("metrics-unreceipted").then().statusCode(503);
        Services.consent.stubFor(post(urlEqualTo("/internal/partners/metrics-down/access-decisions"))
                .willReturn(aResponse().withStatus(500)));
        read("metrics-down").then().statusCode(503);
        // A user's reads while consent-service fails: the read breaker opens.
        Services.consent
                .stubFor(get(urlPathEqualTo("/internal/users/alice-sub/consents")).willReturn(aResponse().withStatus(500)));
        for (int i = 0; i < 15; i++) {
            given().auth().oauth2(Tokens.customer("alice-sub")).get("/me/consents").then().statusCode(503);
        }

        Awaitility.await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(250))
                .until(() -> scrape().contains("gateway_consent_event_lag_seconds_count{type=\"Transition\"}"));
        String metrics = scrape();
        Files.writeString(Path.of("target/metrics-scrape.txt"), metrics);

        // RED per partner and route: rate, errors (status), duration; refusals included.
        String route = "route=\"/open-banking/v3.1/aisp/accounts/{accountId}/balances\"";
        assertSample(metrics, "gateway_partner_calls_seconds_count", "method=\"GET\"", "partner=\"metrics-ok\"", route,
                "status=\"200\"");
        assertSample(metrics, "gateway_partner_calls_seconds_count", "partner=\"metrics-greedy\"", "status=\"429\"");
        assertSample(metrics, "gateway_partner_calls_seconds_count", "partner=\"metrics-down\"", "status=\"503\"");
        assertSample(metrics, "gateway_partner_calls_seconds_sum", "partner=\"metrics-ok\"");
        assertSample(metrics, "gateway_partner_requests_total", "partner=\"metrics-ok\"");
        assertSample(metrics, "gateway_partner_rate_limited_total", "partner=\"metrics-greedy\"");
        // Quarkus' HTTP server metrics, by route template and status (the 5xx ratio).
        assertSample(metrics, "http_server_requests_seconds_count", "status=\"503\"",
                "uri=\"/open-banking/v3.1/aisp/accounts/{accountId}/balances\"");
        // Receipts: batch sizes, and batches stored or failed.
        assertSample(metrics, "gateway_receipt_batch_size_count");
        assertSample(metrics, "gateway_receipt_batches_total", "outcome=\"stored\"");
        assertSample(metrics, "gateway_receipt_batches_total", "outcome=\"failed\"");
        // Decision cache hits and misses.
        assertSample(metrics, "gateway_decisions_total", "source=\"consent-service\"");
        // SmallRye Fault Tolerance: the breakers' state and openings.
        assertSample(metrics, "ft_circuitbreaker_state_current", "method=\"" + CONSENT_READ + "\"", "state=\"open\"");
        assertSample(metrics, "ft_circuitbreaker_opened_total", "method=\"" + CONSENT_READ + "\"");
        // The event stream's lag, with its 1 s bucket: the transition 10 s late is above it, the heartbeat below.
        assertSample(metrics, "gateway_consent_event_lag_seconds_bucket", "type=\"Transition\"", "le=\"1.0\"");
        assertTrue(metrics.contains("gateway_consent_event_lag_seconds_bucket{type=\"Transition\",le=\"5.0\"} 0"), metrics);
        assertTrue(metrics.matches("(?s).*gateway_consent_event_lag_seconds_bucket\\{type=\"Heartbeat\",le=\"0.25\"} [1-9].*"),
                "a heartbeat from a clock ahead counts as no lag");

        // Every metric the alert rules read is one this scrape has (but up, which Prometheus makes itself): an alert
        // on a misspelt or vanished metric would never fire.
        String rules = Files.readString(RULES).lines().filter(line -> !line.strip().startsWith("#"))
                .collect(Collectors.joining("\n"));
        Set<String> read = new TreeSet<>();
        Matcher selector = Pattern.compile("([a-zA-Z_][a-zA-Z0-9_:]*)[{\\[]").matcher(rules);
        while (selector.find()) {
            read.add(selector.group(1));
        }
        read.remove("up");
        assertTrue(read.size() >= 8, "the selectors of " + RULES + ": " + read);
        for (String name : read) {
            assertSample(metrics, name);
        }
    }

    private static io.restassured.response.Response read(String partner) {
        Services.consent.stubFor(post(urlEqualTo("/internal/partners/" + partner + "/access-decisions"))
                .atPriority(10).willReturn(okJson(PartnerDataTest.PERMIT)));
        return given().auth().oauth2(Tokens.partner(partner)).header("x-consent-id", "aac-1").get(BALANCES);
    }

    private static String event(String type, String fields, Instant at) {
        return "data:{\"Type\":\"" + type + "\"," + fields + "\"Node\":\"n1\",\"Epoch\":\"n1:1\",\"DateTime\":\""
                + DateTimes.format(at) + "\"}\n\n";
    }

    private static String scrape() {
        return given().port(OperationsTest.MANAGEMENT).get("/q/metrics").then().statusCode(200).extract().asString();
    }

    /** A sample of {@code name} whose labels include each of {@code labels}. */
    private static void assertSample(String metrics, String name, String... labels) {
        boolean found = metrics.lines().filter(line -> line.startsWith(name + "{") || line.startsWith(name + " "))
                .anyMatch(line -> java.util.Arrays.stream(labels).allMatch(line::contains));
        assertTrue(found, "no sample " + name + " with " + String.join(", ", labels) + " in the scrape:\n"
                + metrics.lines().filter(line -> line.startsWith(name)).toList());
    }
}
