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
        return exchange(head, "{\"id\":\"T-1\"}\n");
    }

    private String exchange(String head, String body) throws IOException {
        try (Socket socket = new Socket(gateway.getHost(), gateway.getPort())) {
            socket.setSoTimeout(3_000);
            OutputStream out = socket.getOutputStream();
            out.write(head.getBytes(StandardCharsets.ISO_8859_1));
            out.write(body.getBytes(StandardCharsets.UTF_8));
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
    void publicPathsTakeWhatAnAnswerNeedsAndMustAnnounceIt() throws IOException {
        String big = exchange("POST /public/v1/surveys/pk-1/responses HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nContent-Length: 16000000\r\n\r\n");
        assertTrue(big.startsWith("HTTP/1.1 413"), big);
        assertTrue(big.contains("application/problem+json"), big);
        String comment = exchange("POST /r/token-1/comment HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/x-www-form-urlencoded\r\nContent-Length: 70000\r\n\r\n");
        assertTrue(comment.startsWith("HTTP/1.1 413"), comment);
        String chunked = exchange("POST /public/v1/surveys/pk-1/responses HTTP/1.1\r\nHost: localhost\r\n"
                + "Content-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n", "b\r\n{\"score\":9}\r\n0\r\n\r\n");
        assertTrue(chunked.startsWith("HTTP/1.1 411"), chunked);
        assertTrue(chunked.contains("application/problem+json"), chunked);
    }

    @Test
    void aNulCharacterInThePathOrQueryIsABadRequestNamingIt() throws IOException {
        String key = registerTenant(newTenantId());
        String query = exchange("GET /api/v1/agents?cursor=a%00b HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + key + "\r\n\r\n");
        assertTrue(query.startsWith("HTTP/1.1 400"), query);
        assertTrue(query.contains("\"field\":\"cursor\""), query);
        String path = exchange("GET /api/v1/agents/A%001 HTTP/1.1\r\nHost: localhost\r\nX-Api-Key: " + key + "\r\n\r\n");
        assertTrue(path.startsWith("HTTP/1.1 400"), path);
    }

    @Test
    void aLongUriAndAMalformedHostAreProblemsToo() throws IOException {
        String longUri = exchange("GET /api/v1/agents?x=" + "a".repeat(9000) + " HTTP/1.1\r\nHost: localhost\r\n\r\n", "");
        assertTrue(longUri.startsWith("HTTP/1.1 414"), longUri);
        assertTrue(longUri.contains("application/problem+json"), longUri);
        assertTrue(longUri.contains("X-Content-Type-Options"), longUri);
        String host = exchange("GET /api/v1/agents HTTP/1.1\r\nHost: a b[c\r\n\r\n", "");
        assertTrue(host.startsWith("HTTP/1.1 400"), host);
        assertTrue(host.contains("application/problem+json"), host);
    }

    @Test
    void headersOverTheLimitAreRefused() throws IOException {
        String answer = exchange("GET /api/v1/agents HTTP/1.1\r\nHost: localhost\r\nX-Padding: " + "a".repeat(40_000)
                + "\r\n\r\n");
        assertTrue(answer.startsWith("HTTP/1.1 431") || answer.startsWith("HTTP/1.1 413"), answer);
    }
}
