package io.cxmeter.metrics.rollup;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;

import io.cxmeter.metrics.facts.Family;
import io.cxmeter.metrics.Migrations;

/** V13 moves the rollups' histograms from one jsonb object into one bin list per layout column. */
class BinListMigrationTest {

    @Test
    void eachHistogramMovesToItsLayoutColumnAsASortedBinList() throws Exception {
        Migrations migrations = new Migrations("bin_lists").migrate("12");
        migrations.run(
                """
                        INSERT INTO rollup (tenant_id, family, dim, grain, bucket, scope, dim_value, c, h) VALUES
                        ('t1', 'ticket', 'agent', 3, '2026-03-01T00:00:00Z', '', 'A1', '{1}',
                         '{"frt": {"12": 3, "-4": 1, "300": 2}, "sl.abandoned": {"-2147483648": 5}, "res": {"40": 1}}'),
                        ('t1', 'ticket', '', 3, '2026-03-01T00:00:00Z', '', '', '{1}', '{"sl.answered": {"2": 7, "10": 1}}'),
                        ('t1', 'ticket', 'channel', 3, '2026-03-01T00:00:00Z', '', 'email', '{1}', NULL),
                        ('t1', 'nps', '', 3, '2026-03-01T00:00:00Z', 'S1', '', '{1,9}', NULL)""");
        migrations.migrate("latest");

        try (Connection db = migrations.connect();
                Statement sql = db.createStatement();
                ResultSet rows = sql.executeQuery("SELECT family, dim, h1, h2, h3, h4, c::text FROM rollup")) {
            Map<String, String> migrated = new TreeMap<>();
            while (rows.next()) {
                migrated.put(rows.getString(1) + "/" + rows.getString(2),
                        rows.getString(3) + " | " + rows.getString(4) + " | " + rows.getString(5) + " | " + rows.getString(6)
                                + " | " + rows.getString(7));
            }
            // By hand from the layout: h1 frt, h2 res, h3 sl.answered, h4 sl.abandoned; bins sorted as numbers.
            assertEquals(Map.of(
                    "ticket/agent", "-4,1,12,3,300,2 | 40,1 | null | -2147483648,5 | {1}",
                    "ticket/", "null | null | 2,7,10,1 | null | {1}",
                    "ticket/channel", "null | null | null | null | {1}",
                    "nps/", "null | null | null | null | {1,9}"), migrated);
        }
        assertEquals("h1", Layout.histogramColumn(Family.TICKET, "frt"));
        assertEquals("h4", Layout.histogramColumn(Family.TICKET, "sl.abandoned"));
    }
}
