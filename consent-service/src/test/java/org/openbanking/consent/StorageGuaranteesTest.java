package org.openbanking.consent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.openbanking.consent.Api.authorisedConsent;
import static org.openbanking.consent.Api.newPartner;
import static org.openbanking.consent.Api.newUser;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;

/** What the database itself guarantees, whatever the code does. */
@QuarkusTest
class StorageGuaranteesTest {

    @ConfigProperty(name = "quarkus.datasource.jdbc.url")
    String jdbcUrl;

    @Test
    void historyIsAppendOnly() throws SQLException {
        String consentId = authorisedConsent(newPartner(), newUser(), "acc-1");
        try (Connection c = DriverManager.getConnection(jdbcUrl, "postgres", "postgres")) {
            try (PreparedStatement count = c.prepareStatement("select count(*) from consent_history where consent_id = ?")) {
                count.setString(1, consentId);
                try (ResultSet rs = count.executeQuery()) {
                    rs.next();
                    assertEquals(2, rs.getInt(1));
                }
            }
            SQLException update = assertThrows(SQLException.class, () -> {
                try (PreparedStatement s = c.prepareStatement("update consent_history set reason = 'x' where consent_id = ?")) {
                    s.setString(1, consentId);
                    s.executeUpdate();
                }
            });
            assertTrue(update.getMessage().contains("append-only"));
            assertThrows(SQLException.class, () -> {
                try (PreparedStatement s = c.prepareStatement("delete from consent_history where consent_id = ?")) {
                    s.setString(1, consentId);
                    s.executeUpdate();
                }
            });
        }
    }
}
