package io.cxmeter.survey.surveys;

import java.util.List;
import java.util.Map;

import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemException;

/**
 * A survey's answer scale and, for CSAT and CES, the score from which an answer counts as positive.
 * The allowed scales and default thresholds are those of docs/metrics.md; anything else is refused,
 * never adjusted.
 */
public record SurveyScale(int min, int max, Integer positiveFrom) {

    /** NPS is always 0–10 with fixed bands: 9–10 promoters, 0–6 detractors. */
    public static final SurveyScale NPS = new SurveyScale(0, 10, null);

    private static final Map<SurveyKind, List<SurveyScale>> ALLOWED = Map.of(
            SurveyKind.NPS, List.of(NPS),
            SurveyKind.CSAT, List.of(new SurveyScale(1, 5, 4), new SurveyScale(1, 3, 3), new SurveyScale(1, 7, 6),
                    new SurveyScale(1, 10, 8), new SurveyScale(0, 1, 1)),
            SurveyKind.CES, List.of(new SurveyScale(1, 7, 5), new SurveyScale(1, 5, 4), new SurveyScale(1, 10, 8)));

    private static final int CUSTOM_LOWEST = 0;
    private static final int CUSTOM_HIGHEST = 100;

    /**
     * The scale a new survey gets: the kind's default when no bounds are given, else the given bounds
     * if the kind allows them, with the given threshold or the scale's default one.
     */
    public static SurveyScale resolve(SurveyKind kind, Integer min, Integer max, Integer positiveFrom) {
        if ((min == null) != (max == null)) {
            throw invalid("scale", "Give both scale.min and scale.max, or neither for the default scale.");
        }
        SurveyScale scale = kind == SurveyKind.CUSTOM ? custom(min, max) : known(kind, min, max);
        if (positiveFrom == null) {
            return scale;
        }
        if (kind == SurveyKind.NPS) {
            throw invalid("positiveFrom", "NPS has fixed bands (promoters 9–10, detractors 0–6); positiveFrom does not apply.");
        }
        if (positiveFrom <= scale.min || positiveFrom > scale.max) {
            throw invalid("positiveFrom", "positiveFrom must lie above " + scale.min + " and at most " + scale.max
                    + " on this " + scale.min + "–" + scale.max + " scale.");
        }
        return new SurveyScale(scale.min, scale.max, positiveFrom);
    }

    public boolean contains(int score) {
        return score >= min && score <= max;
    }

    private static SurveyScale known(SurveyKind kind, Integer min, Integer max) {
        List<SurveyScale> allowed = ALLOWED.get(kind);
        if (min == null) {
            return allowed.get(0);
        }
        return allowed.stream()
                .filter(s -> s.min == min && s.max == max)
                .findFirst()
                .orElseThrow(() -> invalid("scale", kind + " surveys take the scales "
                        + allowed.stream().map(s -> s.min + "–" + s.max).toList() + ", not " + min + "–" + max + "."));
    }

    private static SurveyScale custom(Integer min, Integer max) {
        if (min == null) {
            return new SurveyScale(1, 5, null);
        }
        if (min < CUSTOM_LOWEST || max > CUSTOM_HIGHEST || min >= max) {
            throw invalid("scale", "A custom scale needs " + CUSTOM_LOWEST + " <= min < max <= " + CUSTOM_HIGHEST
                    + ", not " + min + "–" + max + ".");
        }
        return new SurveyScale(min, max, null);
    }

    private static ProblemException invalid(String field, String message) {
        return ProblemException.unprocessable(message, List.of(Problem.Violation.ofField(field, message)));
    }
}
