package io.cxmeter.suite;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.matchesPattern;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import io.restassured.RestAssured;
import io.restassured.http.ContentType;
import redis.embedded.RedisServer;

/**
 * Two gateway replicas in front of the real suite, sharing their rate-limit buckets through one
 * Redis (a real server from the embedded-redis test jar), as Kubernetes runs them.
 */
class GatewayReplicasIT {

    private static final int LIMIT = 6;
    private static RedisServer redis;
    private static LocalSuite suite;
    private static String replicaA;
    private static String replicaB;

    @BeforeAll
    static void start() throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        redis = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"").setting("appendonly no").build();
        redis.start();
        Path build = Path.of(System.getProperty("cxmeter.suite.work-dir", "target/suite-it")).toAbsolutePath().getParent();
        Path root = Path.of(System.getProperty("cxmeter.repo-root", ".."));
        suite = LocalSuite.start(LocalSuite.Options.onFreePorts(root, build.resolve("replicas-it")).withGatewayEnv(Map.of(
                "GATEWAY_REDIS_URL", "redis://127.0.0.1:" + port, "GATEWAY_RATE_LIMIT_API", Integer.toString(LIMIT))));
        replicaA = suite.gatewayUrl();
        replicaB = suite.startGatewayReplica();
        RestAssured.baseURI = replicaA;
    }

    @AfterAll
    static void stop() throws IOException {
        if (suite != null) {
            suite.close();
        }
        if (redis != null) {
            redis.stop();
        }
        RestAssured.reset();
    }

    @Test
    void aBurstPastTheLimitIsRefusedByEveryReplica() {
        String key = SuiteApi.registerTenant(suite);
        List<Integer> statuses = new ArrayList<>();
        for (int i = 0; i < LIMIT + 2; i++) {
            statuses.add(given().baseUri(i % 2 == 0 ? replicaA : replicaB).header("X-Api-Key", key)
                    .get("/api/v1/agents").then().extract().statusCode());
        }
        // One bucket for the key, whichever replica a request reaches.
        assertEquals(List.of(200, 200, 200, 200, 200, 200, 429, 429), statuses);
        given().baseUri(replicaB).header("X-Api-Key", key).get("/api/v1/agents")
                .then().statusCode(429)
                .header("Retry-After", matchesPattern("[1-9][0-9]*"))
                .header("RateLimit-Remaining", "0");
    }

    /**
     * Replica B verified the key and keeps it in memory; the revocation reaches it as the database's
     * notice of the change (the schema's trigger), which arrives within milliseconds of the commit, not before the
     * DELETE's answer: B is asked again until it refuses, for at most 2 s.
     */
    @Test
    void aKeyRevokedThroughOneReplicaStopsWorkingOnTheOther() throws InterruptedException {
        String admin = SuiteApi.registerTenant(suite);
        var issued = given().baseUri(replicaA).header("X-Api-Key", admin).contentType(ContentType.JSON)
                .body("{\"name\":\"ci\",\"scopes\":[\"read\"]}").post("/api/v1/api-keys")
                .then().statusCode(201).extract();
        String key = issued.path("key");
        given().baseUri(replicaB).header("X-Api-Key", key).get("/api/v1/agents").then().statusCode(200);

        given().baseUri(replicaA).header("X-Api-Key", admin).delete("/api/v1/api-keys/" + issued.path("id"))
                .then().statusCode(org.hamcrest.Matchers.anyOf(org.hamcrest.Matchers.is(200), org.hamcrest.Matchers.is(204)));
        int status = 200;
        for (int i = 0; i < 40 && status != 401; i++) {
            if (i > 0) {
                Thread.sleep(50);
            }
            status = given().baseUri(replicaB).header("X-Api-Key", key).get("/api/v1/agents").then().extract().statusCode();
        }
        assertEquals(401, status);
    }
}
