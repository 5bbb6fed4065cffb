package io.cxmeter.ticket.reviews;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * A quality-review scorecard: weighted categories, each rated in {@code 0..maxPoints} or left out
 * as not applicable; a critical category rated 0 fails the whole review (docs/metrics.md, IQS).
 */
public record Scorecard(UUID id, String name, List<Category> categories) {

    public record Category(String name, double weight, int maxPoints, boolean critical) {
    }

    /** What is wrong with these categories for a new scorecard, or an empty list. */
    public static List<String> problems(List<Category> categories) {
        List<String> problems = new ArrayList<>();
        if (categories == null || categories.isEmpty()) {
            problems.add("categories needs at least one category");
            return problems;
        }
        Set<String> names = new HashSet<>();
        for (int i = 0; i < categories.size(); i++) {
            Category c = categories.get(i);
            String where = "categories[" + i + "]";
            if (c == null || c.name() == null || c.name().isBlank()) {
                problems.add(where + ".name is required");
                continue;
            }
            if (!names.add(c.name())) {
                problems.add(where + ".name '" + c.name() + "' appears twice");
            }
            if (!(c.weight() > 0) || Double.isInfinite(c.weight())) {
                problems.add(where + ".weight must be greater than 0");
            }
            if (c.maxPoints() < 1) {
                problems.add(where + ".maxPoints must be at least 1");
            }
        }
        return problems;
    }

    /** What is wrong with these ratings (category name → points, null = N/A), or an empty list. */
    public List<String> ratingProblems(Map<String, Integer> ratings) {
        List<String> problems = new ArrayList<>();
        if (ratings == null) {
            problems.add("ratings is required");
            return problems;
        }
        ratings.forEach((name, points) -> {
            Category category = categories.stream().filter(c -> c.name().equals(name)).findFirst().orElse(null);
            if (category == null) {
                problems.add("ratings names '" + name + "', which scorecard '" + this.name + "' does not have");
            } else if (points != null && (points < 0 || points > category.maxPoints())) {
                problems.add("ratings['" + name + "'] must be N/A (null) or 0.." + category.maxPoints() + ", not " + points);
            }
        });
        return problems;
    }

    /**
     * The review score: {@code 100 * Σ(weight * points / maxPoints) / Σ(weight)} over the rated
     * categories, 0 when a critical category got 0 points, null when nothing was rated.
     */
    public Double score(Map<String, Integer> ratings) {
        double weighted = 0;
        double weights = 0;
        for (Category category : categories) {
            Integer points = ratings.get(category.name());
            if (points == null) {
                continue;
            }
            if (category.critical() && points == 0) {
                return 0.0;
            }
            weighted += category.weight() * points / category.maxPoints();
            weights += category.weight();
        }
        return weights == 0 ? null : 100 * weighted / weights;
    }
}
