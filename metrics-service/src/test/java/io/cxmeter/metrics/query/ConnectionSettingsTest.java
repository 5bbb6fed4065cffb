package io.cxmeter.metrics.query;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.time.Duration;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.quarkus.test.junit.QuarkusTest;
import io.vertx.mutiny.sqlclient.Pool;

/**
 * Queries read a few thousand rows by index: the pool's connections start without parallel workers or
 * JIT, and run prepared statements with their generic plan instead of planning them on each execution.
 */
@QuarkusTest
class ConnectionSettingsTest {

    @Inject
    Pool pool;

    @Test
    void connectionsRunWithoutParallelWorkersOrJit() {
        assertEquals("0", setting("max_parallel_workers_per_gather"));
        assertEquals("off", setting("jit"));
    }

    @Test
    void preparedStatementsKeepTheirGenericPlan() {
        assertEquals("force_generic_plan", setting("plan_cache_mode"));
    }

    private String setting(String name) {
        return pool.preparedQuery("SELECT current_setting($1) AS value").execute(io.vertx.mutiny.sqlclient.Tuple.of(name))
                .map(rows -> rows.iterator().next().getString("value")).await().atMost(Duration.ofSeconds(10));
    }
}
