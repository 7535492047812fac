package org.openbanking.gateway.edge;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.regex.Pattern;

/**
 * {@code x-fapi-customer-ip-address}: the user's address, which tells that the user is present (such calls are not
 * counted against FrequencyPerDay). It must be a real IPv4 or IPv6 address, or any string would make the daily cap
 * optional for a partner that sends one.
 */
public final class CustomerIp {

    private static final Pattern IPV4 = Pattern
            .compile("(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)(\\.(25[0-5]|2[0-4]\\d|1\\d\\d|[1-9]?\\d)){3}");
    private static final Pattern IPV6_CHARACTERS = Pattern.compile("[0-9A-Fa-f:.]{2,45}");

    private CustomerIp() {
    }

    public static boolean isValid(String value) {
        if (value == null) {
            return false;
        }
        if (IPV4.matcher(value).matches()) {
            return true;
        }
        if (!value.contains(":") || !IPV6_CHARACTERS.matcher(value).matches()) {
            return false;
        }
        try {
            // A literal with ':' is parsed, never looked up; the characters were checked above (no zone, no name).
            return InetAddress.getByName(value) != null;
        } catch (UnknownHostException e) {
            return false;
        }
    }
}
