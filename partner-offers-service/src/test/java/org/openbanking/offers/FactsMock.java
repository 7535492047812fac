package org.openbanking.offers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A stand-in accounts-service: what facts a user has, or how its answer fails. */
public class FactsMock implements QuarkusTestResourceLifecycleManager {

    private static WireMockServer server;

    @Override
    public synchronized Map<String, String> start() {
        if (server == null) {
            server = new WireMockServer(wireMockConfig().dynamicPort());
            server.start();
        }
        return Map.of("quarkus.rest-client.accounts-service.url", server.baseUrl());
    }

    @Override
    public void stop() {
        // shared by every test class of this JVM
    }

    static WireMockServer server() {
        return server;
    }

    static String path(String userId) {
        return "/internal/users/" + userId + "/facts";
    }

    static void has(String userId, String balanceBand, String incomeBand, String... accountTypes) {
        String types = String.join("\",\"", accountTypes);
        server.stubFor(get(urlEqualTo(path(userId))).willReturn(okJson("{\"Data\":{\"UserId\":\"" + userId
                + "\",\"AverageBalance90DaysBand\":{\"Amount\":\"" + balanceBand + "\",\"Currency\":\"EUR\"},"
                + "\"MonthlyIncomeBand\":{\"Amount\":\"" + incomeBand + "\",\"Currency\":\"EUR\"},"
                + "\"AccountTypes\":[" + (accountTypes.length == 0 ? "" : "\"" + types + "\"") + "]}}")));
    }

    static void answers(String userId, int status) {
        server.stubFor(get(urlEqualTo(path(userId))).willReturn(aResponse().withStatus(status)));
    }

    static void slow(String userId, int millis) {
        server.stubFor(get(urlEqualTo(path(userId))).willReturn(okJson("{}").withFixedDelay(millis)));
    }

    static void malformed(String userId) {
        server.stubFor(get(urlEqualTo(path(userId))).willReturn(okJson("{\"Data\": {\"AverageBalance90DaysBand\": 7")));
    }

    static void resets(String userId) {
        server.stubFor(get(urlEqualTo(path(userId))).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }
}
