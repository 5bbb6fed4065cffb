package io.cxmeter.metrics;

import io.cxmeter.testing.InternalTokenContract;
import io.quarkus.test.junit.QuarkusTest;

@QuarkusTest
class InternalTokenTest extends InternalTokenContract {

    @Override
    protected String tenantScopedPath() {
        return "/api/v1/metrics/freshness";
    }
}
