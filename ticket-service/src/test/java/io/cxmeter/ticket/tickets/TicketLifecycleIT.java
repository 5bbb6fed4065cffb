package io.cxmeter.ticket.tickets;

import io.quarkus.test.junit.QuarkusIntegrationTest;

/** The same tests against the packaged application (the jar, or the native executable when built with -Dnative). */
@QuarkusIntegrationTest
class TicketLifecycleIT extends TicketLifecycleTest {
}
