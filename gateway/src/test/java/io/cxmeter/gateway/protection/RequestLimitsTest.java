package io.cxmeter.gateway.protection;

import static io.cxmeter.gateway.Fixtures.newTenantId;
import static io.cxmeter.gateway.Fixtures.registerTenant;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URL;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;

import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;

/** Limits on what a request may carry, checked with raw HTTP: a client can claim any size. */
@QuarkusTest
class RequestLimitsTest {

    @TestHTTPResource("/")
    URL gateway;

    private String exchange(String head) throws IOException {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write("{\"id\":\"T-1\"}\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            java.io.ByteArrayOutputStream answer = new java.io.ByteArrayOutputStream();
            byte[] buffer = new byte[4096];
            try {
                for (int read = in.read(buffer); read > 0; read = in.read(buffer)) {
                    answer.write(buffer, 0, read);
                }
            } catch (java.net.SocketTimeoutException e) {
                // the answer is complete; the server keeps the connection waiting for the announced body
            }
            return answer.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aBodyAnnouncedOverTheLimitIs413ProblemAtOnce() throws IOException {
        String key = registerTenant(newTenantId());
        String answer = exchange("POST /api/v1/tickets/import HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + key
                + "\r\nContent-Type: application/x-ndjson\r\nContent-Length: 268435457\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
        assertTrue(answer.contains("application/problem+json"), answer);
        assertTrue(answer.contains("at most 268435456"), answer);
    }

    @Test
    void headersOverTheLimitAreRefused() throws IOException {
        String answer = exchange("GET /api/v1/agents HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(40_000)
                + "\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 431") || answer.startsWith("HTTP/1.1 413"), answer);
    }
}
