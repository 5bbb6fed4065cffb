package io.cxmeter.ticket.tickets;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import jakarta.inject.Inject;

import org.junit.jupiter.api.Test;

import io.cxmeter.testing.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.Tuple;

/** The size limits of imports, with limits small enough to test: 413 problems, nothing stored. */
@QuarkusTest
@TestProfile(ImportLimitsTest.SmallLimits.class)
class ImportLimitsTest {

    public static class SmallLimits implements QuarkusTestProfile {
        @Override
        public Map<String, String> getConfigOverrides() {
            return Map.of("cxmeter.imports.max-size", "64K", "cxmeter.imports.inline-limit", "8K");
        }
    }

    @Inject
    Pool pool;

    @TestHTTPResource("/api/v1/tickets/import")
    URL importUrl;

    private final String tenant = "tenant-" + UUID.randomUUID();

    private long stored() {
        return pool.preparedQuery("SELECT count(*) FROM ticket WHERE tenant_id = $1").execute(Tuple.of(tenant))
                .await().indefinitely().iterator().next().getLong(0);
    }

    @Test
    void aFileOverTheLimitSentInChunksIsRefusedWith413() {
        byte[] file = ImportJobTest.tickets(400).getBytes(StandardCharsets.UTF_8);
        given().auth().oauth2(TestTokens.forTenant(tenant)).contentType("application/x-ndjson")
                .body(new ByteArrayInputStream(file))
                .post("/api/v1/tickets/import").then().statusCode(413)
                .contentType("application/problem+json")
                .body("detail", containsString("at most 65536 are accepted"));
        assertEquals(0, stored());
    }

    @Test
    void aFileAnnouncedOverTheLimitIsRefusedBeforeItsBodyIsSent() throws IOException {
        // Only the head is sent: the answer must come without waiting for the 10 MB announced.
        try (Socket socket = new Socket(importUrl.getHost(), importUrl.getPort())) {
            socket.setSoTimeout(10_000);
            OutputStream out = socket.getOutputStream();
            out.write(("POST " + importUrl.getPath() + " HTTP/1.1\r\nHost: localhost\r\n"
                    + "Authorization: Bearer " + TestTokens.forTenant(tenant) + "\r\n"
                    + "Content-Type: application/x-ndjson\r\nContent-Length: 10485760\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            out.flush();
            String head = new String(socket.getInputStream().readNBytes(12), StandardCharsets.US_ASCII);
            assertEquals("HTTP/1.1 413", head);
        }
        assertEquals(0, stored());
    }

    @Test
    void aFileBetweenTheInlineLimitAndTheMaximumBecomesAJob() {
        byte[] file = ImportJobTest.tickets(60).getBytes(StandardCharsets.UTF_8);
        given().auth().oauth2(TestTokens.forTenant(tenant)).contentType("application/x-ndjson").body(file)
                .post("/api/v1/tickets/import").then().statusCode(202)
                .body("bytes", equalTo(file.length));
    }
}
