package io.cxmeter.gateway.apikeys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.Test;

class ApiKeySecretsTest {

    private static final String PEPPER = "pepper-of-at-least-thirty-two-characters";
    private static final String KEY_A = "cxm_0123456789ab_" + "A".repeat(43);
    private static final String KEY_B = "cxm_0123456789ab_" + "B".repeat(43);
    // HMAC-SHA256(PEPPER, key) in hex, computed outside Java (Python's hmac module).
    private static final String HASH_A = "8a56c9e02b902f15c2f2918d5e740eea9cd7d708994ea6df7f7db4825943f58f";
    private static final String HASH_B = "39245038a3beb63b029d29b11a5f6e88fbfac0ec8dd2062a4f2e46e14ead9b27";

    private final ApiKeySecrets secrets = new ApiKeySecrets(PEPPER);

    @Test
    void hashesAreTheHmacOfTheKeyUnderThePepperCallAfterCall() {
        // The keyed Mac is reused: each hash must still start from the key alone.
        assertEquals(HASH_A, secrets.hash(KEY_A));
        assertEquals(HASH_B, secrets.hash(KEY_B));
        assertEquals(HASH_A, secrets.hash(KEY_A));
        assertTrue(secrets.matches(KEY_A, HASH_A));
        assertFalse(secrets.matches(KEY_B, HASH_A));
    }

    @Test
    void threadsHashingAtOnceEachGetTheirKeysHash() throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(4);
        try {
            List<Callable<Boolean>> work = new ArrayList<>();
            for (int t = 0; t < 8; t++) {
                boolean a = t % 2 == 0;
                work.add(() -> {
                    for (int i = 0; i < 2_000; i++) {
                        if (!secrets.hash(a ? KEY_A : KEY_B).equals(a ? HASH_A : HASH_B)) {
                            return false;
                        }
                    }
                    return true;
                });
            }
            for (Future<Boolean> done : pool.invokeAll(work)) {
                assertTrue(done.get());
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void anIssuedKeyMatchesItsStoredHashAndNamesItsPrefix() {
        ApiKeySecrets.Issued issued = secrets.issue();
        assertTrue(secrets.matches(issued.key(), issued.hash()));
        assertEquals(Optional.of(issued.prefix()), secrets.prefixOf(issued.key()));
        assertEquals(Optional.empty(), secrets.prefixOf("cxm_short_key"));
    }

    @Test
    void aShortPepperIsRefused() {
        assertThrows(IllegalArgumentException.class, () -> new ApiKeySecrets("too-short"));
    }
}
