package org.openbanking.offers.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

/** accounts-service's facts endpoint, called with this service's own client-credentials token. */
@RegisterRestClient(configKey = "accounts-service")
@OidcClientFilter
@Path("/internal/users")
interface FactsApi {

    @GET
    @Path("/{userId}/facts")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<FactsResponse> factsOf(@PathParam("userId") String userId, @QueryParam("accountIds") String accountIds);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record FactsResponse(@JsonProperty("Data") Data data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Data(@JsonProperty("Account") List<AccountFacts> account) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AccountFacts(
            @JsonProperty("AccountId") String accountId,
            @JsonProperty("AverageBalance90DaysBand") Money averageBalance90DaysBand,
            @JsonProperty("MonthlyIncomeBand") Money monthlyIncomeBand,
            @JsonProperty("AccountSubType") String accountSubType) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Money(@JsonProperty("Amount") String amount, @JsonProperty("Currency") String currency) {
    }
}
