package org.openbanking.accounts.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
import jakarta.ws.rs.BeanParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.openbanking.accounts.config.AccountsConfig;
import org.openbanking.accounts.service.AccountReadService;
import org.openbanking.accounts.service.Scope;
import org.openbanking.common.ServiceRoles;

import io.smallrye.mutiny.Uni;

/**
 * Account data under a consent's grant, as the gateway asks for it after its access decision. The grant travels as
 * consent-service named it, in query parameters ({@code accountIds}, {@code resources}, {@code detail},
 * {@code creditDebit}, {@code transactionFrom}, {@code transactionTo}), and is applied here again: an account outside
 * it is a 403, a resource it does not grant is a 403.
 */
@Path("/internal/users/{userId}/scoped-accounts")
@RolesAllowed(ServiceRoles.GATEWAY)
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Scoped reads (internal)")
public class ScopedAccountResource {

    @Inject
    AccountReadService reads;
    @Inject
    AccountsConfig config;

    @GET
    @Operation(summary = "The consent's accounts")
    public Uni<AccountView> accounts(@PathParam("userId") String userId, @BeanParam GrantQuery grant) {
        Scope scope = grant.scope();
        return reads.scopedAccounts(userId, scope).map(list -> AccountViews.accounts(list,
                scope.detailed("Accounts"), false, config.publicBaseUrl() + AccountViews.PARTNER_ACCOUNTS));
    }

    @GET
    @Path("/{accountId}")
    @Operation(summary = "One account of the consent")
    public Uni<AccountView> account(@PathParam("userId") String userId, @PathParam("accountId") String accountId,
            @BeanParam GrantQuery grant) {
        Scope scope = grant.scope();
        return reads.scopedAccount(userId, accountId, scope, "Accounts")
                .map(a -> AccountViews.accounts(java.util.List.of(a), scope.detailed("Accounts"), false,
                        config.publicBaseUrl() + AccountViews.PARTNER_ACCOUNTS + "/" + a.id));
    }

    @GET
    @Path("/{accountId}/balances")
    @Operation(summary = "Booked and available balances (needs Balances granted)")
    public Uni<BalanceView> balances(@PathParam("userId") String userId, @PathParam("accountId") String accountId,
            @BeanParam GrantQuery grant) {
        Scope scope = grant.scope();
        return reads.scopedAccount(userId, accountId, scope, "Balances").map(a -> AccountViews.balances(a,
                config.publicBaseUrl() + AccountViews.PARTNER_ACCOUNTS + "/" + a.id + "/balances"));
    }

    @GET
    @Path("/{accountId}/transactions")
    @Operation(summary = "A page of transactions within the consent's window, newest first")
    public Uni<TransactionView> transactions(@PathParam("userId") String userId, @PathParam("accountId") String accountId,
            @BeanParam GrantQuery grant,
            @QueryParam("fromBookingDateTime") String requestFrom, @QueryParam("toBookingDateTime") String requestTo,
            @QueryParam("page-token") String pageToken) {
        Scope scope = grant.scope();
        return reads.transactions(userId, accountId, scope, requestFrom, requestTo, pageToken).map(page -> {
            StringBuilder query = new StringBuilder();
            append(query, "fromBookingDateTime", requestFrom);
            append(query, "toBookingDateTime", requestTo);
            String base = config.publicBaseUrl() + AccountViews.PARTNER_ACCOUNTS + "/" + accountId + "/transactions";
            StringBuilder self = new StringBuilder(query);
            append(self, "page-token", pageToken);
            StringBuilder next = new StringBuilder(query);
            append(next, "page-token", page.nextPageToken());
            return AccountViews.transactions(page, base + (self.isEmpty() ? "" : "?" + self),
                    page.nextPageToken() == null ? null : base + "?" + next);
        });
    }

    private static void append(StringBuilder query, String name, String value) {
        if (value != null) {
            query.append(query.isEmpty() ? "" : "&").append(name).append('=')
                    .append(URLEncoder.encode(value, StandardCharsets.UTF_8));
        }
    }
}
