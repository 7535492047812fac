package org.openbanking.gateway;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.openbanking.gateway.dashboard.CsrfTokens;

class CsrfTokensTest {

    static final String SECRET = "a-test-secret-of-at-least-32-characters!";

    @Test
    void aTokenIsValidOnlyForItsUserAndSession() {
        CsrfTokens tokens = new CsrfTokens(SECRET);
        String token = tokens.tokenFor("alice", "session-1");
        assertTrue(tokens.isValid(token, "alice", "session-1"));
        assertFalse(tokens.isValid(token, "bob", "session-1"), "another user");
        assertFalse(tokens.isValid(token, "alice", "session-2"), "another login session");
        assertFalse(tokens.isValid(null, "alice", "session-1"));
        assertFalse(tokens.isValid("", "alice", "session-1"));
        assertFalse(tokens.isValid(token.substring(1), "alice", "session-1"));
    }

    @Test
    void replicasWithTheSameSecretAgreeAndOthersDoNot() {
        assertEquals(new CsrfTokens(SECRET).tokenFor("alice", "s"), new CsrfTokens(SECRET).tokenFor("alice", "s"));
        assertNotEquals(new CsrfTokens(SECRET).tokenFor("alice", "s"),
                new CsrfTokens(SECRET + "x").tokenFor("alice", "s"));
    }

    @Test
    void aShortSecretIsRefusedAtStartup() {
        assertThrows(IllegalStateException.class, () -> new CsrfTokens("too-short"));
    }
}
