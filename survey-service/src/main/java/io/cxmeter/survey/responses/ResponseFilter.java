package io.cxmeter.survey.responses;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cxmeter.problem.ProblemException;

/**
 * Which responses of a survey a listing or export shows: submitted in [from, to), a score range, a
 * band (NPS: promoter, passive, detractor; CSAT and CES: positive, negative), with or without a
 * comment, one channel, one agent.
 */
public record ResponseFilter(Instant from, Instant to, Double minScore, Double maxScore, String category, Boolean hasComment,
        String channel, String agentId) {

    /** The SQL conditions (on alias {@code r}) and their arguments, numbered from {@code firstParameter}. */
    public record Sql(String conditions, List<Object> arguments) {
    }

    public Sql toSql(SurveyFacts survey, int firstParameter) {
        StringBuilder sql = new StringBuilder();
        List<Object> args = new ArrayList<>();
        int n = firstParameter;
        if (from != null) {
            sql.append(" AND r.submitted_at >= $").append(n++);
            args.add(from.atOffset(java.time.ZoneOffset.UTC));
        }
        if (to != null) {
            sql.append(" AND r.submitted_at < $").append(n++);
            args.add(to.atOffset(java.time.ZoneOffset.UTC));
        }
        if (minScore != null) {
            sql.append(" AND r.score >= $").append(n++);
            args.add(minScore);
        }
        if (maxScore != null) {
            sql.append(" AND r.score <= $").append(n++);
            args.add(maxScore);
        }
        if (hasComment != null) {
            sql.append(hasComment ? " AND r.comment IS NOT NULL" : " AND r.comment IS NULL");
        }
        if (channel != null) {
            sql.append(" AND r.channel = $").append(n++);
            args.add(channel);
        }
        if (agentId != null) {
            sql.append(" AND r.agent_id = $").append(n++);
            args.add(agentId);
        }
        if (category != null) {
            sql.append(band(survey));
        }
        return new Sql(sql.toString(), args);
    }

    /** Refuses (400) a filter that cannot apply to the survey, before anything is read or streamed. */
    public void checkFor(SurveyFacts survey) {
        if (category != null) {
            band(survey);
        }
    }

    private String band(SurveyFacts survey) {
        boolean nps = survey.kind().equals("NPS");
        boolean thresholded = survey.positiveFrom() != null && (survey.kind().equals("CSAT") || survey.kind().equals("CES"));
        return switch (category) {
            case "promoter" -> requireNps(nps, " AND r.score >= 9");
            case "passive" -> requireNps(nps, " AND r.score >= 7 AND r.score < 9");
            case "detractor" -> requireNps(nps, " AND r.score <= 6");
            case "positive", "negative" -> {
                if (!thresholded) {
                    throw ProblemException.badRequest("category=" + category + " applies to CSAT and CES surveys");
                }
                // positiveFrom is the survey's own integer threshold, never text from the request.
                yield (category.equals("positive") ? " AND r.score >= " : " AND r.score < ") + survey.positiveFrom().intValue();
            }
            default -> throw ProblemException.badRequest(
                    "category must be promoter, passive or detractor (NPS), or positive or negative (CSAT, CES)");
        };
    }

    private String requireNps(boolean nps, String condition) {
        if (!nps) {
            throw ProblemException.badRequest("category=" + category + " applies to NPS surveys");
        }
        return condition;
    }
}
