package io.cxmeter.metrics.query;

import java.util.List;
import java.util.Map;

import org.apache.commons.math3.distribution.TDistribution;

/**
 * The 95 % confidence intervals of docs/metrics.md ("Honest statistics"): NPS value ± its margin of
 * error, clipped to [−100, 100]; CSAT the Wilson score interval of {@code positive / N} (z = 1.96),
 * times 100; a mean (CES, custom questions, IQS) mean ± t(0.975, n − 1) · s / √n with the sample
 * standard deviation s, null when n < 2.
 */
final class ConfidenceIntervals {

    private static final double Z = 1.96;

    private ConfidenceIntervals() {
    }

    static List<Double> clipped(double low, double high, double min, double max) {
        return List.of(Math.max(min, low), Math.min(max, high));
    }

    static List<Double> wilson(long positive, long n) {
        if (n == 0) {
            return null;
        }
        double p = (double) positive / n;
        double z2 = Z * Z;
        double centre = (p + z2 / (2 * n)) / (1 + z2 / n);
        double half = Z * Math.sqrt(p * (1 - p) / n + z2 / (4.0 * n * n)) / (1 + z2 / n);
        return List.of(100 * (centre - half), 100 * (centre + half));
    }

    /** The interval of the mean of {@code n} scores given as score → how many. */
    static List<Double> mean(Map<String, Long> distribution, long n) {
        double sum = 0;
        double squares = 0;
        for (Map.Entry<String, Long> entry : distribution.entrySet()) {
            double score = Double.parseDouble(entry.getKey());
            sum += score * entry.getValue();
            squares += score * score * entry.getValue();
        }
        return mean(n, sum, squares);
    }

    /** The interval of the mean of {@code n} values whose sum is {@code sum} and sum of squares {@code squares}. */
    static List<Double> mean(long n, double sum, double squares) {
        if (n < 2) {
            return null;
        }
        double mean = sum / n;
        double variance = Math.max(0, (squares - n * mean * mean) / (n - 1));
        double half = new TDistribution(null, n - 1).inverseCumulativeProbability(0.975) * Math.sqrt(variance / n);
        return List.of(mean - half, mean + half);
    }
}
