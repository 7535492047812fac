package org.openbanking.accounts.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashSet;
import java.util.Set;

import org.junit.jupiter.api.Test;

class LinkCodesTest {

    @Test
    void codesAreTwelveUnambiguousCharactersAndDoNotRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String code = LinkCodes.newCode();
            assertTrue(LinkCodes.isWellFormed(code), code);
            assertTrue(code.chars().noneMatch(c -> "ILOU".indexOf(c) >= 0), code);
            assertTrue(seen.add(code), "a code came twice: " + code);
        }
    }

    @Test
    void onlyWellFormedCodesAreLookedUp() {
        for (String bad : new String[]{null, "", "0123456789A", "0123456789ABC", "0123456789ab", "0123456789AI",
                "0123456789A ", "0123456789A-"}) {
            assertFalse(LinkCodes.isWellFormed(bad), String.valueOf(bad));
        }
    }

    @Test
    void onlyADigestIsStored() {
        String code = LinkCodes.newCode();
        String hash = LinkCodes.hash(code);
        assertEquals(64, hash.length());
        assertFalse(hash.contains(code));
        assertEquals(hash, LinkCodes.hash(code));
        assertNotEquals(hash, LinkCodes.hash(LinkCodes.newCode()));
    }

    @Test
    void customerRefsAreOpaqueAndDistinct() {
        String a = LinkCodes.newCustomerRef();
        String b = LinkCodes.newCustomerRef();
        assertTrue(a.matches("cref-[0-9a-hjkmnp-tv-z]{26}"), a);
        assertNotEquals(a, b);
    }
}
