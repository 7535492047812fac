package org.openbanking.offers;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;

import org.openbanking.testing.WireMockResource;

import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.http.Fault;

/** A stand-in accounts-service: what facts a user has, or how its answer fails. */
public class FactsMock extends WireMockResource {

    @Override
    protected String urlProperty() {
        return "quarkus.rest-client.accounts-service.url";
    }

    static WireMockServer server() {
        return server(FactsMock.class);
    }

    static String path(String userId) {
        return "/internal/users/" + userId + "/facts";
    }

    static void has(String userId, String balanceBand, String incomeBand, String... accountTypes) {
        String types = String.join("\",\"", accountTypes);
        server().stubFor(get(urlPathEqualTo(path(userId))).willReturn(okJson("{\"Data\":{\"UserId\":\"" + userId
                + "\",\"AverageBalance90DaysBand\":{\"Amount\":\"" + balanceBand + "\",\"Currency\":\"EUR\"},"
                + "\"MonthlyIncomeBand\":{\"Amount\":\"" + incomeBand + "\",\"Currency\":\"EUR\"},"
                + "\"AccountTypes\":[" + (accountTypes.length == 0 ? "" : "\"" + types + "\"") + "]}}")));
    }

    static void answers(String userId, int status) {
        server().stubFor(get(urlPathEqualTo(path(userId))).willReturn(aResponse().withStatus(status)));
    }

    static void slow(String userId, int millis) {
        server().stubFor(get(urlPathEqualTo(path(userId))).willReturn(okJson("{}").withFixedDelay(millis)));
    }

    static void malformed(String userId) {
        server().stubFor(get(urlPathEqualTo(path(userId))).willReturn(okJson("{\"Data\": {\"AverageBalance90DaysBand\": 7")));
    }

    static void resets(String userId) {
        server().stubFor(get(urlPathEqualTo(path(userId))).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }
}
