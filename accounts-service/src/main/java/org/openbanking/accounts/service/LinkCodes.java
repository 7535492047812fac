package org.openbanking.accounts.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * Link codes and customer references. A code is what a user reads out or types into a bank's app: 12 characters of
 * Crockford's base32 (no I, L, O, U), 60 random bits, valid 15 minutes and once; only its SHA-256 is stored. A customer
 * reference is what a bank names in its loads: random, 130 bits, one per bank and user, telling nothing of the user.
 */
public final class LinkCodes {

    /** The contract: a code is valid 15 minutes. */
    public static final Duration VALIDITY = Duration.ofMinutes(15);
    static final String ALPHABET = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
    static final int LENGTH = 12;
    private static final Pattern CODE = Pattern.compile("[0-9A-HJKMNP-TV-Z]{12}");
    private static final SecureRandom RANDOM = new SecureRandom();

    private LinkCodes() {
    }

    public static String newCode() {
        return random(LENGTH);
    }

    public static String newCustomerRef() {
        return "cref-" + random(26).toLowerCase();
    }

    public static boolean isWellFormed(String code) {
        return code != null && CODE.matcher(code).matches();
    }

    /** What is stored and looked up: never the code itself. */
    public static String hash(String code) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(code.getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String random(int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length())));
        }
        return out.toString();
    }
}
