package org.openbanking.gateway;

import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;

import java.util.Map;

import com.github.tomakehurst.wiremock.WireMockServer;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/** Stand-ins for the three services, so the gateway is tested alone: each test says what they answer. */
public class Services implements QuarkusTestResourceLifecycleManager {

    static WireMockServer consent;
    static WireMockServer accounts;
    static WireMockServer offers;

    @Override
    public synchronized Map<String, String> start() {
        if (consent == null) {
            consent = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(64));
            accounts = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(64));
            offers = new WireMockServer(wireMockConfig().dynamicPort().containerThreads(64));
            consent.start();
            accounts.start();
            offers.start();
        }
        return Map.of("quarkus.rest-client.consent-service.url", consent.baseUrl(),
                "quarkus.rest-client.accounts-service.url", accounts.baseUrl(),
                "quarkus.rest-client.partner-offers-service.url", offers.baseUrl());
    }

    @Override
    public void stop() {
        // shared by the test classes of this JVM
    }

    static void reset() {
        consent.resetAll();
        accounts.resetAll();
        offers.resetAll();
    }
}
