package io.cxmeter.survey.surveys;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import io.cxmeter.problem.ProblemException;

class SurveyScaleTest {

    @Test
    void defaultScalesFollowMetricsMd() {
        assertEquals(new SurveyScale(0, 10, null), SurveyScale.resolve(SurveyKind.NPS, null, null, null));
        assertEquals(new SurveyScale(1, 5, 4), SurveyScale.resolve(SurveyKind.CSAT, null, null, null));
        assertEquals(new SurveyScale(1, 7, 5), SurveyScale.resolve(SurveyKind.CES, null, null, null));
    }

    @ParameterizedTest(name = "{0} {1}–{2} is positive from {3}")
    @CsvSource({
        "CSAT, 1, 3, 3", "CSAT, 1, 5, 4", "CSAT, 1, 7, 6", "CSAT, 1, 10, 8", "CSAT, 0, 1, 1",
        "CES, 1, 5, 4", "CES, 1, 7, 5", "CES, 1, 10, 8"})
    void everyAllowedScaleGetsItsDefaultThreshold(SurveyKind kind, int min, int max, int positiveFrom) {
        assertEquals(new SurveyScale(min, max, positiveFrom), SurveyScale.resolve(kind, min, max, null));
    }

    @ParameterizedTest(name = "{0} {1}–{2} is refused")
    @CsvSource({"NPS, 1, 10", "NPS, 0, 5", "CSAT, 1, 4", "CSAT, 0, 10", "CES, 1, 3", "CES, 0, 7"})
    void rejectsScalesTheKindDoesNotAllow(SurveyKind kind, int min, int max) {
        ProblemException e = assertThrows(ProblemException.class, () -> SurveyScale.resolve(kind, min, max, null));
        assertEquals(422, e.status());
    }

    @Test
    void explicitThresholdInsideTheScaleIsKept() {
        assertEquals(new SurveyScale(1, 5, 5), SurveyScale.resolve(SurveyKind.CSAT, 1, 5, 5));
    }

    @ParameterizedTest(name = "positiveFrom {0} on 1–5 is refused")
    @CsvSource({"1", "6", "0", "-3"})
    void rejectsThresholdOutsideTheScale(int positiveFrom) {
        assertEquals(422, assertThrows(ProblemException.class,
                () -> SurveyScale.resolve(SurveyKind.CSAT, 1, 5, positiveFrom)).status());
    }

    @Test
    void npsTakesNoThreshold() {
        assertThrows(ProblemException.class, () -> SurveyScale.resolve(SurveyKind.NPS, null, null, 9));
    }

    @Test
    void halfAScaleIsRefused() {
        assertThrows(ProblemException.class, () -> SurveyScale.resolve(SurveyKind.CSAT, 1, null, null));
    }

    @Test
    void customScaleMustBeOrderedAndBounded() {
        assertEquals(new SurveyScale(0, 100, null), SurveyScale.resolve(SurveyKind.CUSTOM, 0, 100, null));
        assertThrows(ProblemException.class, () -> SurveyScale.resolve(SurveyKind.CUSTOM, 5, 5, null));
        assertThrows(ProblemException.class, () -> SurveyScale.resolve(SurveyKind.CUSTOM, -1, 5, null));
        assertThrows(ProblemException.class, () -> SurveyScale.resolve(SurveyKind.CUSTOM, 0, 101, null));
    }

    @Test
    void containsIsInclusiveAtBothEnds() {
        SurveyScale scale = SurveyScale.NPS;
        assertTrue(scale.contains(0));
        assertTrue(scale.contains(10));
        assertFalse(scale.contains(11));
        assertFalse(scale.contains(-1));
    }
}
