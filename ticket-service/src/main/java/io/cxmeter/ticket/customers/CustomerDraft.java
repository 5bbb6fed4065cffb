package io.cxmeter.ticket.customers;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * A customer as given: since when, churned when, acquired by referral, purchases (null in
 * listings, which leave them out), free attributes.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record CustomerDraft(String id, Instant since, Instant churnedAt, boolean referred, List<Purchase> purchases,
        Map<String, Object> attributes) {

    public CustomerDraft {
        purchases = purchases == null ? null : List.copyOf(purchases);
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
    }

    /** A purchase in the tenant's currency. */
    public record Purchase(BigDecimal amount, Instant at) {
    }
}
