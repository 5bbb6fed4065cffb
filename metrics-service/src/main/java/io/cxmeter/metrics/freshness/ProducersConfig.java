package io.cxmeter.metrics.freshness;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the event producers answer what still waits in their outboxes (freshness). */
@ConfigMapping(prefix = "cxmeter.producers")
public interface ProducersConfig {

    /** survey-service (SURVEY_SERVICE_URL). */
    URI surveyUrl();

    /** ticket-service (TICKET_SERVICE_URL). */
    URI ticketUrl();

    /** How long a producer may take to answer before it is reported unreachable. */
    @WithDefault("PT2S")
    Duration timeout();
}
