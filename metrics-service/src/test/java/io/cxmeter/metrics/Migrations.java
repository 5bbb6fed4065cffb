package io.cxmeter.metrics;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.flywaydb.core.Flyway;

import io.cxmeter.embeddedpg.EmbeddedPostgresServer;
import io.cxmeter.testing.EmbeddedPostgresResource;

/** A database of its own for a migration test: migrated up to a version, filled as it was then, migrated on. */
public final class Migrations {

    private final EmbeddedPostgresServer pg = EmbeddedPostgresResource.server();
    private final String database;

    public Migrations(String database) {
        this.database = pg.createDatabase(database);
    }

    /** Applies the migrations up to {@code target} (a version, or "latest"). */
    public Migrations migrate(String target) {
        Flyway.configure().dataSource(pg.jdbcUrl(database), pg.username(), pg.password())
                .locations("classpath:db/migration").target(target).load().migrate();
        return this;
    }

    /** Runs the statements in order, on the schema as migrated so far (to fill it as it was then). */
    public Migrations run(String... statements) throws SQLException {
        try (Connection db = connect();
                Statement sql = db.createStatement()) {
            for (String statement : statements) {
                sql.execute(statement);
            }
        }
        return this;
    }

    public Connection connect() throws SQLException {
        return DriverManager.getConnection(pg.jdbcUrl(database), pg.username(), pg.password());
    }
}
