package io.cxmeter.metrics.query;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.Management;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;

/** The replica reports ready once every metric's query path has run (two rounds in tests), not before. */
@QuarkusTest
class WarmUpTest {

    private final String ready = Management.url("/q/health/ready");

    @Test
    void readinessWaitsForEveryMetricToHaveBeenAnsweredOnce() throws InterruptedException {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        JsonPath health;
        do {
            health = given().get(ready).then().extract().jsonPath();
            if ("UP".equals(health.getString("status"))) {
                break;
            }
            Thread.sleep(200);
        } while (Instant.now().isBefore(deadline));
        // "done", not "given up": every metric, alone and grouped as a weekly series, computed and written.
        given().get(ready).then()
                .body("status", equalTo("UP"))
                .body("checks.name", hasItem("query warm-up"))
                .body("checks.find { it.name == 'query warm-up' }.data.state", equalTo("done"));
    }
}
