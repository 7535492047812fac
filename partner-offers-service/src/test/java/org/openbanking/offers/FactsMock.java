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

    /** One account per type, {@code acc-1}, {@code acc-2}, ..., each with these bands. */
    static void has(String userId, String balanceBand, String incomeBand, String... accountTypes) {
        String[][] accounts = new String[accountTypes.length][];
        for (int i = 0; i < accountTypes.length; i++) {
            accounts[i] = new String[]{"acc-" + (i + 1), balanceBand, incomeBand, accountTypes[i]};
        }
        hasAccounts(userId, accounts);
    }

    /** Accounts as {id, balance band, income band, sub-type}. */
    static void hasAccounts(String userId, String[]... accounts) {
        StringBuilder list = new StringBuilder();
        for (String[] a : accounts) {
            list.append(list.isEmpty() ? "" : ",").append("{\"AccountId\":\"").append(a[0])
                    .append("\",\"AverageBalance90DaysBand\":{\"Amount\":\"").append(a[1]).append("\",\"Currency\":\"EUR\"},")
                    .append("\"MonthlyIncomeBand\":{\"Amount\":\"").append(a[2]).append("\",\"Currency\":\"EUR\"},")
                    .append("\"AccountSubType\":\"").append(a[3]).append("\"}");
        }
        server().stubFor(get(urlPathEqualTo(path(userId)))
                .willReturn(okJson("{\"Data\":{\"UserId\":\"" + userId + "\",\"Account\":[" + list + "]}}")));
    }

    static void answers(String userId, int status) {
        server().stubFor(get(urlPathEqualTo(path(userId))).willReturn(aResponse().withStatus(status)));
    }

    static void slow(String userId, int millis) {
        server().stubFor(get(urlPathEqualTo(path(userId))).willReturn(okJson("{}").withFixedDelay(millis)));
    }

    static void malformed(String userId) {
        server().stubFor(get(urlPathEqualTo(path(userId)))
                .willReturn(okJson("{\"Data\": {\"Account\": [{\"AverageBalance90DaysBand\": 7")));
    }

    static void resets(String userId) {
        server().stubFor(get(urlPathEqualTo(path(userId))).willReturn(aResponse().withFault(Fault.CONNECTION_RESET_BY_PEER)));
    }
}
