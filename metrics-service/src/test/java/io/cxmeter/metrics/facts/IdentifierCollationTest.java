package io.cxmeter.metrics.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.cxmeter.metrics.Migrations;

/**
 * Every text column of the schema is an identifier compared as bytes, whatever the database's
 * default collation, except the few that are values: histogram lists and a time-zone name. A table or
 * column a later migration adds without {@code COLLATE "C"} fails here, so the rule holds.
 */
class IdentifierCollationTest {

    private static final List<String> VALUES = List.of("alert_rule.last_error", "alert_rule.name", "alert_rule.zone", "rollup.h1",
            "rollup.h2", "rollup.h3", "rollup.h4", "rollup.h5", "rollup.h6", "tenant_calendar.zone");

    @Test
    void everyTextColumnButTheValuesComparesAsBytes() throws Exception {
        Migrations migrations = new Migrations("identifier_collation").migrate();
        List<String> linguistic = new ArrayList<>();
        int bytewise = 0;
        try (Connection db = migrations.connect();
                Statement sql = db.createStatement();
                ResultSet columns = sql.executeQuery("""
                        SELECT table_name || '.' || column_name AS name, collation_name
                        FROM information_schema.columns
                        WHERE table_schema = 'public' AND data_type = 'text' AND table_name <> 'flyway_schema_history'
                        ORDER BY 1""")) {
            while (columns.next()) {
                if ("C".equals(columns.getString("collation_name"))) {
                    bytewise++;
                } else {
                    linguistic.add(columns.getString("name"));
                }
            }
        }
        assertEquals(VALUES, linguistic);
        // The identifiers: received_event 3, received_counter 1, aggregate_version 3, contribution 12,
        // rollup 5, ticket_episode 7, customer_fact 2, tenant_calendar 1, alert_rule 6, alert_state 2, alert_event 3.
        assertEquals(45, bytewise);
    }
}
