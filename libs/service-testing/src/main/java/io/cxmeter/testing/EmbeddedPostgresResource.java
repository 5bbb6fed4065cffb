package io.cxmeter.testing;

import java.util.Map;

import io.cxmeter.embeddedpg.EmbeddedPostgresServer;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;

/**
 * Points a service under test at an embedded PostgreSQL. One server serves the whole test JVM
 * (Quarkus restarts between test profiles must not pay for a new server), stopped when the JVM exits.
 */
public class EmbeddedPostgresResource implements QuarkusTestResourceLifecycleManager {

    private static EmbeddedPostgresServer server;

    /** The test JVM's one server, started on first use (tests that need a database of their own create one on it). */
    public static synchronized EmbeddedPostgresServer server() {
        if (server == null) {
            server = EmbeddedPostgresServer.start();
            EmbeddedPostgresServer started = server;
            Runtime.getRuntime().addShutdownHook(new Thread(started::close, "embedded-postgres-stop"));
        }
        return server;
    }

    @Override
    public Map<String, String> start() {
        EmbeddedPostgresServer pg = server();
        String database = pg.createDatabase("app");
        return Map.of(
                "quarkus.datasource.reactive.url", pg.url(database),
                "quarkus.datasource.jdbc.url", pg.jdbcUrl(database),
                "quarkus.datasource.username", pg.username(),
                "quarkus.datasource.password", pg.password());
    }

    @Override
    public void stop() {
        // The server outlives one Quarkus start; the shutdown hook stops it.
    }
}
