package io.cxmeter.suite;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import io.cxmeter.embeddedpg.EmbeddedPostgresServer;
import io.cxmeter.internalauth.RsaKeys;

/**
 * The whole suite on one machine: one embedded PostgreSQL with a database per service, the three
 * services on loopback, and the gateway in front, each a real process running its packaged
 * application. Secrets (signing key pair, API-key pepper, platform admin key) are made per run.
 */
public final class LocalSuite implements AutoCloseable {

    private static final Duration READY_WITHIN = Duration.ofMinutes(2);

    /** How to start: where the built repository is, which ports, where logs go. */
    public record Options(Path repoRoot, Path workDir, int gatewayPort, int surveyPort, int ticketPort, int metricsPort,
            Map<String, String> gatewayEnv, Map<String, String> postgresSettings) {

        public Options(Path repoRoot, Path workDir, int gatewayPort, int surveyPort, int ticketPort, int metricsPort) {
            this(repoRoot, workDir, gatewayPort, surveyPort, ticketPort, metricsPort, Map.of(), Map.of());
        }

        /** Ports the OS says are free now: for tests that must not collide with anything. */
        public static Options onFreePorts(Path repoRoot, Path workDir) {
            return new Options(repoRoot, workDir, freePort(), freePort(), freePort(), freePort());
        }

        /**
         * For benchmarks: one caller sends thousands of requests a minute on purpose, so the
         * gateway's rate limits are set out of reach.
         */
        public Options unlimited() {
            Map<String, String> env = new java.util.HashMap<>(gatewayEnv);
            env.put("GATEWAY_RATE_LIMIT_API", "100000000");
            env.put("GATEWAY_RATE_LIMIT_PUBLIC", "100000000");
            return withGatewayEnv(env);
        }

        /** The same, with more settings for every gateway replica (rate limits, Redis, …). */
        public Options withGatewayEnv(Map<String, String> env) {
            return new Options(repoRoot, workDir, gatewayPort, surveyPort, ticketPort, metricsPort, Map.copyOf(env),
                    postgresSettings);
        }

        /** The same, with more settings for the embedded PostgreSQL server (benchmarks profile with them). */
        public Options withPostgresSettings(Map<String, String> settings) {
            return new Options(repoRoot, workDir, gatewayPort, surveyPort, ticketPort, metricsPort, gatewayEnv,
                    Map.copyOf(settings));
        }
    }

    private final Options options;
    private final EmbeddedPostgresServer postgres;
    private final List<Process> processes = new ArrayList<>();
    private final Map<String, Process> byModule = new LinkedHashMap<>();
    private final Map<String, Map<String, String>> serviceEnv = new LinkedHashMap<>();
    /** Each process's management port (health, Prometheus metrics), by its log name. */
    private final Map<String, Integer> managementPorts = new java.util.concurrent.ConcurrentHashMap<>();
    private final String platformAdminKey;
    private KeyPair eventKeys;
    private KeyPair gatewayKeys;
    private Map<String, String> gatewayEnv;
    private Path logs;

    private LocalSuite(Options options, EmbeddedPostgresServer postgres) {
        this.options = options;
        this.postgres = postgres;
        this.platformAdminKey = "platform-" + randomToken(24);
    }

    public static LocalSuite start(Options options) {
        Path logs = options.workDir().resolve("logs");
        try {
            Files.createDirectories(logs);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        System.setProperty("ot.epg.working-dir", options.workDir().resolve("embedded-pg").toString());
        LocalSuite suite = new LocalSuite(options, EmbeddedPostgresServer.start(options.postgresSettings()));
        try {
            suite.launchAll(logs);
            return suite;
        } catch (RuntimeException e) {
            suite.close();
            throw e;
        }
    }

    public String gatewayUrl() {
        return "http://localhost:" + options.gatewayPort();
    }

    /** The loopback port of {@code survey}, {@code ticket} or {@code metrics}. */
    public int servicePort(String service) {
        return switch (service) {
            case "survey" -> options.surveyPort();
            case "ticket" -> options.ticketPort();
            case "metrics" -> options.metricsPort();
            default -> throw new IllegalArgumentException("No service " + service);
        };
    }

    /** Where a process (gateway, survey-service, …) serves its health checks and Prometheus metrics. */
    public String managementUrl(String module) {
        Integer port = managementPorts.get(module);
        if (port == null) {
            throw new IllegalArgumentException("No process " + module);
        }
        return "http://127.0.0.1:" + port;
    }

    /** The key event producers sign deliveries to metrics-service with (benchmarks deliver as a producer). */
    public java.security.PrivateKey eventsSigningKey() {
        return eventKeys.getPrivate();
    }

    /** The key the gateway signs internal tokens with (benchmarks call a service directly, as the gateway would). */
    public java.security.PrivateKey gatewaySigningKey() {
        return gatewayKeys.getPrivate();
    }

    /** The first process of {@code module} (e.g. {@code metrics-service}): benchmarks read its CPU time. */
    public ProcessHandle process(String module) {
        Process process = byModule.get(module);
        if (process == null) {
            throw new IllegalArgumentException("No process " + module);
        }
        return process.toHandle();
    }

    /** The suite's PostgreSQL server itself (benchmarks compare against it on a database of their own). */
    public EmbeddedPostgresServer postgres() {
        return postgres;
    }

    public String platformAdminKey() {
        return platformAdminKey;
    }

    private void launchAll(Path logs) {
        KeyPair keys = RsaKeys.generate();
        gatewayKeys = keys;
        String publicKey = RsaKeys.encode(keys.getPublic());
        // Event producers sign their deliveries to metrics-service with a key pair of their own.
        KeyPair events = RsaKeys.generate();
        eventKeys = events;
        // survey-service seals tenants' SMTP passwords with an AES key of its own.
        byte[] sealing = new byte[32];
        new java.security.SecureRandom().nextBytes(sealing);
        String deliveryKey = java.util.Base64.getEncoder().encodeToString(sealing);

        Map<String, Integer> services = new LinkedHashMap<>();
        services.put("survey", options.surveyPort());
        services.put("ticket", options.ticketPort());
        services.put("metrics", options.metricsPort());

        Map<String, Process> started = byModule;
        for (Map.Entry<String, Integer> service : services.entrySet()) {
            String name = service.getKey();
            String prefix = name.toUpperCase();
            Map<String, String> env = databaseEnv(prefix, postgres.createDatabase(name));
            env.put(prefix + "_HTTP_PORT", String.valueOf(service.getValue()));
            env.put(prefix + "_MANAGEMENT_PORT", String.valueOf(freePort()));
            env.put("QUARKUS_HTTP_HOST", "127.0.0.1");
            env.put("GATEWAY_PUBLIC_KEY", publicKey);
            env.put("EVENTS_SIGNING_KEY", RsaKeys.encode(events.getPrivate()));
            env.put("EVENTS_PUBLIC_KEY", RsaKeys.encode(events.getPublic()));
            env.put("METRICS_SERVICE_URL", "http://127.0.0.1:" + options.metricsPort());
            env.put("TICKET_SERVICE_URL", "http://127.0.0.1:" + options.ticketPort());
            env.put("SURVEY_SERVICE_URL", "http://127.0.0.1:" + options.surveyPort());
            env.put("CXMETER_PUBLIC_URL", gatewayUrl() + "/");
            env.put("DELIVERY_SEALING_KEY", deliveryKey);
            // Locally, webhook receivers are on localhost and speak plain http.
            env.put("WEBHOOKS_REQUIRE_HTTPS", "false");
            env.put("WEBHOOKS_ALLOW_PRIVATE_TARGETS", "true");
            serviceEnv.put(name + "-service", env);
            started.put(name + "-service", launch(name + "-service", env, logs));
        }

        Map<String, String> gatewayEnv = databaseEnv("GATEWAY", postgres.createDatabase("gateway"));
        gatewayEnv.put("GATEWAY_HTTP_PORT", String.valueOf(options.gatewayPort()));
        gatewayEnv.put("GATEWAY_PRIVATE_KEY", RsaKeys.encode(keys.getPrivate()));
        gatewayEnv.put("GATEWAY_API_KEY_PEPPER", randomToken(48));
        gatewayEnv.put("GATEWAY_ADMIN_KEY", platformAdminKey);
        services.forEach((name, port) -> gatewayEnv.put(name.toUpperCase() + "_SERVICE_URL", "http://127.0.0.1:" + port));
        services.keySet().forEach(name -> gatewayEnv.put(name.toUpperCase() + "_SERVICE_MANAGEMENT_URL",
                "http://127.0.0.1:" + serviceEnv.get(name + "-service").get(name.toUpperCase() + "_MANAGEMENT_PORT")));
        gatewayEnv.put("GATEWAY_MANAGEMENT_PORT", String.valueOf(freePort()));
        gatewayEnv.putAll(options.gatewayEnv());
        this.gatewayEnv = gatewayEnv;
        this.logs = logs;
        started.put("gateway", launch("gateway", gatewayEnv, logs));

        Map<String, Integer> ports = new LinkedHashMap<>();
        services.forEach((name, port) -> ports.put(name + "-service", port));
        ports.put("gateway", options.gatewayPort());
        Instant deadline = Instant.now().plus(READY_WITHIN);
        ports.keySet().forEach(name -> awaitReady(name, name, started.get(name), deadline, () -> relaunch(name, name)));
    }

    /**
     * Kills a service at once (as a crashed or evicted pod dies: no shutdown hooks) and starts it again
     * with the same settings; returns when it is ready.
     */
    public void restart(String module) {
        kill(module);
        start(module);
    }

    private Map<String, String> env(String module) {
        return module.equals("gateway") ? gatewayEnv : serviceEnv.get(module);
    }

    /** Kills a module at once, as a crashed or evicted pod dies (no shutdown hooks); {@link #start} brings it back. */
    public void kill(String module) {
        Process old = byModule.get(module);
        if (old == null || env(module) == null) {
            throw new IllegalArgumentException("No module " + module);
        }
        old.destroyForcibly();
        try {
            old.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while stopping " + module, e);
        }
        processes.remove(old);
    }

    /** Starts a killed module again with the same settings; returns when it is ready. */
    public void start(String module) {
        if (env(module) == null) {
            throw new IllegalArgumentException("No module " + module);
        }
        String logName = module + "-restarted";
        awaitReady(module, logName, relaunch(module, logName), Instant.now().plus(READY_WITHIN),
                () -> relaunch(module, logName));
    }

    /** Starts {@code module} with its settings as the one the suite knows by that name; the new process. */
    private Process relaunch(String module, String logName) {
        Process process = launch(module, env(module), logs, logName);
        byModule.put(module, process);
        return process;
    }

    /**
     * Starts one more gateway replica, configured like the first (same database, keys and services),
     * on a free port; its URL. Stopped with the suite.
     */
    public String startGatewayReplica() {
        return startReplica("gateway");
    }

    /**
     * Starts one more replica of {@code module} (the gateway or a service), configured like the first
     * (same database, keys and peers) on free ports; its URL. A service replica is not behind the
     * gateway, but shares the first one's background work (relays, senders). Stopped with the suite.
     */
    public String startReplica(String module) {
        Map<String, String> base = env(module);
        if (base == null) {
            throw new IllegalArgumentException("No module " + module);
        }
        String prefix = module.replace("-service", "").toUpperCase();
        int port = freePort();
        Map<String, String> env = new LinkedHashMap<>(base);
        env.put(prefix + "_HTTP_PORT", String.valueOf(port));
        env.put(prefix + "_MANAGEMENT_PORT", String.valueOf(freePort()));
        String name = module + "-" + port;
        Process process = launch(module, env, logs, name);
        awaitReady(name, name, process, Instant.now().plus(READY_WITHIN), () -> launch(module, env, logs, name));
        return "http://localhost:" + port;
    }

    private Map<String, String> databaseEnv(String prefix, String database) {
        Map<String, String> env = new LinkedHashMap<>();
        env.put(prefix + "_DB_URL", postgres.url(database));
        env.put(prefix + "_DB_USER", postgres.username());
        env.put(prefix + "_DB_PASSWORD", postgres.password());
        return env;
    }

    private Process launch(String module, Map<String, String> env, Path logs) {
        return launch(module, env, logs, module);
    }

    private Process launch(String module, Map<String, String> env, Path logs, String logName) {
        ProcessBuilder builder = new ProcessBuilder(command(module)).redirectErrorStream(true)
                .redirectOutput(logs.resolve(logName + ".log").toFile());
        Path app = options.repoRoot().resolve(module).resolve("target/quarkus-app");
        if (!Boolean.getBoolean("cxmeter.native") && Files.isDirectory(app)) {
            builder.directory(app.toFile());
        }
        builder.environment().putAll(env);
        env.entrySet().stream().filter(e -> e.getKey().endsWith("_MANAGEMENT_PORT")).findFirst()
                .ifPresent(e -> managementPorts.put(logName.replace("-restarted", ""), Integer.parseInt(e.getValue())));
        try {
            Process process = builder.start();
            processes.add(process);
            return process;
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + module, e);
        }
    }

    /**
     * How a module is started: its packaged JVM application, or with {@code -Dcxmeter.native=true}
     * its native executable (built with {@code -Dnative}), so that every end-to-end test runs
     * against what is deployed. A JVM application runs from its {@code quarkus-app} folder, with
     * the class-data-sharing archive that {@code -Dquarkus.package.jar.appcds.enabled=true} leaves
     * there when it exists (the archive names the jar as it was when made), and with the extra JVM
     * options of {@code -Dcxmeter.jvmOptions} (for the footprint benchmark).
     */
    private List<String> command(String module) {
        Path target = options.repoRoot().resolve(module).resolve("target");
        if (Boolean.getBoolean("cxmeter.native")) {
            Path runner = target.resolve(module + "-1.0.0-SNAPSHOT-runner");
            if (!Files.isExecutable(runner)) {
                throw new IllegalStateException(runner + " is missing: build it first (./mvnw -DskipTests package -Dnative)");
            }
            return List.of(runner.toString(), "-Xmx384m");
        }
        Path jar = target.resolve("quarkus-app/quarkus-run.jar");
        if (!Files.isRegularFile(jar)) {
            throw new IllegalStateException(jar + " is missing: build first (./mvnw -DskipTests package)");
        }
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        // A small initial heap, as in a pod (1/64 of its memory limit). Otherwise the JVM starts with 1/64 of
        // the host's memory, up to the maximum, and keeps the young generation it has touched.
        List<String> command = new ArrayList<>(List.of(java, "-Xmx384m", "-Xms32m", "-XX:+UseSerialGC"));
        Path classes = jar.resolveSibling("app-cds.jsa");
        if (Files.isRegularFile(classes)) {
            command.add("-XX:SharedArchiveFile=" + classes);
        }
        String extra = System.getProperty("cxmeter.jvmOptions", "");
        if (!extra.isBlank()) {
            command.addAll(List.of(extra.trim().split("\\s+")));
        }
        command.addAll(List.of("-jar", jar.getFileName().toString()));
        return command;
    }

    /**
     * Waits until {@code process} reports ready on its management port. A process that could not
     * bind its port (taken between choosing and binding it) is started once more on the same one
     * after a pause, a few times, by {@code relaunch}.
     */
    private void awaitReady(String name, String logName, Process process, Instant deadline,
            java.util.function.Supplier<Process> relaunch) {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        HttpRequest ready = HttpRequest.newBuilder(
                URI.create("http://127.0.0.1:" + managementPorts.get(name) + "/q/health/ready"))
                .timeout(Duration.ofSeconds(5)).build();
        Path log = logs.resolve(logName + ".log");
        int relaunches = 0;
        while (Instant.now().isBefore(deadline)) {
            if (!process.isAlive()) {
                if (relaunches++ < 5 && tail(log).contains("seems to be in use")) {
                    processes.remove(process);
                    sleep(Duration.ofSeconds(2));
                    process = relaunch.get();
                    continue;
                }
                throw new IllegalStateException(name + " exited with " + process.exitValue() + "; see " + log + tail(log));
            }
            try {
                if (http.send(ready, HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return;
                }
            } catch (IOException e) {
                // Not listening yet.
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("Interrupted while waiting for " + name, e);
            }
            sleep(Duration.ofMillis(250));
        }
        throw new IllegalStateException(name + " was not ready within " + READY_WITHIN + tail(log));
    }

    /** Stops the services (gracefully, then forcibly) and the database. */
    @Override
    public void close() {
        for (Process process : processes) {
            process.destroy();
        }
        for (Process process : processes) {
            try {
                if (!process.waitFor(15, TimeUnit.SECONDS)) {
                    process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
                }
            } catch (InterruptedException e) {
                process.destroyForcibly();
                Thread.currentThread().interrupt();
            }
        }
        processes.clear();
        postgres.close();
    }

    private static String tail(Path log) {
        try {
            List<String> lines = Files.readAllLines(log);
            return "\n--- last lines of " + log.getFileName() + " ---\n"
                    + String.join("\n", lines.subList(Math.max(0, lines.size() - 30), lines.size()));
        } catch (IOException e) {
            return "";
        }
    }

    /**
     * A port nothing listens on, for a process started next. Chosen outside the kernel's range for
     * outgoing connections (below it, or above it where there is more room), so that no connection
     * opened meanwhile (a JDBC or HTTP client's local port) takes it before the process binds it,
     * and never handed out twice by this JVM.
     */
    public static int freePort() {
        int[] range = ephemeralRange();
        int below = range[0] - LOWEST_PORT;
        int above = 65535 - range[1];
        int from = below >= above ? LOWEST_PORT : range[1] + 1;
        int size = Math.max(below, above);
        java.util.concurrent.ThreadLocalRandom random = java.util.concurrent.ThreadLocalRandom.current();
        for (int attempt = 0; attempt < 500 && size > 100; attempt++) {
            int port = from + random.nextInt(size);
            if (HANDED_OUT.contains(port)) {
                continue;
            }
            try (ServerSocket socket = new ServerSocket(port)) {
                if (HANDED_OUT.add(port)) {
                    return port;
                }
            } catch (IOException inUse) {
                // taken: try another
            }
        }
        try (ServerSocket socket = new ServerSocket(0)) {
            HANDED_OUT.add(socket.getLocalPort());
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Above the fixed ports of the services' own tests (190xx). */
    private static final int LOWEST_PORT = 20000;
    private static final Set<Integer> HANDED_OUT = java.util.concurrent.ConcurrentHashMap.newKeySet();

    /** The kernel's range for outgoing connections (Linux), 32768–60999 where it cannot be read. */
    private static int[] ephemeralRange() {
        try {
            String[] range = Files.readString(Path.of("/proc/sys/net/ipv4/ip_local_port_range")).trim().split("\\s+");
            return new int[] {Integer.parseInt(range[0]), Integer.parseInt(range[1])};
        } catch (IOException | RuntimeException e) {
            return new int[] {32768, 60999};
        }
    }

    private static String randomToken(int bytes) {
        byte[] random = new byte[bytes];
        new SecureRandom().nextBytes(random);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(random);
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
