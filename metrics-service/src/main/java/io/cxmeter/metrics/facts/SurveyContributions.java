package io.cxmeter.metrics.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.cxmeter.events.InvitationUpserted;
import io.cxmeter.events.ResponseUpserted;
import io.cxmeter.metrics.rollup.Layout;
import io.cxmeter.metrics.rollup.State;

/** What a survey response and a survey invitation contribute (docs/metrics.md, survey metrics). */
public final class SurveyContributions {



    private SurveyContributions() {
    }

    public static AggregateUpdate of(ResponseUpserted r, long version) {
        require(r.id(), "id");
        require(r.surveyId(), "surveyId");
        require(r.kind(), "kind");
        require(r.score(), "score");
        require(r.submittedAt(), "submittedAt");
        require(r.scaleMin(), "scaleMin");
        require(r.scaleMax(), "scaleMax");
        Family family = switch (r.kind().toUpperCase(Locale.ROOT)) {
            case "NPS" -> Family.NPS;
            case "CSAT" -> Family.CSAT;
            case "CES" -> Family.CES;
            case "CUSTOM" -> Family.CUSTOM;
            default -> throw new IllegalArgumentException("kind must be NPS, CSAT, CES or CUSTOM");
        };
        double score = r.score();
        String scale = "scale:" + r.scaleMin() + "-" + r.scaleMax();
        State state = new State().add("n", 1).add("sum", score)
                .add(Layout.has(family, scale) ? scale : Layout.OTHER_SCALE, 1);
        switch (family) {
            case NPS -> state.add(score >= 9 ? "promoters" : score <= 6 ? "detractors" : "passives", 1);
            case CSAT, CES -> {
                require(r.positiveFrom(), "positiveFrom");
                state.add("positive", score >= r.positiveFrom() ? 1 : 0);
            }
            default -> {
            }
        }
        // The distribution of whole scores (CSAT and CES details, and the spread of a CES or custom mean).
        if (family != Family.NPS && score == Math.rint(score) && score >= 0 && score <= 10) {
            state.add("score:" + format(score), 1);
        }
        List<Contribution> out = new ArrayList<>();
        out.add(new Contribution(family, r.surveyId(), r.submittedAt(), r.channel(), null, r.agentId(), r.touchpoint(),
                r.locale(), r.customerId(), state));
        if (r.customerId() != null) {
            out.add(new Contribution(Family.INTERACTION, "", r.submittedAt(), null, null, null, null, null, r.customerId(),
                    new State().add("interactions", 1)));
        }
        return new AggregateUpdate(AggregateUpdate.Source.RESPONSE, r.id(), version, false, out, List.of(), null);
    }

    public static AggregateUpdate of(InvitationUpserted i, long version) {
        require(i.id(), "id");
        require(i.surveyId(), "surveyId");
        require(i.sentAt(), "sentAt");
        State state = new State().add("invited", 1).add("responded", i.responded() ? 1 : 0);
        return new AggregateUpdate(AggregateUpdate.Source.INVITATION, i.id(), version, false,
                List.of(new Contribution(Family.INVITATION, i.surveyId(), i.sentAt(), i.channel(), null, i.agentId(),
                        i.touchpoint(), i.locale(), null, state)), List.of(), null);
    }

    static String format(double score) {
        return score == Math.rint(score) ? Long.toString((long) score) : Double.toString(score);
    }

    static void require(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
    }
}
