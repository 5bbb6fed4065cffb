package io.cxmeter.imports;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * The keys of an import file seen so far, each with the line it was first on, in 20 bytes a key
 * whatever its length: a key is held as a 128-bit fingerprint in flat arrays (open addressing), so
 * that a file of a million records finds its duplicate ids in about 40 MB. The fingerprint is the
 * key's MD5 (for spread, not secrecy): two different keys of a million share one with a probability
 * near 10^-27.
 */
final class KeyFingerprints {

    private long[] high = new long[1 << 12];
    private long[] low = new long[high.length];
    private int[] lines = new int[high.length];
    private int size;
    private final MessageDigest md5;

    KeyFingerprints() {
        try {
            md5 = MessageDigest.getInstance("MD5");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every Java runtime has MD5", e);
        }
    }

    /** Records {@code key} as first seen on {@code line}; the earlier line when it was seen before, else 0. */
    int putIfAbsent(String key, int line) {
        ByteBuffer digest = ByteBuffer.wrap(md5.digest(key.getBytes(StandardCharsets.UTF_8)));
        long h = digest.getLong();
        long l = digest.getLong();
        int mask = high.length - 1;
        for (int slot = (int) h & mask;; slot = (slot + 1) & mask) {
            if (lines[slot] == 0) {
                high[slot] = h;
                low[slot] = l;
                lines[slot] = line;
                if (++size * 2 > high.length) {
                    grow();
                }
                return 0;
            }
            if (high[slot] == h && low[slot] == l) {
                return lines[slot];
            }
        }
    }

    private void grow() {
        long[] oldHigh = high;
        long[] oldLow = low;
        int[] oldLines = lines;
        high = new long[oldHigh.length * 2];
        low = new long[high.length];
        lines = new int[high.length];
        int mask = high.length - 1;
        for (int i = 0; i < oldHigh.length; i++) {
            if (oldLines[i] != 0) {
                int slot = (int) oldHigh[i] & mask;
                while (lines[slot] != 0) {
                    slot = (slot + 1) & mask;
                }
                high[slot] = oldHigh[i];
                low[slot] = oldLow[i];
                lines[slot] = oldLines[i];
            }
        }
    }
}
