package org.openbanking.accounts.rest;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.annotation.security.RolesAllowed;
import jakarta.inject.Inject;
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
 * Account data under a consent's scope, as the gateway asks for it after its access decision. The scope travels as
 * query parameters ({@code accountIds}, {@code permissions}, {@code transactionFrom}, {@code transactionTo}) and is
 * applied here again: an account outside it is a 403, a permission it lacks is a 403.
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
    public Uni<AccountView> accounts(@PathParam("userId") String userId, @QueryParam("accountIds") String accountIds,
            @QueryParam("permissions") String permissions, @QueryParam("transactionFrom") String from,
            @QueryParam("transactionTo") String to) {
        Scope scope = Scope.parse(accountIds, permissions, from, to);
        return reads.scopedAccounts(userId, scope).map(list -> AccountViews.accounts(list,
                scope.has("ReadAccountsDetail"), false, config.publicBaseUrl() + AccountViews.PARTNER_ACCOUNTS));
    }

    @GET
    @Path("/{accountId}")
    @Operation(summary = "One account of the consent")
    public Uni<AccountView> account(@PathParam("userId") String userId, @PathParam("accountId") String accountId,
            @QueryParam("accountIds") String accountIds, @QueryParam("permissions") String permissions,
            @QueryParam("transactionFrom") String from, @QueryParam("transactionTo") String to) {
        Scope scope = Scope.parse(accountIds, permissions, from, to);
        return reads.scopedAccount(userId, accountId, scope, "ReadAccountsBasic", "ReadAccountsDetail")
                .map(a -> AccountViews.accounts(java.util.List.of(a), scope.has("ReadAccountsDetail"), false,
                        config.publicBaseUrl() + AccountViews.PARTNER_ACCOUNTS + "/" + a.id));
    }

    @GET
    @Path("/{accountId}/balances")
    @Operation(summary = "Booked and available balances (needs ReadBalances)")
    public Uni<BalanceView> balances(@PathParam("userId") String userId, @PathParam("accountId") String accountId,
            @QueryParam("accountIds") String accountIds, @QueryParam("permissions") String permissions,
            @QueryParam("transactionFrom") String from, @QueryParam("transactionTo") String to) {
        Scope scope = Scope.parse(accountIds, permissions, from, to);
        return reads.scopedAccount(userId, accountId, scope, "ReadBalances").map(a -> AccountViews.balances(a,
                config.publicBaseUrl() + AccountViews.PARTNER_ACCOUNTS + "/" + a.id + "/balances"));
    }

    @GET
    @Path("/{accountId}/transactions")
    @Operation(summary = "A page of transactions within the consent's window, newest first")
    public Uni<TransactionView> transactions(@PathParam("userId") String userId, @PathParam("accountId") String accountId,
            @QueryParam("accountIds") String accountIds, @QueryParam("permissions") String permissions,
            @QueryParam("transactionFrom") String from, @QueryParam("transactionTo") String to,
            @QueryParam("fromBookingDateTime") String requestFrom, @QueryParam("toBookingDateTime") String requestTo,
            @QueryParam("page-token") String pageToken) {
        Scope scope = Scope.parse(accountIds, permissions, from, to);
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
