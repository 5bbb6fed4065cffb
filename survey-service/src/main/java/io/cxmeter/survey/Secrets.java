package io.cxmeter.survey;

import java.security.SecureRandom;
import java.util.Base64;

/** Unguessable strings: public keys, rating-link tokens, widget answer ids. */
public final class Secrets {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Secrets() {
    }

    /** {@code bytes} random bytes, URL-safe base64 without padding (16 bytes: 128 bits, 22 characters). */
    public static String random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(value);
    }
}
