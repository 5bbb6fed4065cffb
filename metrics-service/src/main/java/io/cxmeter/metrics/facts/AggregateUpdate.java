package io.cxmeter.metrics.facts;

import java.time.Instant;
import java.util.List;

/**
 * The new truth about one aggregate (a ticket, a response, a customer, …) as an event told it:
 * its contributions replace all the ones it had. {@code version} orders updates of the same
 * aggregate, so a late, older event changes nothing. {@code deleted} removes the aggregate.
 */
public record AggregateUpdate(Source source, String aggregateId, long version, boolean deleted,
        List<Contribution> contributions, List<Episode> episodes, CustomerFact customer) {

    /** Where an aggregate comes from; with its id it names the aggregate. */
    public enum Source {
        TICKET, RESPONSE, INVITATION, REVIEW, CUSTOMER, ENGAGEMENT;

        private final String wire = name().toLowerCase(java.util.Locale.ROOT);

        public String wire() {
            return wire;
        }
    }

    /**
     * A resolution of a ticket, from {@code resolvedAt} until it was reopened ({@code reopenedAt},
     * null while it stays resolved), its resolution time in calendar and business seconds, with the
     * dimensions of that resolution, and the ticket's first
     * assignment ({@code assignedAt} and its agent {@code assignee}; null if it was never assigned),
     * which resolution rate counts it by. {@code firstContact}: it is the ticket's first resolution and
     * came after exactly one agent reply; {@code previousResolvedAt}: the ticket's resolution before this one.
     */
    public record Episode(Instant resolvedAt, Instant reopenedAt, double seconds, double businessSeconds, String channel,
            String team, String priority, List<String> tags, String agent,
            Instant assignedAt, String assignee, boolean firstContact,
            Instant previousResolvedAt) {
    }

    /** A customer as the customer metrics that need a join read it. */
    public record CustomerFact(Instant since, Instant churnedAt, boolean referred) {
    }

    /**
     * This update as erasing the customer leaves it: without the customer's interactions, and its
     * other facts (a response's score) no longer linked to the customer. The customer's own updates
     * stay as they are: their versions decide whether the erasure or they come last.
     */
    public AggregateUpdate forgetting(String customerId) {
        if (source == Source.CUSTOMER && aggregateId.equals(customerId)
                || contributions.stream().noneMatch(c -> customerId.equals(c.customerId()))) {
            return this;
        }
        List<Contribution> kept = contributions.stream()
                .filter(c -> !(customerId.equals(c.customerId()) && (source == Source.ENGAGEMENT || c.family() == Family.INTERACTION)))
                .map(c -> customerId.equals(c.customerId()) ? c.withoutCustomer() : c)
                .toList();
        return new AggregateUpdate(source, aggregateId, version, deleted, kept, episodes, customer);
    }

    public static AggregateUpdate removal(Source source, String aggregateId, long version) {
        return new AggregateUpdate(source, aggregateId, version, true, List.of(), List.of(), null);
    }
}
