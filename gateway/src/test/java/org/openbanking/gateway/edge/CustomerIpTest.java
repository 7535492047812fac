package org.openbanking.gateway.edge;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CustomerIpTest {

    @ParameterizedTest
    @ValueSource(strings = {"198.51.100.7", "0.0.0.0", "255.255.255.255", "2001:db8::1", "::1", "fe80::1:2:3:4",
            "2001:0db8:0000:0000:0000:ff00:0042:8329", "::ffff:192.0.2.128"})
    void addressesAreValid(String ip) {
        assertTrue(CustomerIp.isValid(ip), ip);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", " ", "yes", "present", "localhost", "example.com", "1.2.3", "1.2.3.4.5", "256.1.1.1",
            "01.2.3.4", "1.2.3.4 ", "2001:db8::1%eth0", "2001:db8:::1", "12345::", ":", "1.2.3.4, 5.6.7.8",
            "<script>", "::g"})
    void anythingElseIsNot(String ip) {
        assertFalse(CustomerIp.isValid(ip), ip);
    }
}
