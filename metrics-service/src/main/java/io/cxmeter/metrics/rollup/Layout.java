package io.cxmeter.metrics.rollup;

import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import io.cxmeter.metrics.facts.Family;
import io.vertx.core.json.JsonObject;

/**
 * How a family's state is stored: its counters as a fixed-position {@code float8[]} (which
 * PostgreSQL adds element-wise, so rollups are merged in SQL without a read) and its histograms,
 * if any: a contribution keeps them as a small jsonb object of sparse bins, a rollup row keeps each in
 * its own column ({@code h1} to {@code h6} in the family's histogram order) as a list of bins and
 * counts ({@link BinSums#text}), which PostgreSQL merges with {@code cx_bins_add}.
 */
public final class Layout {

    public static final String OTHER_SCALE = "scale:other";
    private static final List<String> SURVEY = new ArrayList<>(List.of("n", "sum", "positive", "promoters", "passives", "detractors"));

    static {
        for (int score = 0; score <= 10; score++) {
            SURVEY.add("score:" + score);
        }
        SURVEY.addAll(List.of("scale:0-10", "scale:1-3", "scale:1-5", "scale:1-7", "scale:1-10", "scale:0-1", OTHER_SCALE));
    }

    private static final Map<Family, List<String>> COUNTERS = new EnumMap<>(Family.class);
    /** Each family's histograms, in the order of their rollup columns h1..h6. */
    private static final Map<Family, List<String>> HISTOGRAMS = new EnumMap<>(Family.class);
    private static final Map<Family, Map<String, Integer>> INDEX = new EnumMap<>(Family.class);

    static {
        COUNTERS.put(Family.TICKET, List.of("created", "calls", "blocked", "frt.n", "frt.sum", "res.n", "res.sum", "asa.n",
                "asa.sum", "sl.queued", "aht.n", "aht.sum", "frtb.n", "frtb.sum", "resb.n", "resb.sum"));
        COUNTERS.put(Family.TICKET_STATE, List.of("waiting", "unresolved"));
        COUNTERS.put(Family.ASSIGNMENT, List.of("assigned", "resolved"));
        COUNTERS.put(Family.NEXT_REPLY, List.of("nrt.n", "nrt.sum", "nrtb.n", "nrtb.sum"));
        COUNTERS.put(Family.RESOLUTION, List.of("resolutions", "first", "firstContact", "repeated", "reopened",
                "firstContactReopened"));
        COUNTERS.put(Family.SLA, List.of("met", "breached", "firstReply.met", "firstReply.breached", "nextReply.met",
                "nextReply.breached", "resolution.met", "resolution.breached"));
        for (Family survey : List.of(Family.NPS, Family.CSAT, Family.CES, Family.CUSTOM)) {
            COUNTERS.put(survey, List.copyOf(SURVEY));
        }
        COUNTERS.put(Family.INVITATION, List.of("invited", "responded"));
        COUNTERS.put(Family.REVIEW, List.of("n", "sum"));
        COUNTERS.put(Family.CUSTOMER, List.of("since", "referred", "churned"));
        COUNTERS.put(Family.PURCHASE, List.of("amount"));
        COUNTERS.put(Family.INTERACTION, List.of("interactions"));
        for (Family family : Family.values()) {
            HISTOGRAMS.put(family, switch (family) {
                case TICKET -> List.of("frt", "res", "sl.answered", "sl.abandoned", "frtb", "resb");
                case NEXT_REPLY -> List.of("nrt", "nrtb");
                default -> List.of();
            });
        }
        COUNTERS.forEach((family, names) -> {
            Map<String, Integer> index = new HashMap<>();
            for (int i = 0; i < names.size(); i++) {
                index.put(names.get(i), i);
            }
            INDEX.put(family, index);
        });
    }

    private Layout() {
    }

    /** Whether the family stores this counter (surveys: the known scales; others go to {@link #OTHER_SCALE}). */
    public static boolean has(Family family, String counter) {
        return INDEX.get(family).containsKey(counter);
    }

    /** How many counters the family stores. */
    public static int size(Family family) {
        return COUNTERS.get(family).size();
    }

    /** The family's histograms, in the order of their rollup columns. */
    public static List<String> histograms(Family family) {
        return HISTOGRAMS.get(family);
    }

    /** The rollup column of histogram {@code name} of the family ({@code h1} to {@code h6}). */
    public static String histogramColumn(Family family, String name) {
        int index = HISTOGRAMS.get(family).indexOf(name);
        if (index < 0) {
            throw new IllegalArgumentException(family + " has no histogram " + name);
        }
        return "h" + (index + 1);
    }

    /** How many leading counters of the family's layout hold all of {@code counters}. */
    public static int prefix(Family family, List<String> counters) {
        int prefix = 0;
        for (String counter : counters) {
            Integer index = INDEX.get(family).get(counter);
            if (index == null) {
                throw new IllegalArgumentException("Counter " + counter + " is not in the layout of " + family);
            }
            prefix = Math.max(prefix, index + 1);
        }
        return prefix;
    }

    /** A state laid out for its family: the counters in layout order, and its histograms' bins. */
    public record Packed(double[] counters, Map<String, Map<Integer, Long>> histograms) {

        /** Writes the counters into {@code into} from {@code offset} on. */
        public void countersInto(Double[] into, int offset) {
            for (int i = 0; i < counters.length; i++) {
                into[offset + i] = counters[i];
            }
        }
    }

    public static Packed pack(Family family, State state) {
        Map<String, Integer> index = INDEX.get(family);
        double[] counters = new double[size(family)];
        state.counters().forEach((name, value) -> {
            Integer i = index.get(name);
            if (i == null) {
                throw new IllegalStateException("Counter " + name + " is not in the layout of " + family);
            }
            counters[i] = value;
        });
        return new Packed(counters, state.histograms());
    }

    public static State decode(Family family, Double[] counters, JsonObject histograms) {
        State state = histograms == null ? new State() : State.fromJson(histograms);
        List<String> names = COUNTERS.get(family);
        for (int i = 0; i < counters.length && i < names.size(); i++) {
            Double value = counters[i];
            if (value != null && Math.abs(value) >= 1e-9) {
                state.add(names.get(i), value);
            }
        }
        return state;
    }
}
