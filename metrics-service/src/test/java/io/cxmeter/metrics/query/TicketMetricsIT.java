package io.cxmeter.metrics.query;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (the jar, or the native executable when built with -Dnative). */
@QuarkusIntegrationTest
class TicketMetricsIT extends TicketMetricsTest {
}
