package io.cxmeter.bench;

import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.cxmeter.suite.LocalSuite;
import io.cxmeter.suite.history.History;
import io.cxmeter.suite.history.HistoryLoader;

/**
 * Measures each application's footprint on the JVM, as the suite runs them ({@code -Xmx384m
 * -Xms32m -XX:+UseSerialGC}): the whole suite's start, then each application started again alone (the
 * others idle) until ready, its resident memory idle 10 s later, and its peak resident memory
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
            Map<String, Double> startAlone = new LinkedHashMap<>();
            Map<String, Long> idle = new LinkedHashMap<>();
            for (String application : APPLICATIONS) {
                suite.kill(application);
                Instant start = Instant.now();
                suite.start(application);
                startAlone.put(application, seconds(start));
                Thread.sleep(SETTLE.toMillis());
                idle.put(application, ImportBenchmark.statusKb(suite.process(application), "VmRSS:"));
            }

            String key = ImportBenchmark.registerTenant(HttpClient.newHttpClient(), suite);
            Instant today = Instant.now().truncatedTo(ChronoUnit.DAYS);
            Instant loading = Instant.now();
            new HistoryLoader(suite.gatewayUrl(), key).load(History.generate(20261206L, today.minus(Duration.ofDays(120)),
                    today.minus(Duration.ofDays(1)), 200, 2400, 3000, 240));
            double loaded = seconds(loading);

            System.out.printf("%nThe whole suite (embedded PostgreSQL, three services, gateway) ready in %.1f s;"
                    + " the demo history loaded and applied in %.1f s%n", suiteStart, loaded);
            System.out.printf("%-16s %16s %14s %18s%n", "application", "start alone s", "idle RSS MB", "loaded peak RSS MB");
            for (String application : APPLICATIONS) {
                System.out.printf("%-16s %16.2f %14d %18d%n", application, startAlone.get(application),
                        idle.get(application) / 1024, ImportBenchmark.peakRssKb(suite.process(application)) / 1024);
            }
        }
    }

    private static double seconds(Instant start) {
        return Duration.between(start, Instant.now()).toMillis() / 1000.0;
    }
}
