package io.cxmeter.gateway.apikeys;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * API keys look like {@code cxm_<prefix>_<secret>}. The prefix finds the stored row; the whole key is
 * kept only as HMAC-SHA256 under a server-side pepper, so a leaked table reveals no usable key.
 */
public final class ApiKeySecrets {

    private static final Pattern FORMAT = Pattern.compile("cxm_([0-9a-f]{12})_([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int MIN_PEPPER_LENGTH = 32;
    private static final String ALGORITHM = "HmacSHA256";

    /**
     * One keyed HMAC per thread (a Mac is not thread-safe): every request through the gateway hashes its
     * key, also when the verified key is answered from memory, and looking the algorithm up and keying a
     * new Mac cost more than the hash itself.
     */
    private final ThreadLocal<Mac> macs;

    public ApiKeySecrets(String pepper) {
        if (pepper == null || pepper.length() < MIN_PEPPER_LENGTH) {
            throw new IllegalArgumentException("The API-key pepper must have at least " + MIN_PEPPER_LENGTH + " characters");
        }
        SecretKeySpec key = new SecretKeySpec(pepper.getBytes(StandardCharsets.UTF_8), ALGORITHM);
        this.macs = ThreadLocal.withInitial(() -> {
            try {
                Mac mac = Mac.getInstance(ALGORITHM);
                mac.init(key);
                return mac;
            } catch (GeneralSecurityException e) {
                throw new IllegalStateException(ALGORITHM + " is not available in this JVM", e);
            }
        });
        macs.get();
    }

    /** A fresh key, its lookup prefix and the hash to store. */
    public Issued issue() {
        byte[] prefix = new byte[6];
        byte[] secret = new byte[32];
        RANDOM.nextBytes(prefix);
        RANDOM.nextBytes(secret);
        String prefixText = HexFormat.of().formatHex(prefix);
        String key = "cxm_" + prefixText + "_" + java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(secret);
        return new Issued(prefixText, key, hash(key));
    }

    /** The lookup prefix of a well-formed key; empty for anything else. */
    public Optional<String> prefixOf(String key) {
        Matcher matcher = FORMAT.matcher(key == null ? "" : key);
        return matcher.matches() ? Optional.of(matcher.group(1)) : Optional.empty();
    }

    /** Constant-time comparison of a presented key with a stored hash. */
    public boolean matches(String key, String storedHash) {
        return sameHash(hash(key), storedHash);
    }

    /** Constant-time comparison of a presented key's hash ({@link #hash}) with a stored one. */
    static boolean sameHash(String presentedHash, String storedHash) {
        return MessageDigest.isEqual(presentedHash.getBytes(StandardCharsets.US_ASCII),
                storedHash.getBytes(StandardCharsets.US_ASCII));
    }

    /** Constant-time comparison of two plain secrets (the platform admin key is configured, not stored). */
    public static boolean sameSecret(String presented, String expected) {
        return MessageDigest.isEqual(presented.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }

    String hash(String key) {
        // doFinal resets the Mac for the next call, keeping its key.
        return HexFormat.of().formatHex(macs.get().doFinal(key.getBytes(StandardCharsets.UTF_8)));
    }

    public record Issued(String prefix, String key, String hash) {
    }
}
