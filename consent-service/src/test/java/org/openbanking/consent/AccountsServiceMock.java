package org.openbanking.consent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Arrays;
import java.util.Map;
import java.util.stream.Collectors;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** A stand-in accounts-service: tests say which accounts a user owns, or make it fail. */
public class AccountsServiceMock implements QuarkusTestResourceLifecycleManager {

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

    public static WireMockServer server() {
        return server;
    }

    public static String path(String userId) {
        return "/internal/users/" + userId + "/accounts";
    }

    /** The user owns exactly these accounts. */
    public static void owns(String userId, String... accountIds) {
        String accounts = Arrays.stream(accountIds)
                .map(id -> "{\"AccountId\":\"" + id + "\",\"Currency\":\"EUR\"}")
                .collect(Collectors.joining(","));
        server.stubFor(get(urlEqualTo(path(userId))).willReturn(okJson("{\"Data\":{\"Account\":[" + accounts + "]}}")));
    }

    public static void answers(String userId, int status) {
        server.stubFor(get(urlEqualTo(path(userId))).willReturn(aResponse().withStatus(status)));
    }
}
