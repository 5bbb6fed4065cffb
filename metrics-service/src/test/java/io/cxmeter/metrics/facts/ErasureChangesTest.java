package io.cxmeter.metrics.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.cxmeter.events.CustomerUpserted;
import io.cxmeter.events.EngagementRecorded;
import io.cxmeter.events.ResponseUpserted;

/** What an erasure does to the changes of its own batch that came before it (no database). */
class ErasureChangesTest {

    private static final Instant AT = Instant.parse("2026-03-02T09:00:00Z");

    private static AggregateUpdate response(String id, String customerId) {
        return SurveyContributions.of(new ResponseUpserted(id, "S1", "NPS", 0, 10, null, 9.0, AT, "email",
                "support", "A1", null, customerId, "en"), 1);
    }

    /** Each contribution as family:customer ("-" for none). */
    private static List<String> facts(AggregateUpdate update) {
        return update.contributions().stream()
                .map(c -> c.family().wire() + ":" + (c.customerId() == null ? "-" : c.customerId())).toList();
    }

    @Test
    void aResponseKeepsItsScoreWithoutTheCustomerAndLosesTheInteraction() {
        AggregateUpdate forgotten = response("R1", "C1").forgetting("C1");
        assertEquals(List.of("nps:-"), facts(forgotten));
        assertEquals(1, forgotten.version());
    }

    @Test
    void anotherCustomersFactsAreTheSameUpdate() {
        AggregateUpdate other = response("R2", "C2");
        assertSame(other, other.forgetting("C1"));
    }

    @Test
    void theCustomersOwnUpdateIsLeftToItsVersion() {
        // Its purchases stay linked: if this upsert is newer than the erasure, the customer is back with them.
        AggregateUpdate customer = CustomerContributions.of(new CustomerUpserted("C1", AT, null, false,
                List.of(new CustomerUpserted.Purchase(BigDecimal.TEN, AT))), 5);
        assertSame(customer, customer.forgetting("C1"));
    }

    @Test
    void theCollectorDropsEarlierEngagementAndForgetsEarlierFactsOnly() {
        FactStore.Changes.Collector changes = new FactStore.Changes.Collector();
        changes.update(CustomerContributions.of(new EngagementRecorded("C1", "visit", AT)));
        changes.update(response("R1", "C1"));
        changes.update(response("R2", "C2"));
        AggregateUpdate removal = AggregateUpdate.removal(AggregateUpdate.Source.CUSTOMER, "C1", 7);
        changes.erase("C1", removal);
        changes.update(CustomerContributions.of(new EngagementRecorded("C1", "login", AT.plusSeconds(60))));

        FactStore.Changes out = changes.changes();
        assertEquals(List.of("C1"), out.erasedCustomers());
        assertEquals(List.of(List.of("nps:-"), List.of("nps:C2", "interaction:C2"), List.of(), List.of("interaction:C1")),
                out.updates().stream().map(ErasureChangesTest::facts).toList());
        assertSame(removal, out.updates().get(2));
    }
}
