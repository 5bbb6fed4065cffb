package io.cxmeter.testing;

import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Follows an import job (docs/api.md, "Imports") the way a client does: reads it until it ends. */
public final class ImportJobs {

    private ImportJobs() {
    }

    /** The job at {@code location} once completed or failed; fails the test after a minute. */
    public static JsonPath awaitEnd(Supplier<RequestSpecification> caller, String location) {
        Instant deadline = Instant.now().plus(Duration.ofSeconds(60));
        while (Instant.now().isBefore(deadline)) {
            JsonPath job = caller.get().get(location).then().statusCode(200).extract().jsonPath();
            String state = job.getString("state");
            if ("completed".equals(state) || "failed".equals(state)) {
                return job;
            }
            try {
                Thread.sleep(100);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new AssertionError(e);
            }
        }
        throw new AssertionError("The import job " + location + " did not end within 60 s");
    }
}
