package io.cxmeter.ticket.erasure;

import java.time.Instant;
import java.util.Map;

import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The receipt of a customer's erasure: {@code pending} until every service has erased the customer,
 * then {@code done}. {@code services} says where it stands in each (ticket-service erases at once,
 * in the request; survey-service and metrics-service follow within seconds, or when back from an
 * outage). The customer's id is shown only while the erasure is pending.
 */
@Schema(name = "Erasure", example = "{\"id\":\"5f0c…\",\"customerId\":\"C-17\",\"state\":\"pending\","
        + "\"services\":{\"ticket-service\":\"done\",\"survey-service\":\"done\",\"metrics-service\":\"pending\"},"
        + "\"requestedAt\":\"2026-02-03T08:00:00Z\",\"completedAt\":null}")
public record ErasureView(String id, String customerId, String state, Map<String, String> services, Instant requestedAt,
        @Schema(nullable = true, description = "When the last service was done; null while pending") Instant completedAt) {
}
