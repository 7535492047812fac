package org.openbanking.common;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;

/**
 * The contract's {@code x-idempotency-key} on POSTs that create: at most 40 characters, one key space per caller, and
 * the same key with the same body within 24 h returns the first result, with another body a 400. Each service stores
 * its keys beside what they created; this is only what they have in common.
 */
public final class IdempotencyKeys {

    public static final String HEADER = "x-idempotency-key";
    public static final int MAX_LENGTH = 40;
    /** How long a key replays its first result. */
    public static final Duration WINDOW = Duration.ofHours(24);

    private IdempotencyKeys() {
    }

    /** A missing key is fine (no replay); a blank, over-long or control-character one is a 400 before anything is written. */
    public static void requireValid(String key) {
        if (key != null && (key.isBlank() || key.length() > MAX_LENGTH || key.chars().anyMatch(Character::isISOControl))) {
            throw ApiException.badRequest(ErrorCodes.HEADER_INVALID, HEADER,
                    HEADER + " must be 1 to 40 characters, none of them a control character");
        }
    }

    /** The stored key's id: the length prefix keeps (caller, key) pairs from colliding. */
    public static String idOf(String caller, String key) {
        return caller.length() + ":" + caller + ":" + key;
    }

    /** The fingerprint of a request as the service read it, so that formatting alone does not make another body. */
    public static String fingerprint(ObjectMapper mapper, Object request) {
        try {
            byte[] canonical = mapper.writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The answer to a key used again within the window with another body. */
    public static ApiException usedWithAnotherBody() {
        return ApiException.badRequest(ErrorCodes.HEADER_INVALID, HEADER,
                "This " + HEADER + " was already used with a different body");
    }
}
