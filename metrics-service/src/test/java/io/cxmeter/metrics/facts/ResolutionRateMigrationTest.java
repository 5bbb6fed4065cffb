package io.cxmeter.metrics.facts;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.time.ZoneId;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.cxmeter.metrics.Migrations;
import io.cxmeter.metrics.rollup.Delta;
import io.cxmeter.metrics.rollup.Grain;
import io.cxmeter.metrics.rollup.RollupKey;
import io.cxmeter.metrics.rollup.Rollups;
import io.cxmeter.metrics.rollup.State;

/**
 * V7 rolls up the assignments that were applied before it, in SQL: its rows must be exactly those the
 * ingestion would have written (rollup/Rollups.java), tenant-local days and months included (and the
 * quarters V14 sums from those months).
 */
class ResolutionRateMigrationTest {

    private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");

    @Test
    void assignmentsAppliedBeforeV7GetTheRollupsTheIngestionWouldHaveWritten() throws Exception {
        Migrations migrations = new Migrations("migration").migrate("6");
        migrations.run(
                // As V6 left them: assignments with one counter, episodes without their assignment.
                "INSERT INTO tenant_calendar VALUES ('t1', 'Europe/Berlin')",
                // T1: assigned 03-02 23:30Z (03-03 00:30 in Berlin: the local day starts 03-02 23:00Z), resolved for good.
                // T2: assigned 03-31 22:30Z (04-01 00:30 summer time: April starts 03-31 22:00Z), resolved and reopened.
                // T3: assigned in the same UTC hour as T1, never resolved.
                """
                        INSERT INTO contribution (tenant_id, source, aggregate_id, family, scope, at, channel, team, agent, c) VALUES
                        ('t1', 'ticket', 'T1', 'assignment', '', '2026-03-02T23:30:00Z', 'email', NULL, 'A1', '{1}'),
                        ('t1', 'ticket', 'T2', 'assignment', '', '2026-03-31T22:30:00Z', 'chat', 'tier-2', 'A2', '{1}'),
                        ('t1', 'ticket', 'T3', 'assignment', '', '2026-03-02T23:45:00Z', 'email', 'tier-1', NULL, '{1}'),
                        ('t1', 'ticket', 'T1', 'ticket', '', '2026-03-02T23:00:00Z', 'email', NULL, NULL,
                         '{1,0,0,0,0,0,0,0,0,0,0,0}')""",
                """
                        INSERT INTO ticket_episode (tenant_id, ticket_id, resolved_at, reopened_at, seconds, channel, team, agent) VALUES
                        ('t1', 'T1', '2026-03-03T10:00:00Z', NULL, 3600, 'email', NULL, 'A1'),
                        ('t1', 'T2', '2026-04-02T10:00:00Z', '2026-04-03T10:00:00Z', 60, 'chat', 'tier-2', 'A2')""");
        migrations.migrate("latest");

        try (Connection db = migrations.connect();
                Statement sql = db.createStatement()) {
            Map<String, String> counters = new TreeMap<>();
            try (ResultSet rows = sql.executeQuery(
                    "SELECT aggregate_id, c::text FROM contribution WHERE family = 'assignment'")) {
                while (rows.next()) {
                    counters.put(rows.getString(1), rows.getString(2));
                }
            }
            assertEquals(Map.of("T1", "{1,1}", "T2", "{1,0}", "T3", "{1,0}"), counters);

            Map<String, String> spans = new TreeMap<>();
            try (ResultSet rows = sql.executeQuery(
                    "SELECT ticket_id, assignee, rate_span::text FROM ticket_episode")) {
                while (rows.next()) {
                    spans.put(rows.getString(1), rows.getString(2) + " " + rows.getString(3));
                }
            }
            // T1 was assigned and not yet resolved in (A, resolvedAt]; T2 resolved but to be reopened in (resolvedAt, reopenedAt].
            assertEquals("A1 (\"2026-03-02 23:30:00+00\",\"2026-03-03 10:00:00+00\"]", spans.get("T1"));
            assertEquals("A2 (\"2026-04-02 10:00:00+00\",\"2026-04-03 10:00:00+00\"]", spans.get("T2"));

            Map<String, String> migrated = new TreeMap<>();
            try (ResultSet rows = sql.executeQuery("""
                    SELECT dim, grain, bucket, dim_value, c, concat(h1, h2, h3, h4) AS h FROM rollup WHERE tenant_id = 't1' AND family = 'assignment'""")) {
                while (rows.next()) {
                    Double[] c = (Double[]) rows.getArray("c").getArray();
                    assertEquals("", rows.getString("h"));
                    migrated.put(key(rows.getString("dim"), rows.getShort("grain"), rows.getTimestamp("bucket").toInstant(),
                            rows.getString("dim_value")), c[0] + "," + c[1]);
                }
            }
            assertEquals(ingested(), migrated);
            // By hand: T1 and T3 share the Berlin day starting 03-02 23:00Z, T2 is in April (from 03-31 22:00Z).
            assertEquals("2.0,1.0", migrated.get(key("", Grain.DAY.code(), Instant.parse("2026-03-02T23:00:00Z"), "")));
            assertEquals("1.0,0.0", migrated.get(key("agent", Grain.MONTH.code(), Instant.parse("2026-03-31T22:00:00Z"), "A2")));
            assertEquals("2.0,1.0", migrated.get(key("", Grain.MONTH.code(), Instant.parse("2026-02-28T23:00:00Z"), "")));
            assertNull(migrated.get(key("agent", Grain.HOUR.code(), Instant.parse("2026-03-02T23:00:00Z"), "A1")));
        }
    }

    /** The rows the ingestion writes for the same three assignments. */
    private static Map<String, String> ingested() {
        Map<RollupKey, Delta> deltas = new HashMap<>();
        add(deltas, "2026-03-02T23:30:00Z", "email", null, "A1", 1);
        add(deltas, "2026-03-31T22:30:00Z", "chat", "tier-2", "A2", 0);
        add(deltas, "2026-03-02T23:45:00Z", "email", "tier-1", null, 0);
        Map<String, String> rows = new TreeMap<>();
        deltas.forEach((k, delta) -> {
            Double[] c = new Double[2];
            delta.countersInto(c, 0);
            rows.put(key(k.dim(), k.grain().code(), k.bucket(), k.dimValue()), c[0] + "," + c[1]);
        });
        return rows;
    }

    private static void add(Map<RollupKey, Delta> deltas, String at, String channel, String team, String agent, int resolved) {
        Contribution c = new Contribution(Family.ASSIGNMENT, "", Instant.parse(at), channel, team, agent, null, null, null,
                new State().add("assigned", 1).add("resolved", resolved));
        Rollups.add(deltas, c, 1, BERLIN, Rollups.GRAINS);
    }

    private static String key(String dim, short grain, Instant bucket, String value) {
        return dim + "|" + grain + "|" + bucket + "|" + value;
    }
}
