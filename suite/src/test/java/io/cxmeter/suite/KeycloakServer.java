package io.cxmeter.suite;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

import io.vertx.core.json.JsonObject;

/**
 * A real Keycloak (the distribution from Maven Central, unpacked into the build directory) started
 * as a process in development mode with one realm imported, for tests that sign in the way a
 * tenant's people do. Keycloak needs Java 21 or later: {@code -Dcxmeter.keycloak.java-home}, else
 * the first such JDK under /usr/lib/jvm, else the running one if it is recent enough.
 */
final class KeycloakServer implements AutoCloseable {

    private final Process process;
    private final int port;

    private KeycloakServer(Process process, int port) {
        this.process = process;
        this.port = port;
    }

    /** Unpacks Keycloak into {@code home} (once), imports {@code realm} and waits until it serves it. */
    static KeycloakServer start(Path zip, Path home, JsonObject realm) throws IOException, InterruptedException {
        Path root = unpack(zip, home);
        Path imports = Files.createDirectories(root.resolve("data/import"));
        Files.writeString(imports.resolve(realm.getString("realm") + "-realm.json"), realm.encodePrettily());
        int port = LocalSuite.freePort();
        Path log = home.resolve("keycloak.log");
        ProcessBuilder builder = new ProcessBuilder("bash", root.resolve("bin/kc.sh").toString(), "start-dev",
                "--http-port", String.valueOf(port), "--import-realm", "--http-management-port", String.valueOf(LocalSuite.freePort()))
                .redirectErrorStream(true).redirectOutput(log.toFile());
        builder.environment().put("JAVA_HOME", javaHome().toString());
        builder.environment().put("KC_BOOTSTRAP_ADMIN_USERNAME", "admin");
        builder.environment().put("KC_BOOTSTRAP_ADMIN_PASSWORD", "admin-" + port);
        KeycloakServer server = new KeycloakServer(builder.start(), port);
        HttpClient http = HttpClient.newHttpClient();
        URI discovery = URI.create(server.issuer(realm.getString("realm")) + "/.well-known/openid-configuration");
        Instant deadline = Instant.now().plus(Duration.ofMinutes(3));
        while (Instant.now().isBefore(deadline)) {
            if (!server.process.isAlive()) {
                throw new AssertionError("Keycloak stopped while starting:\n" + Files.readString(log));
            }
            try {
                if (http.send(HttpRequest.newBuilder(discovery).build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200) {
                    return server;
                }
            } catch (IOException notYet) {
                // not listening yet
            }
            Thread.sleep(500);
        }
        server.close();
        throw new AssertionError("Keycloak did not serve its realm within 3 minutes:\n" + Files.readString(log));
    }

    String issuer(String realm) {
        return "http://localhost:" + port + "/realms/" + realm;
    }

    @Override
    public void close() {
        process.descendants().forEach(ProcessHandle::destroy);
        process.destroy();
        try {
            process.waitFor();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static Path unpack(Path zip, Path home) throws IOException {
        Path marker = home.resolve(".unpacked");
        if (!Files.exists(marker)) {
            if (Files.exists(home)) {
                try (Stream<Path> files = Files.walk(home)) {
                    for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
                        Files.delete(file);
                    }
                }
            }
            try (ZipFile archive = new ZipFile(zip.toFile())) {
                Enumeration<? extends ZipEntry> entries = archive.entries();
                while (entries.hasMoreElements()) {
                    ZipEntry entry = entries.nextElement();
                    Path target = home.resolve(entry.getName()).normalize();
                    if (!target.startsWith(home)) {
                        throw new IOException("An entry outside the archive's folder: " + entry.getName());
                    }
                    if (entry.isDirectory()) {
                        Files.createDirectories(target);
                    } else {
                        Files.createDirectories(target.getParent());
                        try (InputStream in = archive.getInputStream(entry)) {
                            Files.copy(in, target, StandardCopyOption.REPLACE_EXISTING);
                        }
                    }
                }
            }
            Files.writeString(marker, zip.toString());
        }
        try (Stream<Path> children = Files.list(home)) {
            return children.filter(p -> Files.exists(p.resolve("bin/kc.sh"))).findFirst()
                    .orElseThrow(() -> new IOException("No bin/kc.sh in " + zip));
        }
    }

    private static Path javaHome() throws IOException {
        String configured = System.getProperty("cxmeter.keycloak.java-home");
        if (configured != null && !configured.isBlank()) {
            return Path.of(configured);
        }
        Path jvms = Path.of("/usr/lib/jvm");
        if (Files.isDirectory(jvms)) {
            try (Stream<Path> homes = Files.list(jvms)) {
                Optional<Path> recent = homes.filter(home -> feature(home) >= 21).findFirst();
                if (recent.isPresent()) {
                    return recent.get();
                }
            }
        }
        if (Runtime.version().feature() >= 21) {
            return Path.of(System.getProperty("java.home"));
        }
        throw new AssertionError("Keycloak needs Java 21 or later: install one under /usr/lib/jvm or pass"
                + " -Dcxmeter.keycloak.java-home=<JDK>");
    }

    /** The feature version a JDK's release file names, or 0. */
    private static int feature(Path home) {
        try {
            for (String line : Files.readAllLines(home.resolve("release"))) {
                if (line.startsWith("JAVA_VERSION=")) {
                    String version = line.substring("JAVA_VERSION=".length()).replace("\"", "");
                    return Integer.parseInt(version.split("[.+-]")[0]);
                }
            }
        } catch (IOException | NumberFormatException | ArrayIndexOutOfBoundsException e) {
            return 0;
        }
        return 0;
    }
}
