package org.openbanking.accounts.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openbanking.common.ApiException;

class ScopeTest {

    @Test
    void aScopeNamesItsAccountsResourcesDetailDirectionsAndWindow() {
        Scope scope = Scope.parse("acc-1,acc-2", "Accounts,Balances,Transactions", "Transactions", "Credit",
                "2026-01-01T00:00:00Z", null);
        assertEquals(Set.of("acc-1", "acc-2"), scope.accountIds());
        assertTrue(scope.detailed("Transactions"));
        assertFalse(scope.detailed("Accounts"));
        assertEquals("Credit", scope.onlyDirection());
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), scope.transactionFrom());
        scope.requireAccount("acc-2");
        scope.requireResource("Balances");
    }

    @Test
    void bothDirectionsShowAllTransactions() {
        assertNull(Scope.parse("acc-1", "Transactions", "", "Credit,Debit", null, null).onlyDirection());
    }

    @Test
    void anAccountOrResourceOutsideTheGrantIsAConsentMismatch() {
        Scope scope = Scope.parse("acc-1", "Accounts", "", "", null, null);
        ApiException account = assertThrows(ApiException.class, () -> scope.requireAccount("acc-9"));
        ApiException resource = assertThrows(ApiException.class, () -> scope.requireResource("Balances"));
        for (ApiException refused : List.of(account, resource)) {
            assertEquals(403, refused.status());
            assertEquals("UK.OBIE.Resource.ConsentMismatch", refused.errors().get(0).errorCode());
        }
    }

    @Test
    void aGrantWithoutAccountsOrWithUnknownResourcesIsRefused() {
        ApiException refused = assertThrows(ApiException.class,
                () -> Scope.parse("", "Everything", "", "", "yesterday", null));
        assertEquals(List.of("accountIds", "resources", "transactionFrom"),
                refused.errors().stream().map(e -> e.path()).toList());
    }

    @Test
    void anIncoherentGrantIsRefused() {
        ApiException detailNotGranted = assertThrows(ApiException.class,
                () -> Scope.parse("acc-1", "Accounts", "Transactions", "", null, null));
        assertEquals("detail", detailNotGranted.errors().get(0).path());
        ApiException noDirection = assertThrows(ApiException.class,
                () -> Scope.parse("acc-1", "Transactions", "", "", null, null));
        assertEquals("creditDebit", noDirection.errors().get(0).path());
        ApiException unknownDirection = assertThrows(ApiException.class,
                () -> Scope.parse("acc-1", "Transactions", "", "Sideways", null, null));
        assertEquals("creditDebit", unknownDirection.errors().get(0).path());
    }
}
