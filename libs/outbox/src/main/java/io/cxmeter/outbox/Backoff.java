package io.cxmeter.outbox;

import java.time.Duration;

/** How long a relay waits after failures in a row: 2, 4, 8 … seconds, never longer than {@code max}. */
public final class Backoff {

    private Backoff() {
    }

    public static long seconds(int failures, Duration max) {
        return Math.min(max.toSeconds(), 1L << Math.min(failures, 16));
    }
}
