package io.cxmeter.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

/** The harness's client reads whole answers of both framings, on one kept-alive connection. */
class BlockingHttpTest {

    private HttpServer server;
    private final String big = "x".repeat(200_000);

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/sized", exchange -> {
            byte[] body = ("sized " + exchange.getRequestHeaders().getFirst("X-Probe")).getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(200, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.createContext("/chunked", exchange -> {
            // Length 0: the JDK server sends the body chunked.
            exchange.sendResponseHeaders(200, 0);
            try (OutputStream out = exchange.getResponseBody()) {
                for (int i = 0; i < big.length(); i += 7_000) {
                    out.write(big.substring(i, Math.min(big.length(), i + 7_000)).getBytes(StandardCharsets.UTF_8));
                    out.flush();
                }
            }
        });
        server.createContext("/missing", exchange -> {
            byte[] body = "{\"status\":404}".getBytes(StandardCharsets.UTF_8);
            exchange.sendResponseHeaders(404, body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI origin() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Test
    void readsSizedAndChunkedAnswersInTurnOnOneConnection() throws IOException {
        try (BlockingHttp http = new BlockingHttp(origin())) {
            for (int i = 0; i < 3; i++) {
                BlockingHttp.Answer sized = http.get("/sized?n=" + i, Map.of("X-Probe", "p" + i));
                assertEquals(200, sized.status());
                assertEquals("sized p" + i, sized.text());

                BlockingHttp.Answer chunked = http.get("/chunked", Map.of());
                assertEquals(200, chunked.status());
                assertEquals(big, chunked.text());

                BlockingHttp.Answer missing = http.get("/missing", Map.of());
                assertEquals(404, missing.status());
                assertEquals("{\"status\":404}", missing.text());
            }
        }
    }

    @Test
    void aClosedConnectionMidAnswerFails() throws IOException {
        server.removeContext("/sized");
        server.createContext("/sized", exchange -> {
            exchange.sendResponseHeaders(200, 100);
            exchange.getResponseBody().write("short".getBytes(StandardCharsets.UTF_8));
            exchange.getResponseBody().flush();
            exchange.close();
        });
        try (BlockingHttp http = new BlockingHttp(origin())) {
            assertThrows(IOException.class, () -> http.get("/sized", Map.of()));
        }
    }
}
