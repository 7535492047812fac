package org.openbanking.consent;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;

import java.util.Arrays;
import java.util.stream.Collectors;

import org.openbanking.testing.WireMockResource;

import com.github.tomakehurst.wiremock.WireMockServer;

/** A stand-in accounts-service: tests say which accounts a user owns, or make it fail. */
public class AccountsServiceMock extends WireMockResource {

    @Override
    protected String urlProperty() {
        return "quarkus.rest-client.accounts-service.url";
    }

    public static WireMockServer server() {
        return server(AccountsServiceMock.class);
    }

    public static String path(String userId) {
        return "/internal/users/" + userId + "/accounts";
    }

    /** The user owns exactly these accounts. */
    public static void owns(String userId, String... accountIds) {
        String accounts = Arrays.stream(accountIds)
                .map(id -> "{\"AccountId\":\"" + id + "\",\"Currency\":\"EUR\"}")
                .collect(Collectors.joining(","));
        server().stubFor(get(urlEqualTo(path(userId))).willReturn(okJson("{\"Data\":{\"Account\":[" + accounts + "]}}")));
    }

    public static void answers(String userId, int status) {
        server().stubFor(get(urlEqualTo(path(userId))).willReturn(aResponse().withStatus(status)));
    }
}
