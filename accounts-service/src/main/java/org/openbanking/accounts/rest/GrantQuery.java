package org.openbanking.accounts.rest;

import jakarta.ws.rs.QueryParam;

import org.openbanking.accounts.service.Scope;

/** The consent's grant as the gateway passes it on (the query of every scoped read), read into a {@link Scope}. */
public class GrantQuery {

    @QueryParam("accountIds")
    String accountIds;
    @QueryParam("resources")
    String resources;
    @QueryParam("detail")
    String detail;
    @QueryParam("creditDebit")
    String creditDebit;
    @QueryParam("transactionFrom")
    String transactionFrom;
    @QueryParam("transactionTo")
    String transactionTo;

    Scope scope() {
        return Scope.parse(accountIds, resources, detail, creditDebit, transactionFrom, transactionTo);
    }
}
