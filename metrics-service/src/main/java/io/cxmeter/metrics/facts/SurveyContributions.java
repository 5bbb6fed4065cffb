package io.cxmeter.metrics.facts;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import io.cxmeter.events.InvitationUpserted;
import io.cxmeter.events.ResponseUpserted;
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
        State state = new State().add(Counters.Survey.N, 1).add(Counters.Survey.SUM, score)
                .add(Counters.Survey.scale(r.scaleMin(), r.scaleMax()), 1);
        switch (family) {
            case NPS -> state.add(score >= 9 ? Counters.Survey.PROMOTERS : score <= 6 ? Counters.Survey.DETRACTORS
                    : Counters.Survey.PASSIVES, 1);
            case CSAT, CES -> {
                require(r.positiveFrom(), "positiveFrom");
                state.add(Counters.Survey.POSITIVE, score >= r.positiveFrom() ? 1 : 0);
            }
            default -> {
            }
        }
        // The distribution of whole scores (CSAT and CES details, and the spread of a CES or custom mean).
        Counters.Survey whole = Counters.Survey.score(score);
        if (family != Family.NPS && whole != null) {
            state.add(whole, 1);
        }
        List<Contribution> out = new ArrayList<>();
        out.add(new Contribution(family, r.surveyId(), r.submittedAt(), r.channel(), null, r.agentId(), r.touchpoint(),
                r.locale(), r.customerId(), state));
        if (r.customerId() != null) {
            out.add(new Contribution(Family.INTERACTION, "", r.submittedAt(), null, null, null, null, null, r.customerId(),
                    new State().add(Counters.Interaction.INTERACTIONS, 1)));
        }
        return new AggregateUpdate(AggregateUpdate.Source.RESPONSE, r.id(), version, false, out, List.of(), null);
    }

    public static AggregateUpdate of(InvitationUpserted i, long version) {
        require(i.id(), "id");
        require(i.surveyId(), "surveyId");
        require(i.sentAt(), "sentAt");
        State state = new State().add(Counters.Invitation.INVITED, 1)
                .add(Counters.Invitation.RESPONDED, i.responded() ? 1 : 0);
        return new AggregateUpdate(AggregateUpdate.Source.INVITATION, i.id(), version, false,
                List.of(new Contribution(Family.INVITATION, i.surveyId(), i.sentAt(), i.channel(), null, i.agentId(),
                        i.touchpoint(), i.locale(), null, state)), List.of(), null);
    }

    static void require(Object value, String field) {
        if (value == null) {
            throw new IllegalArgumentException(field + " is required");
        }
    }
}
