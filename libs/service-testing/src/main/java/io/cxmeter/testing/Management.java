package io.cxmeter.testing;

import org.eclipse.microprofile.config.ConfigProvider;

/** The management interface of the application under test: health checks and Prometheus metrics. */
public final class Management {

    private Management() {
    }

    /** {@code path} (such as {@code /q/health/ready}) on the management port the tests use. */
    public static String url(String path) {
        int port = ConfigProvider.getConfig().getValue("quarkus.management.test-port", Integer.class);
        return "http://localhost:" + port + path;
    }
}
