package io.cxmeter.metrics.facts;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import io.cxmeter.metrics.rollup.State;

/** What customers, their purchases, engagement events and quality reviews contribute. */
public final class CustomerContributions {

    public record Purchase(BigDecimal amount, Instant at) {
    }

    /** A customer as ticket-service sends it ({@code customer.upserted}); purchases replace the earlier ones. */
    public record Customer(String id, Instant since, Instant churnedAt, boolean referred, List<Purchase> purchases) {
    }

    /** An engagement event ({@code engagement.recorded}). */
    public record Engagement(String customerId, String type, Instant at) {
    }

    /** A quality review with its score as docs/metrics.md defines it ({@code review.upserted}); null score = nothing rated. */
    public record Review(String id, String agentId, Instant createdAt, Double score) {
    }

    private CustomerContributions() {
    }

    public static AggregateUpdate of(Customer c, long version) {
        SurveyContributions.require(c.id(), "id");
        SurveyContributions.require(c.since(), "since");
        List<Contribution> out = new ArrayList<>();
        // since and churnedAt are deltas of the number of active customers: active at t counts every
        // since before t minus every churn before t (a customer is still active at its churnedAt).
        out.add(customer(Family.CUSTOMER, c.id(), c.since(), new State().add("since", 1).add("referred", c.referred() ? 1 : 0)));
        if (c.churnedAt() != null) {
            out.add(customer(Family.CUSTOMER, c.id(), c.churnedAt(), new State().add("churned", 1)));
        }
        if (c.purchases() != null) {
            for (Purchase purchase : c.purchases()) {
                SurveyContributions.require(purchase.amount(), "purchases[].amount");
                SurveyContributions.require(purchase.at(), "purchases[].at");
                out.add(customer(Family.PURCHASE, c.id(), purchase.at(), new State().add("amount", purchase.amount().doubleValue())));
            }
        }
        return new AggregateUpdate(AggregateUpdate.Source.CUSTOMER, c.id(), version, false, out, List.of(),
                new AggregateUpdate.CustomerFact(c.since(), c.churnedAt(), c.referred()));
    }

    public static AggregateUpdate of(Engagement e) {
        SurveyContributions.require(e.customerId(), "customerId");
        SurveyContributions.require(e.type(), "type");
        SurveyContributions.require(e.at(), "at");
        return new AggregateUpdate(AggregateUpdate.Source.ENGAGEMENT, e.customerId() + "|" + e.type() + "|" + e.at(), 0,
                false, List.of(customer(Family.INTERACTION, e.customerId(), e.at(), new State().add("interactions", 1))),
                List.of(), null);
    }

    public static AggregateUpdate of(Review r, long version) {
        SurveyContributions.require(r.id(), "id");
        SurveyContributions.require(r.createdAt(), "createdAt");
        List<Contribution> out = r.score() == null ? List.of()
                : List.of(new Contribution(Family.REVIEW, "", r.createdAt(), null, null, r.agentId(), null, null, null,
                        new State().add("n", 1).add("sum", r.score())));
        return new AggregateUpdate(AggregateUpdate.Source.REVIEW, r.id(), version, false, out, List.of(), null);
    }

    private static Contribution customer(Family family, String customerId, Instant at, State state) {
        return new Contribution(family, "", at, null, null, null, null, null, customerId, state);
    }
}
