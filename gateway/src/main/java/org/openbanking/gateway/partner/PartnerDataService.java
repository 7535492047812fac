package org.openbanking.gateway.partner;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import jakarta.ws.rs.core.Response;

import org.openbanking.common.ApiException;
import org.openbanking.common.ErrorCodes;
import org.openbanking.common.Ids;
import org.openbanking.gateway.downstream.AccountsApi;
import org.openbanking.gateway.downstream.Decision;
import org.openbanking.gateway.downstream.Relay;
import org.openbanking.gateway.edge.Caller;
import org.openbanking.gateway.edge.CustomerIp;
import org.openbanking.gateway.edge.TraceAttributes;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;

import io.smallrye.mutiny.Uni;

/**
 * A partner's data call, in the order that keeps the contract: (rate limit, by the resource's filter) consent decision
 * (fail closed), the data under the decided grant, the receipt stored, and only then the data sent.
 */
@ApplicationScoped
public class PartnerDataService {

    /** Where a resource's records are in its response, for the receipt's count. */
    public enum Resource {

        Accounts("Account"), Balances("Balance"), Transactions("Transaction"), Offers("Offer");

        final String list;

        Resource(String list) {
            this.list = list;
        }
    }

    @Inject
    Caller caller;
    @Inject
    ConsentGuard guard;
    @Inject
    ReceiptRecorder receipts;
    @Inject
    ObjectMapper mapper;

    /**
     * @param fetch the data call, given the permit and the scope to apply; it must go through a client bean
     */
    public Uni<Response> serve(String consentId, String customerIp, Resource resource, String accountId,
            Function<Permit, Uni<Response>> fetch) {
        String partnerId = caller.partnerId();
        if (consentId == null || consentId.isBlank()) {
            throw ApiException.badRequest(ErrorCodes.HEADER_MISSING, "x-consent-id", "x-consent-id is required");
        }
        if (!Ids.isValid(consentId)) {
            throw ApiException.badRequest(ErrorCodes.HEADER_INVALID, "x-consent-id", "x-consent-id is not a consent id");
        }
        if (customerIp != null && !CustomerIp.isValid(customerIp)) {
            throw ApiException.badRequest(ErrorCodes.HEADER_INVALID, "x-fapi-customer-ip-address",
                    "x-fapi-customer-ip-address must be an IPv4 or IPv6 address");
        }
        TraceAttributes.consent(consentId);
        boolean userPresent = customerIp != null;
        return guard.permit(partnerId, consentId, resource.name(), accountId, userPresent)
                .chain(decision -> serveUnder(decision, partnerId, consentId, userPresent, resource, accountId, fetch)
                        // Nothing was served: the call does not count against FrequencyPerDay.
                        .onFailure().call(() -> guard.release(partnerId, decision))
                        .call(response -> response.getStatus() == 200
                                ? Uni.createFrom().voidItem()
                                : guard.release(partnerId, decision)));
    }

    private Uni<Response> serveUnder(Decision decision, String partnerId, String consentId, boolean userPresent,
            Resource resource, String accountId, Function<Permit, Uni<Response>> fetch) {
        return fetch.apply(new Permit(decision, scopeOf(decision)))
                .chain(response -> {
                    if (response.getStatus() != 200) {
                        return Uni.createFrom().item(Relay.of(response));
                    }
                    String body = response.readEntity(String.class);
                    JsonNode records = parse(body).path("Data").path(resource.list);
                    List<String> accounts = new ArrayList<>();
                    if (accountId != null) {
                        accounts.add(accountId);
                    } else if (resource == Resource.Accounts) {
                        records.forEach(a -> accounts.add(a.path("AccountId").asText()));
                    }
                    return receipts.record(consentId, partnerId, resource.name(), accounts, records.size(), userPresent)
                            .replaceWith(Relay.json(200, body));
                });
    }

    /** A permit and the grant that accounts-service applies again. */
    public record Permit(Decision decision, AccountsApi.Scope scope) {

        public String userId() {
            return decision.grant().userId();
        }
    }

    /** consent-service's grant as accounts-service reads it, passed on as it is. */
    private static AccountsApi.Scope scopeOf(Decision decision) {
        Decision.Grant grant = decision.grant();
        AccountsApi.Scope scope = new AccountsApi.Scope();
        scope.accountIds = String.join(",", grant.accountIds());
        scope.resources = String.join(",", grant.resources());
        scope.detail = String.join(",", grant.detail());
        scope.creditDebit = String.join(",", grant.creditDebit());
        scope.transactionFrom = grant.transactionFromDateTime();
        scope.transactionTo = grant.transactionToDateTime();
        return scope;
    }

    private JsonNode parse(String body) {
        try {
            return mapper.readTree(body);
        } catch (JsonProcessingException e) {
            // A 200 we cannot read is a failure of the hop: nothing is sent without a receipt.
            throw ApiException.unavailable(5, "A service sent an unreadable answer; nothing was served");
        }
    }
}
