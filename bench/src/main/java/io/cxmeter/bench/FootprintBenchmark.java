package io.cxmeter.bench;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import io.cxmeter.suite.LocalSuite;
import io.cxmeter.suite.history.History;
import io.cxmeter.suite.history.HistoryLoader;

/**
 * Measures each application's footprint on the JVM, as the suite runs them ({@code -Xmx384m
 * -Xms32m -XX:+UseSerialGC}): the whole suite's start, then each application started again alone (the
 * others idle) until it is live (its HTTP server answers) and until it is ready (metrics-service runs its
 * query warm-up in between), its resident memory idle 10 s later, and its peak resident memory
 * while the demo history (four months: tickets, responses, customers, reviews) is loaded through
 * the gateway and applied. It asserts nothing. Usage (after {@code ./mvnw -DskipTests package}):
 * {@code java -cp "suite/target/classes:suite/target/lib/*" io.cxmeter.bench.FootprintBenchmark}
 */
public final class FootprintBenchmark {

    private static final List<String> APPLICATIONS = List.of("gateway", "survey-service", "ticket-service", "metrics-service");
    private static final Duration SETTLE = Duration.ofSeconds(10);

    private FootprintBenchmark() {
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of("").toAbsolutePath();
        Instant launched = Instant.now();
        try (LocalSuite suite = LocalSuite.start(LocalSuite.Options.onFreePorts(root, root.resolve("suite/target/bench")).unlimited())) {
            double suiteStart = seconds(launched);
            Thread.sleep(SETTLE.toMillis());
            Map<String, Double> readyAlone = new LinkedHashMap<>();
            Map<String, Double> liveAlone = new LinkedHashMap<>();
            Map<String, Long> idle = new LinkedHashMap<>();
            // Each check on a thread of its own, whatever the common pool's size on a small machine.
            ExecutorService polls = Executors.newFixedThreadPool(2);
            for (String application : APPLICATIONS) {
                suite.kill(application);
                Instant start = Instant.now();
                // Both checks polled alike (every 20 ms), so that live and ready compare; the suite's own wait is coarser.
                String health = suite.managementUrl(application) + "/q/health/";
                CompletableFuture<Double> live = CompletableFuture.supplyAsync(() -> secondsUntilUp(health + "live", start), polls);
                CompletableFuture<Double> ready = CompletableFuture.supplyAsync(() -> secondsUntilUp(health + "ready", start), polls);
                suite.start(application);
                liveAlone.put(application, live.join());
                readyAlone.put(application, ready.join());
                Thread.sleep(SETTLE.toMillis());
                idle.put(application, ImportBenchmark.statusKb(suite.process(application), "VmRSS:"));
            }
            polls.shutdown();

            String key = ImportBenchmark.registerTenant(HttpClient.newHttpClient(), suite);
            Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
            Instant loading = Instant.now();
            new HistoryLoader(suite.gatewayUrl(), key).load(History.generate(20261206L, today.minus(Duration.ofDays(120)),
                    today.minus(Duration.ofDays(1)), 200, 2400, 3000, 240));
            double loaded = seconds(loading);

            System.out.printf("%nThe whole suite (embedded PostgreSQL, three services, gateway) ready in %.1f s;"
                    + " the demo history loaded and applied in %.1f s%n", suiteStart, loaded);
            System.out.printf("%-16s %12s %13s %14s %18s%n", "application", "alone: live s", "ready s", "idle RSS MB",
                    "loaded peak RSS MB");
            for (String application : APPLICATIONS) {
                System.out.printf("%-16s %12.2f %13.2f %14d %18d%n", application, liveAlone.get(application), readyAlone.get(application),
                        idle.get(application) / 1024, ImportBenchmark.peakRssKb(suite.process(application)) / 1024);
            }
        }
    }

    /** Seconds from {@code start} until {@code check} answers 200 (polled every 20 ms, for at most 2 minutes); NaN if never. */
    private static double secondsUntilUp(String check, Instant start) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofMillis(200)).build();
        HttpRequest request = HttpRequest.newBuilder(URI.create(check)).timeout(Duration.ofSeconds(1)).build();
        Instant deadline = start.plus(Duration.ofMinutes(2));
        try {
            while (Instant.now().isBefore(deadline)) {
                try {
                    if (http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                        return seconds(start);
                    }
                } catch (IOException e) {
                    // not listening yet
                }
                Thread.sleep(20);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Double.NaN;
    }

    private static double seconds(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }
}
