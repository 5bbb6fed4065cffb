package io.cxmeter.metrics;

import io.cxmeter.testing.EmbeddedPostgresResource;
import io.cxmeter.testing.EventReceiverResource;
import io.cxmeter.testing.InternalTokenResource;
import io.quarkus.test.common.QuarkusTestResource;

/**
 * Every test of this module runs on an embedded PostgreSQL, trusts the test gateway and producer
 * keys, and has the producers' outbox status played by a stub (nothing waits unless a test says so).
 */
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(InternalTokenResource.class)
@QuarkusTestResource(EventReceiverResource.class)
@QuarkusTestResource(io.cxmeter.metrics.freshness.ProducerStub.class)
public class ServiceTestResources {
}
