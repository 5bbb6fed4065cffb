package io.cxmeter.metrics.facts;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cxmeter.events.CustomerUpserted;
import io.cxmeter.events.EngagementRecorded;
import io.cxmeter.events.ReviewUpserted;
import io.cxmeter.metrics.rollup.State;

/** What customers, their purchases, engagement events and quality reviews contribute. */
public final class CustomerContributions {





    private CustomerContributions() {
    }

    public static AggregateUpdate of(CustomerUpserted c, long version) {
        SurveyContributions.require(c.id(), "id");
        SurveyContributions.require(c.since(), "since");
        List<Contribution> out = new ArrayList<>();
        // since and churnedAt are deltas of the number of active customers: active at t counts every
        // since before t minus every churn before t (a customer is still active at its churnedAt).
        out.add(customer(Family.CUSTOMER, c.id(), c.since(), new State().add(Counters.Customer.SINCE, 1)
                .add(Counters.Customer.REFERRED, c.referred() ? 1 : 0)));
        if (c.churnedAt() != null) {
            out.add(customer(Family.CUSTOMER, c.id(), c.churnedAt(), new State().add(Counters.Customer.CHURNED, 1)));
        }
        if (c.purchases() != null) {
            for (CustomerUpserted.Purchase purchase : c.purchases()) {
                SurveyContributions.require(purchase.amount(), "purchases[].amount");
                SurveyContributions.require(purchase.at(), "purchases[].at");
                out.add(customer(Family.PURCHASE, c.id(), purchase.at(), new State().add(Counters.Purchase.AMOUNT,
                        purchase.amount().doubleValue())));
            }
        }
        return new AggregateUpdate(AggregateUpdate.Source.CUSTOMER, c.id(), version, false, out, List.of(),
                new AggregateUpdate.CustomerFact(c.since(), c.churnedAt(), c.referred()));
    }

    public static AggregateUpdate of(EngagementRecorded e) {
        SurveyContributions.require(e.customerId(), "customerId");
        SurveyContributions.require(e.type(), "type");
        SurveyContributions.require(e.at(), "at");
        return new AggregateUpdate(AggregateUpdate.Source.ENGAGEMENT, e.customerId() + "|" + e.type() + "|" + e.at(), 0,
                false, List.of(customer(Family.INTERACTION, e.customerId(), e.at(), new State().add(Counters.Interaction.INTERACTIONS, 1))),
                List.of(), null);
    }

    public static AggregateUpdate of(ReviewUpserted r, long version) {
        SurveyContributions.require(r.id(), "id");
        SurveyContributions.require(r.createdAt(), "createdAt");
        List<Contribution> out = r.score() == null ? List.of()
                : List.of(new Contribution(Family.REVIEW, "", r.createdAt(), null, null, r.agentId(), null, null, null,
                        new State().add(Counters.Review.N, 1).add(Counters.Review.SUM, r.score())));
        return new AggregateUpdate(AggregateUpdate.Source.REVIEW, r.id(), version, false, out, List.of(), null);
    }

    private static Contribution customer(Family family, String customerId, Instant at, State state) {
        return new Contribution(family, "", at, null, null, null, null, null, customerId, state);
    }
}
