package io.cxmeter.metrics.facts;

import java.util.Arrays;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * A histogram of a state: counts per bin of a duration's seconds ({@code rollup/Sketch}) or, for the
 * service level, per whole second of a wait. Its {@link #key()} names it where a contribution stores its
 * histograms ({@code contribution.h}); a family's rollup columns hold them in the family's order
 * ({@link Family#histograms()}).
 */
public enum Histogram {
    /** First-reply time, calendar seconds. */
    FRT("frt"),
    /** Resolution time, calendar seconds. */
    RES("res"),
    /** Queue wait of call and chat tickets answered, whole seconds rounded up. */
    SL_ANSWERED("sl.answered"),
    /** Queue wait of call and chat tickets abandoned, whole seconds rounded down. */
    SL_ABANDONED("sl.abandoned"),
    /** First-reply time, business seconds. */
    FRTB("frtb"),
    /** Resolution time, business seconds. */
    RESB("resb"),
    /** Next-reply time, calendar seconds. */
    NRT("nrt"),
    /** Next-reply time, business seconds. */
    NRTB("nrtb");

    private static final Map<String, Histogram> BY_KEY = Arrays.stream(values())
            .collect(Collectors.toUnmodifiableMap(Histogram::key, Function.identity()));

    private final String key;

    Histogram(String key) {
        this.key = key;
    }

    public String key() {
        return key;
    }

    /** The histogram stored under {@code key}. */
    public static Histogram byKey(String key) {
        Histogram histogram = BY_KEY.get(key);
        if (histogram == null) {
            throw new IllegalArgumentException("No histogram is stored as " + key);
        }
        return histogram;
    }
}
