package io.cxmeter.gateway.routing;

import java.net.URI;
import java.time.Duration;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;

/** Where the services listen, and how the gateway connects to them. */
@ConfigMapping(prefix = "cxmeter.services")
public interface ServicesConfig {

    URI survey();

    URI ticket();

    URI metrics();

    /** survey-service's management interface (health, Prometheus metrics). */
    URI surveyManagement();

    URI ticketManagement();

    URI metricsManagement();

    @WithDefault("PT2S")
    Duration connectTimeout();

    @WithDefault("200")
    int maxConnectionsPerService();

    /**
     * How long a service may stay silent on a request before the caller gets 504 (it is an idle
     * timeout: a large import that keeps streaming is not cut).
     */
    @WithDefault("PT60S")
    Duration timeout();

    /** Failures in a row (no connection, no answer in time, 502/503/504) that open a service's circuit. */
    @WithDefault("5")
    int breakerFailures();

    /** How long an open circuit answers 503 at once before one trial request goes through. */
    @WithDefault("PT10S")
    Duration breakerOpenFor();
}
