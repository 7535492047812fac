package org.openbanking.consent.client;

import java.util.List;

import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.rest.client.inject.RegisterRestClient;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.annotation.JsonProperty;

import io.quarkus.oidc.client.filter.OidcClientFilter;
import io.smallrye.mutiny.Uni;

/** accounts-service's internal API, called with consent-service's own client-credentials token. */
@RegisterRestClient(configKey = "accounts-service")
@OidcClientFilter
@Path("/internal/users")
interface AccountsApi {

    @GET
    @Path("/{userId}/accounts")
    @Produces(MediaType.APPLICATION_JSON)
    Uni<AccountList> accountsOf(@PathParam("userId") String userId);

    @JsonIgnoreProperties(ignoreUnknown = true)
    record AccountList(@JsonProperty("Data") Data data) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Data(@JsonProperty("Account") List<Account> account) {
    }

    @JsonIgnoreProperties(ignoreUnknown = true)
    record Account(@JsonProperty("AccountId") String accountId) {
    }
}
