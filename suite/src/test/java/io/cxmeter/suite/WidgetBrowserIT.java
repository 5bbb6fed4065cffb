package io.cxmeter.suite;

import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import com.sun.net.httpserver.HttpServer;

import io.restassured.RestAssured;
import io.restassured.path.json.JsonPath;

/**
 * The survey widget in a real browser (Debian's Chromium driven by playwright-core, both installed
 * by {@code src/test/browser/install.sh}), against the whole suite, through the gateway. A tenant's
 * page on another origin, under a strict Content-Security-Policy and with host styles that try to
 * break it, embeds the widget; a visitor answers 9 with the keyboard and adds a comment. The answer
 * must then be readable through the API with the page's locale. Screenshots land in
 * {@code target/browser-artifacts/}.
 */
class WidgetBrowserIT {

    private static final String COMMENT = "Greita ir maloni pagalba, ačiū!";
    private static LocalSuite suite;
    private static BrowserTools browser;

    @BeforeAll
    static void start() throws IOException, InterruptedException {
        browser = BrowserTools.install();
        Path root = Path.of(System.getProperty("cxmeter.repo-root", ".."));
        suite = LocalSuite.start(LocalSuite.Options.onFreePorts(root, browser.build().resolve("widget-it")));
        RestAssured.baseURI = suite.gatewayUrl();
    }

    @AfterAll
    static void stop() {
        if (suite != null) {
            suite.close();
        }
        RestAssured.reset();
    }

    @Test
    void aVisitorAnswersThroughTheWidgetInARealBrowser() throws Exception {
        String key = SuiteApi.registerTenant(suite);
        HttpServer site = pages();
        HttpServer hostile = pages();
        try {
            String origin = "http://localhost:" + site.getAddress().getPort();
            var survey = SuiteApi.as(key).body("{\"name\":\"Help centre NPS\",\"kind\":\"NPS\",\"touchpoint\":\"help-center\","
                    + "\"allowedOrigins\":[\"" + origin + "\"]}")
                    .post("/api/v1/surveys").then().statusCode(201).extract();
            String surveyId = survey.path("id");
            String publicKey = survey.path("publicKey");

            String args = "{\"allowed\":\"" + origin + "/page.html?key=" + publicKey + "&locale=lt-LT\","
                    + "\"browserLanguage\":\"" + origin + "/page.html?key=" + publicKey + "\","
                    + "\"hostile\":\"http://localhost:" + hostile.getAddress().getPort() + "/page.html?key=" + publicKey + "\","
                    + "\"artifacts\":\"" + browser.artifacts() + "\",\"comment\":\"" + COMMENT + "\"}";
            String output = browser.node("widget.mjs", args, browser.artifacts().resolve("widget-run.log"), 3);
            JsonPath seen = JsonPath.from(output.lines().filter(line -> line.startsWith("{")).reduce((a, b) -> b).orElseThrow());

            assertEquals("Kaip tikėtina, kad rekomenduotumėte mus draugui ar kolegai?", seen.getString("question"));
            assertEquals("lt", seen.getString("lang"));
            assertEquals(11, seen.getInt("radios"));
            assertEquals("q", seen.getString("radiogroupName"));
            assertTrue(seen.getBoolean("sendVisible"), "the host page's styles hid the widget's button");
            assertNotEquals("rgb(255, 0, 0)", seen.getString("sendColor"), "the host page's styles reached the widget");
            assertTrue(seen.getBoolean("sendDisabledBeforeChoice"));
            assertEquals("Kokia pagrindinė jūsų įvertinimo priežastis?", seen.getString("followUpQuestion"));
            assertEquals("Ačiū už jūsų atsiliepimą!", seen.getString("thanks"));
            assertEquals("Wie wahrscheinlich ist es, dass Sie uns einem Freund oder Kollegen empfehlen?",
                    seen.getString("browserLanguageQuestion"));
            assertEquals(0, seen.getInt("hostileWidgets"));
            assertTrue(Files.size(browser.artifacts().resolve("widget-thanks.png")) > 0);

            SuiteApi.as(key).get("/api/v1/surveys/" + surveyId + "/responses")
                    .then().statusCode(200)
                    .body("items", hasSize(1))
                    .body("items[0].score", equalTo(9.0f))
                    .body("items[0].comment", equalTo(COMMENT))
                    .body("items[0].locale", equalTo("lt-LT"))
                    .body("items[0].customerId", equalTo("C-42"))
                    .body("items[0].touchpoint", equalTo("help-center"));

            // Each showing of the widget is an invitation of the response rate; the one answered counts as answered.
            JsonPath rate = null;
            for (int attempt = 0; attempt < 100; attempt++) {
                rate = SuiteApi.as(key).get("/api/v1/metrics/response-rate?surveyId=" + surveyId).then().statusCode(200)
                        .extract().jsonPath();
                // The showing and its answer may reach metrics-service in two deliveries.
                if (rate.get("value") != null && Math.abs(rate.getFloat("value") * rate.getInt("count") - 100.0f) < 0.1f) {
                    break;
                }
                Thread.sleep(200);
            }
            int shown = rate.getInt("count");
            assertTrue(shown >= 1, "the showings were reported");
            assertEquals(100.0f / shown, rate.getFloat("value"), 0.01f, "one answer out of " + shown + " showings");
        } finally {
            site.stop(0);
            hostile.stop(0);
        }
    }

    /**
     * A tenant's site: a page with a strict CSP that allows scripts and requests only to the gateway
     * (no inline script or style), a stylesheet that tries to restyle everything, and the embed snippet.
     */
    private static HttpServer pages() throws IOException {
        String gateway = suite.gatewayUrl();
        HttpServer server = HttpServer.create(new InetSocketAddress("localhost", 0), 0);
        server.createContext("/page.html", exchange -> {
            String query = exchange.getRequestURI().getQuery();
            String publicKey = param(query, "key");
            String locale = param(query, "locale");
            String html = "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Tenant site</title>"
                    + "<link rel=\"stylesheet\" href=\"/host.css\"></head><body><h1>Help centre</h1><p>Article text.</p>"
                    + "<script src=\"" + gateway + "/widget/v1/widget.js\" data-survey=\"" + publicKey + "\""
                    + (locale == null ? "" : " data-locale=\"" + locale + "\"") + " data-customer=\"C-42\" async></script>"
                    + "</body></html>";
            exchange.getResponseHeaders().add("Content-Type", "text/html; charset=utf-8");
            exchange.getResponseHeaders().add("Content-Security-Policy", "default-src 'none'; script-src " + gateway
                    + "; connect-src " + gateway + "; style-src 'self'");
            send(exchange, html);
        });
        server.createContext("/host.css", exchange -> {
            exchange.getResponseHeaders().add("Content-Type", "text/css");
            send(exchange, "* { color: rgb(255, 0, 0) !important; font-family: serif !important; }"
                    + " button, input, legend { display: none !important; } div { border: 0 !important; }");
        });
        server.start();
        return server;
    }

    private static void send(com.sun.net.httpserver.HttpExchange exchange, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.sendResponseHeaders(200, bytes.length);
        exchange.getResponseBody().write(bytes);
        exchange.close();
    }

    private static String param(String query, String name) {
        if (query == null) {
            return null;
        }
        for (String pair : query.split("&")) {
            String[] parts = pair.split("=", 2);
            if (parts[0].equals(name) && parts.length == 2) {
                return parts[1];
            }
        }
        return null;
    }
}
