package io.cxmeter.events;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * A customer's relationship with the tenant ({@code customer.upserted}): since when, whether and when
 * they churned, whether they were referred, and their purchases, which replace those sent before.
 * The tenant's own attributes of a customer never leave ticket-service.
 */
public record CustomerUpserted(@JsonProperty(required = true) String id, @JsonProperty(required = true) Instant since,
        Instant churnedAt, boolean referred, List<Purchase> purchases) implements EventPayload {

    public record Purchase(BigDecimal amount, Instant at) {
    }

    @Override
    public Topic topic() {
        return Topic.CUSTOMER_UPSERTED;
    }

    @Override
    public String aggregateId() {
        return id;
    }
}
