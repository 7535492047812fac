package org.openbanking.accounts.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.openbanking.common.ApiException;

class ScopeTest {

    @Test
    void aScopeNamesItsAccountsPermissionsAndWindow() {
        Scope scope = Scope.parse("acc-1,acc-2", "ReadAccountsBasic,ReadBalances", "2026-01-01T00:00:00Z", null);
        assertEquals(Set.of("acc-1", "acc-2"), scope.accountIds());
        assertTrue(scope.has("ReadBalances"));
        assertEquals(Instant.parse("2026-01-01T00:00:00Z"), scope.transactionFrom());
        scope.requireAccount("acc-2");
        scope.requireAny("ReadTransactionsBasic", "ReadBalances");
    }

    @Test
    void anAccountOrPermissionOutsideTheScopeIsAConsentMismatch() {
        Scope scope = Scope.parse("acc-1", "ReadAccountsBasic", null, null);
        ApiException account = assertThrows(ApiException.class, () -> scope.requireAccount("acc-9"));
        ApiException permission = assertThrows(ApiException.class, () -> scope.requireAny("ReadBalances"));
        for (ApiException refused : List.of(account, permission)) {
            assertEquals(403, refused.status());
            assertEquals("UK.OBIE.Resource.ConsentMismatch", refused.errors().get(0).errorCode());
        }
    }

    @Test
    void aScopeWithoutAccountsOrWithUnknownPermissionsIsRefused() {
        ApiException refused = assertThrows(ApiException.class,
                () -> Scope.parse("", "ReadEverything", "yesterday", null));
        assertEquals(List.of("accountIds", "permissions", "transactionFrom"),
                refused.errors().stream().map(e -> e.path()).toList());
    }
}
