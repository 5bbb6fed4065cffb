package io.cxmeter.survey;

import io.cxmeter.testing.EmbeddedPostgresResource;
import io.cxmeter.testing.EventReceiverResource;
import io.cxmeter.testing.InternalTokenResource;
import io.quarkus.test.common.QuarkusTestResource;

/** Every test of this module runs on an embedded PostgreSQL and trusts the test gateway key. */
@QuarkusTestResource(EmbeddedPostgresResource.class)
@QuarkusTestResource(InternalTokenResource.class)
@QuarkusTestResource(EventReceiverResource.class)
public class ServiceTestResources {
}
