package io.cxmeter.suite.heldout;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

import io.cxmeter.embeddedpg.EmbeddedPostgresServer;

/**
 * Reads a service's database as an auditor would, bypassing every API: where does a value still
 * appear? Every text, JSON and array column of every table is searched for the value as a whole id
 * (bounded by characters ids cannot hold), so C-1 does not match C-12.
 */
final class RawTables {

    private static final String COLUMNS = """
            SELECT c.table_name, c.column_name FROM information_schema.columns c
            JOIN information_schema.tables t ON t.table_schema = c.table_schema AND t.table_name = c.table_name
            WHERE c.table_schema = 'public' AND t.table_type = 'BASE TABLE'
              AND c.table_name NOT LIKE 'flyway_%'
              AND (c.data_type IN ('text', 'character varying', 'json', 'jsonb', 'ARRAY'))
            ORDER BY 1, 2""";

    private RawTables() {
    }

    /** Each {@code table.column} of {@code database} that still holds {@code id}, with how many rows. */
    static List<String> whereFound(EmbeddedPostgresServer postgres, String database, String id) throws SQLException {
        String pattern = "(^|[^A-Za-z0-9._:@+=~-])" + id.replaceAll("([.+=~\\-])", "\\\\$1") + "([^A-Za-z0-9._:@+=~-]|$)";
        List<String> found = new ArrayList<>();
        try (Connection db = DriverManager.getConnection(postgres.jdbcUrl(database), postgres.username(), postgres.password());
                PreparedStatement columns = db.prepareStatement(COLUMNS);
                ResultSet names = columns.executeQuery()) {
            while (names.next()) {
                String table = names.getString(1);
                String column = names.getString(2);
                try (PreparedStatement search = db.prepareStatement(
                        "SELECT count(*) FROM \"" + table + "\" WHERE \"" + column + "\"::text ~ ?")) {
                    search.setString(1, pattern);
                    try (ResultSet count = search.executeQuery()) {
                        count.next();
                        if (count.getLong(1) > 0) {
                            found.add(database + "." + table + "." + column + " (" + count.getLong(1) + " rows)");
                        }
                    }
                }
            }
        }
        return found;
    }
}
