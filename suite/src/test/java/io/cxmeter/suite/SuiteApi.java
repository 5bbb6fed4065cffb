package io.cxmeter.suite;

import static io.restassured.RestAssured.given;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.UUID;

import io.cxmeter.suite.history.HistoryLoader;
import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import io.restassured.path.json.JsonPath;
import io.restassured.specification.RequestSpecification;

/** Calls through the running suite's gateway, as a tenant's backend makes them. */
public final class SuiteApi {

    private SuiteApi() {
    }

    /** Starts the packaged suite on free ports with rate limits out of the way, and points REST Assured at its gateway. */
    static LocalSuite startUnlimited(String workDir) {
        java.nio.file.Path root = java.nio.file.Path.of(System.getProperty("cxmeter.repo-root", ".."));
        java.nio.file.Path work = java.nio.file.Path.of(System.getProperty("cxmeter.suite.work-dir", "target/" + workDir));
        LocalSuite suite = LocalSuite.start(LocalSuite.Options.onFreePorts(root, work).unlimited());
        RestAssured.baseURI = suite.gatewayUrl();
        return suite;
    }

    static void stop(LocalSuite suite) {
        if (suite != null) {
            suite.close();
        }
        RestAssured.reset();
    }

    /** Registers a new tenant with the platform admin key; its admin API key. */
    static String registerTenant(LocalSuite suite) {
        String id = "t-" + UUID.randomUUID().toString().substring(0, 13);
        return given().header("X-Api-Key", suite.platformAdminKey()).contentType(ContentType.JSON)
                .body("{\"id\":\"" + id + "\",\"name\":\"Tenant " + id + "\"}")
                .post("/api/v1/tenants")
                .then().statusCode(201).extract().path("adminKey.key");
    }

    /**
     * Sends an NDJSON import as a tenant would and waits for its end: the answer itself when the file
     * was imported at once, else the job it became, followed until completed; the created/updated counts.
     */
    public static JsonPath importFile(String apiKey, String path, byte[] ndjson) {
        try {
            return JsonPath.from(new HistoryLoader(RestAssured.baseURI, apiKey).importBody(path, ndjson).encode());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static RequestSpecification as(String apiKey) {
        return given().header("X-Api-Key", apiKey).contentType(ContentType.JSON);
    }
}
