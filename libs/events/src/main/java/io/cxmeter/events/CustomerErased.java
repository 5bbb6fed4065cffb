package io.cxmeter.events;

import com.fasterxml.jackson.annotation.JsonProperty;

/** A customer erased ({@code customer.erased}): everything that names them goes. */
public record CustomerErased(@JsonProperty(required = true) String customerId) implements EventPayload {

    @Override
    public Topic topic() {
        return Topic.CUSTOMER_ERASED;
    }

    @Override
    public String aggregateId() {
        return customerId;
    }
}
