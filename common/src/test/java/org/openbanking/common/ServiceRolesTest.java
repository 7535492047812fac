package org.openbanking.common;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class ServiceRolesTest {

    @Test
    void aServiceRoleCountsOnlyInItsOwnServicesToken() {
        assertTrue(ServiceRoles.admits(ServiceRoles.GATEWAY, "gateway"));
        assertTrue(ServiceRoles.admits(ServiceRoles.CONSENT, "consent-service"));
        assertTrue(ServiceRoles.admits(ServiceRoles.OFFERS, "partner-offers-service"));
        assertFalse(ServiceRoles.admits(ServiceRoles.GATEWAY, "chat-pay-3fa2c1"), "an onboarded partner");
        assertFalse(ServiceRoles.admits(ServiceRoles.GATEWAY, "consent-service"), "another service");
        assertFalse(ServiceRoles.admits(ServiceRoles.OFFERS, "bank-alpha"), "a bank");
        assertFalse(ServiceRoles.admits(ServiceRoles.CONSENT, null), "no client");
    }

    @Test
    void otherRolesAreLeftAlone() {
        assertTrue(ServiceRoles.admits("partner", "chat-pay-3fa2c1"));
        assertTrue(ServiceRoles.admits("customer", "dev-cli"));
    }
}
