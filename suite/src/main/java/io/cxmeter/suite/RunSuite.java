package io.cxmeter.suite;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.concurrent.CountDownLatch;

import io.cxmeter.suite.history.History;
import io.cxmeter.suite.history.HistoryLoader;
import io.vertx.core.json.JsonObject;

/**
 * {@code ./run-suite.sh}: starts everything on the embedded defaults, registers a demo tenant with an
 * admin API key and four months of generated history (so that the console shows full charts at
 * once), prints where to go, and stops every process it started on Ctrl-C.
 */
public final class RunSuite {

    private RunSuite() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        LocalSuite.Options options = new LocalSuite.Options(root, root.resolve(".local-suite"),
                port("GATEWAY_HTTP_PORT", 8080), port("SURVEY_HTTP_PORT", 8081),
                port("TICKET_HTTP_PORT", 8082), port("METRICS_HTTP_PORT", 8083));
        System.out.println("Starting embedded PostgreSQL, survey-, ticket-, metrics-service and the gateway…");
        LocalSuite suite = LocalSuite.start(options);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            System.out.println("\nStopping the suite…");
            suite.close();
            stopped.countDown();
        }, "suite-stop"));

        String demoKey = registerDemoTenant(suite);
        String gateway = suite.gatewayUrl();
        System.out.println("Loading the demo tenant's last four months (tickets, surveys, customers, reviews)…");
        Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
        new HistoryLoader(gateway, demoKey).load(History.generate(20261206L, today.minus(Duration.ofDays(120)),
                today.minus(Duration.ofDays(1)), 200, 2400, 3000, 240));
        System.out.println("""

                cxmeter is running.
                  Console              %1$s/app  (sign in with the demo API key)
                  Gateway              %1$s
                  Swagger UI           %1$s/q/swagger-ui
                  Health               %5$s/q/health
                  Demo tenant          demo (time zone UTC, currency EUR)
                  Demo API key (admin) %2$s
                  Platform admin key   %3$s

                Try it:
                  curl -H 'X-Api-Key: %2$s' %1$s/api/v1/surveys
                  curl -H 'X-Api-Key: %2$s' -H 'Content-Type: application/json' \\
                       -d '{"name":"After-call NPS","kind":"NPS"}' %1$s/api/v1/surveys

                Logs: %4$s/logs. Press Ctrl-C to stop everything.
                """.formatted(gateway, demoKey, suite.platformAdminKey(), options.workDir(), suite.managementUrl("gateway")));
        stopped.await();
    }

    private static String registerDemoTenant(LocalSuite suite) throws IOException, InterruptedException {
        HttpRequest register = HttpRequest.newBuilder(URI.create(suite.gatewayUrl() + "/api/v1/tenants"))
                .header("X-Api-Key", suite.platformAdminKey())
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(
                        "{\"id\":\"demo\",\"name\":\"Demo tenant\",\"timeZone\":\"UTC\",\"currency\":\"EUR\"}"))
                .build();
        HttpResponse<String> answer = HttpClient.newHttpClient().send(register, HttpResponse.BodyHandlers.ofString());
        if (answer.statusCode() != 201) {
            throw new IllegalStateException("Registering the demo tenant failed: " + answer.statusCode() + " " + answer.body());
        }
        return new JsonObject(answer.body()).getJsonObject("adminKey").getString("key");
    }

    private static int port(String variable, int fallback) {
        String value = System.getenv(variable);
        return value == null || value.isBlank() ? fallback : Integer.parseInt(value.strip());
    }
}
