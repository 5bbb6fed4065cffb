package io.cxmeter.metrics.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.cxmeter.metrics.Migrations;

/**
 * V14 adds the quarter rows of what was applied before it: the sums of the month rows of each local
 * quarter; V15 takes those of survey families away again.
 */
class QuarterMigrationTest {

    @Test
    void quarterRowsAreTheSumsOfTheirMonthRowsInTheTenantsZone() throws Exception {
        Migrations migrations = new Migrations("quarters").migrate("13");
        migrations.run(
                "INSERT INTO tenant_calendar VALUES ('t1', 'Europe/Berlin')",
                // Berlin months start at 23:00Z (winter) or 22:00Z (summer) the day before; Q2 starts 03-31 22:00Z.
                """
                        INSERT INTO rollup (tenant_id, family, dim, grain, bucket, scope, dim_value, c, h1, h2, h3, h4) VALUES
                        ('t1', 'ticket', 'agent', 3, '2026-01-31T23:00:00Z', '', 'A1', '{1,0,0,1,60,0,0,0,0,0,0,0}', '205,1', NULL, NULL, NULL),
                        ('t1', 'ticket', 'agent', 3, '2026-02-28T23:00:00Z', '', 'A1', '{2,1,0,2,90,0,0,0,0,0,0,0}', '100,1,205,1', NULL, '3,1', NULL),
                        ('t1', 'ticket', 'agent', 3, '2026-03-31T22:00:00Z', '', 'A1', '{1,0,0,0,0,0,0,0,0,0,0,0}', NULL, NULL, NULL, '-2147483648,2'),
                        ('t1', 'ticket', 'agent', 2, '2026-02-28T23:00:00Z', '', 'A1', '{2,1,0,2,90,0,0,0,0,0,0,0}', '100,1,205,1', NULL, '3,1', NULL),
                        ('t1', 'nps', '', 3, '2026-02-28T23:00:00Z', 'S1', '', '{3,27}', NULL, NULL, NULL, NULL),
                        ('t1', 'nps', '', 3, '2025-12-31T23:00:00Z', 'S1', '', '{1,9}', NULL, NULL, NULL, NULL)""");
        migrations.migrate("14");

        try (Connection db = migrations.connect();
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery(
                        "SELECT family, bucket, c::text, h1, h3, h4 FROM rollup WHERE grain = 4 ORDER BY family, bucket")) {
            Map<String, String> quarters = new TreeMap<>();
            while (rows.next()) {
                quarters.put(rows.getString(1) + " " + rows.getTimestamp(2).toInstant(),
                        rows.getString(3) + " " + rows.getString(4) + " " + rows.getString(5) + " " + rows.getString(6));
            }
            // By hand: Q1 is January to March (01-31 23:00Z is February 1 in Berlin, 02-28 23:00Z March 1);
            // the day row is not summed again; April is Q2.
            assertEquals(Map.of(
                    "ticket 2025-12-31T23:00:00Z", "{3,1,0,3,150,0,0,0,0,0,0,0} 100,1,205,2 3,1 null",
                    "ticket 2026-03-31T22:00:00Z", "{1,0,0,0,0,0,0,0,0,0,0,0} null null -2147483648,2",
                    "nps 2025-12-31T23:00:00Z", "{4,36} null null null"), quarters);
        }
    }

    @Test
    void surveyFamiliesLoseTheirQuarterRowsAndTicketFamiliesKeepThem() throws Exception {
        Migrations migrations = new Migrations("survey_quarters").migrate("14");
        migrations.run("""
                INSERT INTO rollup (tenant_id, family, dim, grain, bucket, scope, dim_value, c) VALUES
                ('t1', 'nps', '', 4, '2026-01-01T00:00:00Z', 'S1', '', '{1,9}'),
                ('t1', 'nps', 'agent', 4, '2026-01-01T00:00:00Z', 'S1', 'A1', '{1,9}'),
                ('t1', 'nps', 'agent', 3, '2026-01-01T00:00:00Z', 'S1', 'A1', '{1,9}'),
                ('t1', 'csat', 'channel', 4, '2026-01-01T00:00:00Z', 'S2', 'email', '{1}'),
                ('t1', 'ces', '', 4, '2026-01-01T00:00:00Z', 'S3', '', '{1}'),
                ('t1', 'custom', '', 4, '2026-01-01T00:00:00Z', 'S4', '', '{1}'),
                ('t1', 'invitation', '', 4, '2026-01-01T00:00:00Z', 'S1', '', '{1}'),
                ('t1', 'ticket', 'agent', 4, '2026-01-01T00:00:00Z', '', 'A1', '{1}'),
                ('t1', 'ticket_state', '', 4, '2026-01-01T00:00:00Z', '', '', '{1}'),
                ('t1', 'assignment', '', 4, '2026-01-01T00:00:00Z', '', '', '{1}'),
                ('t1', 'review', 'agent', 4, '2026-01-01T00:00:00Z', '', 'A1', '{1}'),
                ('t1', 'customer', '', 4, '2026-01-01T00:00:00Z', '', '', '{1}')""");
        migrations.migrate("latest");

        try (Connection db = migrations.connect();
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT family || ' ' || grain || ' ' || dim FROM rollup ORDER BY 1")) {
            List<String> left = new ArrayList<>();
            while (rows.next()) {
                left.add(rows.getString(1));
            }
            assertEquals(List.of("assignment 4 ", "customer 4 ", "nps 3 agent", "review 4 agent", "ticket 4 agent",
                    "ticket_state 4 "), left);
        }
    }
}
