package io.cxmeter.ticket.reviews;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.Test;

class ScorecardTest {

    /** The scorecard of docs/api.md: Tone (weight 1, 5 points), Correct answer (weight 2, 4 points, critical). */
    private static final Scorecard QA = new Scorecard(UUID.randomUUID(), "Support QA", List.of(
            new Scorecard.Category("Tone", 1, 5, false),
            new Scorecard.Category("Correct answer", 2, 4, true)));

    private static Map<String, Integer> ratings(Integer tone, Integer correct) {
        Map<String, Integer> ratings = new HashMap<>();
        ratings.put("Tone", tone);
        ratings.put("Correct answer", correct);
        return ratings;
    }

    @Test
    void weightedAverageOverRatedCategories() {
        // 100 * (1 * 4/5 + 2 * 3/4) / (1 + 2) = 100 * (0.8 + 1.5) / 3 = 76.666…
        assertEquals(100 * (0.8 + 1.5) / 3, QA.score(ratings(4, 3)), 1e-9);
    }

    @Test
    void notApplicableCategoriesAreLeftOut() {
        // docs/api.md's review: Tone 4, Correct answer N/A → 100 * (1 * 4/5) / 1 = 80.
        assertEquals(80.0, QA.score(ratings(4, null)), 1e-9);
    }

    @Test
    void aCriticalCategoryAtZeroFailsTheReview() {
        assertEquals(0.0, QA.score(ratings(5, 0)));
    }

    @Test
    void aNonCriticalZeroOnlyLowersTheScore() {
        assertEquals(100 * (0 + 2.0) / 3, QA.score(ratings(0, 4)), 1e-9);
    }

    @Test
    void nothingRatedHasNoScore() {
        assertNull(QA.score(ratings(null, null)));
    }

    @Test
    void ratingsMustNameKnownCategoriesWithinTheirRange() {
        assertTrue(QA.ratingProblems(ratings(4, 3)).isEmpty());
        assertEquals(List.of("ratings['Tone'] must be N/A (null) or 0..5, not 6"), QA.ratingProblems(ratings(6, 3)));
        assertEquals(1, QA.ratingProblems(Map.of("Empathy", 3)).size());
        assertEquals(1, QA.ratingProblems(Map.of("Correct answer", -1)).size());
    }

    @Test
    void scorecardsNeedNamedWeightedCategories() {
        assertTrue(Scorecard.problems(QA.categories()).isEmpty());
        assertEquals(1, Scorecard.problems(List.of()).size());
        assertEquals(3, Scorecard.problems(List.of(new Scorecard.Category("A", 0, 0, false),
                new Scorecard.Category("A", 1, 1, false))).size());
    }
}
