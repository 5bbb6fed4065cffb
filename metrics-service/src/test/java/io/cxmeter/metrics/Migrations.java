package io.cxmeter.metrics;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.flywaydb.core.Flyway;

import io.cxmeter.embeddedpg.EmbeddedPostgresServer;
import io.cxmeter.testing.EmbeddedPostgresResource;

/** A database of its own, built by the service's migrations, for tests that inspect the schema itself. */
public final class Migrations {

    private final EmbeddedPostgresServer pg = EmbeddedPostgresResource.server();
    private final String database;

    public Migrations(String database) {
        this.database = pg.createDatabase(database);
    }

    /** Applies every migration. */
    public Migrations migrate() {
        Flyway.configure().dataSource(pg.jdbcUrl(database), pg.username(), pg.password())
                .locations("classpath:db/migration").load().migrate();
        return this;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(database), pg.username(), pg.password());
    }
}
