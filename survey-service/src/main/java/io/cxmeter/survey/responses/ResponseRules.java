package io.cxmeter.survey.responses;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

import io.cxmeter.imports.TenantIds;
import io.cxmeter.survey.texts.Locales;

/**
 * What makes a response valid for its survey: a score on the scale (never clamped), bounded texts.
 * A response without its own channel or touchpoint gets the survey's labels.
 */
public final class ResponseRules {

    public static final int MAX_COMMENT = 5000;
    private static final int MAX_LABEL = 100;

    private ResponseRules() {
    }

    /** The response with defaults (id, submittedAt), or null after adding what is wrong to {@code problems}. */
    public static ResponseDraft check(ResponseDraft r, SurveyFacts survey, Instant now, List<String> problems) {
        String scoreProblem = scoreProblem(r.score(), survey);
        if (scoreProblem != null) {
            problems.add(scoreProblem);
        }
        if (r.comment() != null && r.comment().length() > MAX_COMMENT) {
            problems.add("comment has " + r.comment().length() + " characters; at most " + MAX_COMMENT);
        }
        for (String[] id : new String[][] {{"id", r.id()}, {"customerId", r.customerId()}, {"ticketId", r.ticketId()},
            {"agentId", r.agentId()}}) {
            TenantIds.check(id[1], id[0], false, problems);
        }
        length(problems, "channel", r.channel(), MAX_LABEL);
        length(problems, "touchpoint", r.touchpoint(), MAX_LABEL);
        if (r.locale() != null && !Locales.TAG.matcher(r.locale()).matches()) {
            problems.add("locale must be a language tag like lt or lt-LT");
        }
        if (!problems.isEmpty()) {
            return null;
        }
        return new ResponseDraft(r.id() == null ? UUID.randomUUID().toString() : r.id(), r.score(), r.comment(),
                r.customerId(), r.ticketId(), r.agentId(), r.channel() == null ? survey.channel() : r.channel(),
                r.touchpoint() == null ? survey.touchpoint() : r.touchpoint(), r.locale(),
                r.submittedAt() == null ? now : r.submittedAt(), null);
    }

    /** What is wrong with a score on this survey (absent, not a number, off the scale, fractional), or null. */
    public static String scoreProblem(Double score, SurveyFacts survey) {
        if (score == null) {
            return "score is required";
        } else if (score.isNaN() || score.isInfinite()) {
            return "score must be a number";
        } else if (score < survey.scaleMin() || score > survey.scaleMax()) {
            return "score " + format(score) + " is outside this survey's scale " + survey.scaleMin() + "–" + survey.scaleMax();
        } else if (!survey.kind().equals("CUSTOM") && score != Math.rint(score)) {
            return "score must be a whole number on a " + survey.kind() + " scale";
        }
        return null;
    }

    private static void length(List<String> problems, String field, String value, int max) {
        if (value != null && (value.isBlank() || value.length() > max)) {
            problems.add(field + " must be 1 to " + max + " characters");
        }
    }

    public static String format(double score) {
        return score == Math.rint(score) ? Long.toString((long) score) : Double.toString(score);
    }
}
