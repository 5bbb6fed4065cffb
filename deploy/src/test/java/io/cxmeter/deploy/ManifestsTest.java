package io.cxmeter.deploy;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * Renders every overlay and holds it to the Kubernetes schemas and to the rules operators rely on,
 * so that a later change cannot silently drop a probe, a limit or a network policy.
 */
class ManifestsTest {

    private static final Path DEPLOY = Path.of(System.getProperty("cxmeter.deploy-dir", "."));
    private static final Path REPO = Path.of(System.getProperty("cxmeter.repo-root", ".."));
    private static final List<String> APPLICATIONS = List.of("gateway", "survey-service", "ticket-service", "metrics-service");
    private static final Pattern SECRET_NAME = Pattern.compile(".*(KEY|PASSWORD|PEPPER|SECRET|DB_URL|REDIS_URL|TOKEN).*");

    private static List<ObjectNode> render(String overlay) {
        return Kustomize.build(DEPLOY.resolve("overlays").resolve(overlay));
    }

    private static List<ObjectNode> ofKind(List<ObjectNode> objects, String kind) {
        return objects.stream().filter(o -> kind.equals(o.path("kind").asText())).toList();
    }

    private static ObjectNode named(List<ObjectNode> objects, String kind, String name) {
        return ofKind(objects, kind).stream().filter(o -> name.equals(o.at("/metadata/name").asText()))
                .findFirst().orElseThrow(() -> new AssertionError("No " + kind + " " + name));
    }

    private static Set<String> texts(JsonNode array) {
        return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).collect(Collectors.toSet());
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyObjectIsValidAgainstTheKubernetesSchemas(String overlay) {
        List<ObjectNode> objects = render(overlay);
        assertFalse(objects.isEmpty());
        for (ObjectNode object : objects) {
            try {
                KubernetesSchemas.validate(object);
            } catch (IllegalArgumentException e) {
                fail(overlay + ": " + object.path("kind").asText() + "/" + object.at("/metadata/name").asText()
                        + " is invalid: " + e.getMessage());
            }
        }
        Kustomize.byId(objects); // no two objects share a kind and name
    }

    @Test
    void theValidatorRejectsUnknownMissingAndMistypedFields() {
        ObjectNode deployment = named(render("dev"), "Deployment", "gateway");

        ObjectNode typo = deployment.deepCopy();
        ((ObjectNode) typo.get("spec")).put("replica", 2);
        assertThrows(IllegalArgumentException.class, () -> KubernetesSchemas.validate(typo));

        ObjectNode nameless = deployment.deepCopy();
        ((ObjectNode) nameless.at("/spec/template/spec/containers/0")).remove("name");
        assertThrows(IllegalArgumentException.class, () -> KubernetesSchemas.validate(nameless));

        ObjectNode mistyped = deployment.deepCopy();
        ((ObjectNode) mistyped.at("/spec/template/spec")).put("containers", "gateway");
        assertThrows(IllegalArgumentException.class, () -> KubernetesSchemas.validate(mistyped));

        ObjectNode monitor = named(render("dev"), "ServiceMonitor", "cxmeter").deepCopy();
        ((ObjectNode) monitor.get("spec")).put("endpoint", "typo");
        assertThrows(IllegalArgumentException.class, () -> KubernetesSchemas.validate(monitor));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyDeploymentIsProbedHardenedAndBounded(String overlay) throws IOException {
        for (ObjectNode deployment : ofKind(render(overlay), "Deployment")) {
            String name = deployment.at("/metadata/name").asText();
            JsonNode pod = deployment.at("/spec/template/spec");
            assertEquals("RuntimeDefault", pod.at("/securityContext/seccompProfile/type").asText(), name);
            assertTrue(pod.at("/securityContext/runAsNonRoot").asBoolean(), name + " runs as non-root");
            assertFalse(pod.at("/automountServiceAccountToken").asBoolean(true), name + " mounts no API token");
            for (JsonNode container : pod.get("containers")) {
                JsonNode security = container.get("securityContext");
                assertNotNull(security, name);
                assertTrue(security.at("/readOnlyRootFilesystem").asBoolean(), name + " has a read-only root");
                assertFalse(security.at("/allowPrivilegeEscalation").asBoolean(true), name);
                assertEquals(Set.of("ALL"), texts(security.at("/capabilities/drop")), name + " drops all capabilities");
                assertTrue(container.at("/resources/requests/cpu").isValueNode(), name + " requests CPU");
                assertTrue(container.at("/resources/requests/memory").isValueNode(), name + " requests memory");
                assertTrue(container.at("/resources/limits/memory").isValueNode(), name + " limits memory");
                assertFalse(container.get("image").asText().endsWith(":latest"), name + " pins its image");
                assertTrue(container.has("livenessProbe") && container.has("readinessProbe"), name + " is probed");
            }
            if (APPLICATIONS.contains(name)) {
                JsonNode container = pod.at("/containers/0");
                assertEquals("/q/health/started", container.at("/startupProbe/httpGet/path").asText(), name);
                assertEquals("/q/health/live", container.at("/livenessProbe/httpGet/path").asText(), name);
                assertEquals("/q/health/ready", container.at("/readinessProbe/httpGet/path").asText(), name);
                // Health answers on the management interface only (quarkus.management.enabled).
                for (String probe : List.of("startupProbe", "livenessProbe", "readinessProbe")) {
                    assertEquals("management", container.at("/" + probe + "/httpGet/port").asText(), name + " " + probe);
                }
                int preStop = Integer.parseInt(container.at("/lifecycle/preStop/exec/command/1").asText());
                long shutdown = quarkusShutdownSeconds(name);
                assertTrue(pod.at("/terminationGracePeriodSeconds").asInt() >= preStop + shutdown,
                        name + ": the grace period must cover preStop (" + preStop + " s) and Quarkus' shutdown ("
                                + shutdown + " s)");
                assertTrue(StreamSupport.stream(container.get("volumeMounts").spliterator(), false)
                        .anyMatch(m -> m.get("mountPath").asText().equals("/tmp")), name + " has a writable /tmp");
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyApplicationAutoscalesAndHasADisruptionBudget(String overlay) {
        List<ObjectNode> objects = render(overlay);
        for (String application : APPLICATIONS) {
            ObjectNode hpa = named(objects, "HorizontalPodAutoscaler", application);
            assertEquals(application, hpa.at("/spec/scaleTargetRef/name").asText());
            assertEquals("Deployment", hpa.at("/spec/scaleTargetRef/kind").asText());
            int min = hpa.at("/spec/minReplicas").asInt();
            assertTrue(min >= 1 && min <= hpa.at("/spec/maxReplicas").asInt(), application);
            assertTrue(hpa.at("/spec/behavior/scaleDown/stabilizationWindowSeconds").asInt() >= 60,
                    application + " scales down calmly");
            assertTrue(StreamSupport.stream(hpa.at("/spec/metrics").spliterator(), false)
                    .anyMatch(m -> m.at("/resource/name").asText().equals("cpu")), application + " scales on CPU");

            ObjectNode pdb = named(objects, "PodDisruptionBudget", application);
            assertEquals(application, pdb.at("/spec/selector/matchLabels/app.kubernetes.io~1name").asText());
            assertEquals(application, named(objects, "Service", application).at("/spec/selector/app.kubernetes.io~1name").asText());
        }
        assertTrue(StreamSupport.stream(named(objects, "HorizontalPodAutoscaler", "gateway").at("/spec/metrics").spliterator(), false)
                .anyMatch(m -> m.at("/pods/metric/name").asText().equals("http_server_requests_per_second")),
                "the gateway scales on requests per second too");
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void migrationsRunInAJobBeforeTheRolloutNotInThePods(String overlay) {
        List<ObjectNode> objects = render(overlay);
        for (String application : APPLICATIONS) {
            ObjectNode deployment = named(objects, "Deployment", application);
            ObjectNode job = named(objects, "Job", application + "-migrate");
            JsonNode server = deployment.at("/spec/template/spec/containers/0");
            JsonNode migrate = job.at("/spec/template/spec/containers/0");
            assertEquals(server.get("image").asText(), migrate.get("image").asText(), application + " migrates with its own image");
            Map<String, String> config = new java.util.HashMap<>();
            named(objects, "ConfigMap", application + "-config").get("data").fields()
                    .forEachRemaining(e -> config.put(e.getKey(), e.getValue().asText()));
            assertEquals("false", config.get("QUARKUS_FLYWAY_MIGRATE_AT_START"), application + " pods do not migrate");
            assertEquals("true", config.get("QUARKUS_FLYWAY_VALIDATE_AT_START"), application + " pods check the schema");
            Map<String, String> jobEnv = new java.util.HashMap<>();
            migrate.get("env").forEach(e -> jobEnv.put(e.get("name").asText(), e.path("value").asText(null)));
            assertEquals("true", jobEnv.get("QUARKUS_INIT_AND_EXIT"), application + ": the Job exits once migrated");
            assertEquals("true", jobEnv.get("QUARKUS_FLYWAY_MIGRATE_AT_START"));
            Set<String> serverEnv = new TreeSet<>();
            server.get("env").forEach(e -> serverEnv.add(e.get("name").asText()));
            assertTrue(jobEnv.keySet().containsAll(serverEnv), application + ": the Job starts with the pods' settings");
            assertEquals(application, job.at("/spec/template/metadata/labels/app.kubernetes.io~1name").asText(),
                    application + ": the Job reaches the database under the application's policies");
            assertTrue(migrate.has("readinessProbe"), application + ": the Job's pod never joins the Service");
            assertEquals("Never", job.at("/spec/template/spec/restartPolicy").asText());
            assertTrue(deployment.at("/spec/template/spec/containers/0/startupProbe/failureThreshold").asInt()
                    * deployment.at("/spec/template/spec/containers/0/startupProbe/periodSeconds").asInt(1) <= 120,
                    application + " starts within two minutes");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void everyCustomOrExternalMetricAnHpaUsesHasAnAdapterRule(String overlay) throws IOException {
        List<ObjectNode> monitoring = Kustomize.build(DEPLOY.resolve("monitoring"));
        monitoring.forEach(KubernetesSchemas::validate);
        ObjectNode rules = named(monitoring, "ConfigMap", "cxmeter-prometheus-adapter-rules");
        assertEquals("monitoring", rules.at("/metadata/namespace").asText());
        JsonNode config = Kustomize.YAML.readTree(rules.at("/data/config.yaml").asText());
        Set<String> custom = new TreeSet<>();
        config.path("rules").forEach(rule -> custom.add(rule.at("/name/as").asText()));
        Set<String> external = new TreeSet<>();
        config.path("externalRules").forEach(rule -> external.add(rule.at("/name/as").asText()));

        Set<String> usedCustom = new TreeSet<>();
        Set<String> usedExternal = new TreeSet<>();
        for (ObjectNode hpa : ofKind(render(overlay), "HorizontalPodAutoscaler")) {
            for (JsonNode metric : hpa.at("/spec/metrics")) {
                switch (metric.path("type").asText()) {
                    case "Pods" -> usedCustom.add(metric.at("/pods/metric/name").asText());
                    case "External" -> usedExternal.add(metric.at("/external/metric/name").asText());
                    default -> {
                    }
                }
            }
        }
        assertEquals(Set.of("http_server_requests_per_second"), usedCustom);
        assertEquals(Set.of("cxmeter_events_backlog"), usedExternal, "metrics-service scales on its ingestion backlog");
        assertTrue(custom.containsAll(usedCustom), "custom metrics without a rule: " + usedCustom);
        assertTrue(external.containsAll(usedExternal), "external metrics without a rule: " + usedExternal);
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void onlyTheGatewayIsReachableAndEachServiceOnlyFromItsCallers(String overlay) {
        List<ObjectNode> objects = render(overlay);
        ObjectNode denyAll = named(objects, "NetworkPolicy", "default-deny-all");
        assertTrue(denyAll.at("/spec/podSelector").isEmpty(), "default deny covers every pod");
        assertEquals(Set.of("Ingress", "Egress"), texts(denyAll.at("/spec/policyTypes")));

        Map<String, Set<String>> allowedCallers = Map.of(
                "survey-service", Set.of("gateway", "ticket-service", "metrics-service"),
                "ticket-service", Set.of("gateway", "survey-service", "metrics-service"),
                "metrics-service", Set.of("gateway", "survey-service", "ticket-service"),
                "gateway", Set.of());
        for (String application : APPLICATIONS) {
            ObjectNode policy = named(objects, "NetworkPolicy", application);
            Set<String> podPeers = new TreeSet<>();
            Set<String> namespacePeers = new TreeSet<>();
            for (JsonNode rule : policy.at("/spec/ingress")) {
                for (JsonNode peer : rule.get("from")) {
                    assertFalse(peer.has("ipBlock"), application + " accepts no address ranges");
                    if (peer.has("podSelector")) {
                        podPeers.add(peer.at("/podSelector/matchLabels/app.kubernetes.io~1name").asText());
                    } else {
                        namespacePeers.add(peer.at("/namespaceSelector/matchLabels/kubernetes.io~1metadata.name").asText());
                    }
                }
            }
            assertEquals(allowedCallers.get(application), podPeers, application + " callers");
            Set<String> expectedNamespaces = application.equals("gateway") ? Set.of("ingress-nginx", "monitoring") : Set.of("monitoring");
            assertEquals(expectedNamespaces, namespacePeers, application + " namespaces");

            ObjectNode database = named(objects, "NetworkPolicy", application + "-database");
            assertEquals(application, database.at("/spec/podSelector/matchLabels/app.kubernetes.io~1name").asText());
            assertEquals(5432, database.at("/spec/egress/0/ports/0/port").asInt(), application + " reaches its database");
        }
        for (ObjectNode ingress : ofKind(objects, "Ingress")) {
            assertFalse(ingress.at("/spec/tls").isEmpty(), "ingress terminates TLS");
            // The Ingress lets through the largest import the services accept, and no more.
            assertEquals("256m", ingress.at("/metadata/annotations/nginx.ingress.kubernetes.io~1proxy-body-size").asText());
            for (JsonNode rule : ingress.at("/spec/rules")) {
                for (JsonNode path : rule.at("/http/paths")) {
                    assertEquals("gateway", path.at("/backend/service/name").asText(), "only the gateway is exposed");
                    // Management endpoints (health, Prometheus metrics) are never routed from outside.
                    String prefix = path.at("/path").asText();
                    for (String management : List.of("/q/metrics", "/q/health")) {
                        assertFalse(management.startsWith(prefix), prefix + " exposes " + management);
                    }
                }
            }
        }
        assertEquals(Set.of("gateway"), ofKind(objects, "Ingress").stream()
                .map(i -> i.at("/spec/rules/0/http/paths/0/backend/service/name").asText()).collect(Collectors.toSet()));
    }

    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void nothingSecretIsCommitted(String overlay) {
        List<ObjectNode> objects = render(overlay);
        assertTrue(ofKind(objects, "Secret").isEmpty(), "Secrets are created by the operator, never committed");
        for (ObjectNode config : ofKind(objects, "ConfigMap")) {
            config.path("data").fieldNames().forEachRemaining(key -> assertFalse(SECRET_NAME.matcher(key).matches(),
                    config.at("/metadata/name").asText() + " holds " + key));
        }
        for (ObjectNode workload : objects) {
            for (JsonNode container : workload.at("/spec/template/spec/containers")) {
                for (JsonNode env : container.path("env")) {
                    if (SECRET_NAME.matcher(env.get("name").asText()).matches()) {
                        assertTrue(env.at("/valueFrom/secretKeyRef").isObject(),
                                workload.at("/metadata/name").asText() + " takes " + env.get("name").asText() + " from a Secret");
                    }
                }
            }
        }
        assertTrue(ofKind(objects, "ServiceMonitor").size() == 1, "Prometheus scrapes the services");
    }

    @Test
    void prodRunsThreeReplicasSpreadOverZonesFromPinnedImages() {
        List<ObjectNode> objects = render("prod");
        for (String application : APPLICATIONS) {
            ObjectNode deployment = named(objects, "Deployment", application);
            assertTrue(deployment.at("/spec/replicas").asInt() >= 3, application);
            assertTrue(named(objects, "HorizontalPodAutoscaler", application).at("/spec/minReplicas").asInt() >= 3);
            Set<String> keys = StreamSupport.stream(deployment.at("/spec/template/spec/topologySpreadConstraints").spliterator(), false)
                    .map(c -> c.get("topologyKey").asText()).collect(Collectors.toSet());
            assertEquals(Set.of("topology.kubernetes.io/zone", "kubernetes.io/hostname"), keys, application);
            String image = deployment.at("/spec/template/spec/containers/0/image").asText();
            assertFalse(image.contains("SNAPSHOT"), application + " runs a release image: " + image);
            assertEquals("cxmeter", deployment.at("/metadata/namespace").asText());
        }
        assertTrue(ofKind(objects, "StatefulSet").isEmpty(), "prod uses an external PostgreSQL");
        assertTrue(objects.stream().noneMatch(o -> o.at("/metadata/name").asText().equals("redis")), "and an external Redis");
    }

    @Test
    void devRunsOneReplicaWithAnInClusterPostgresAndRedis() {
        List<ObjectNode> objects = render("dev");
        for (String application : APPLICATIONS) {
            assertEquals(1, named(objects, "Deployment", application).at("/spec/replicas").asInt(), application);
            assertFalse(named(objects, "PodDisruptionBudget", application).at("/spec").has("minAvailable"),
                    application + ": a single replica must not block node drains");
        }
        ObjectNode postgres = named(objects, "StatefulSet", "postgres");
        assertEquals("data", postgres.at("/spec/volumeClaimTemplates/0/metadata/name").asText());
        String init = named(objects, "ConfigMap", "postgres-init").at("/data/10-databases.sh").asText();
        assertTrue(init.contains("for service in survey ticket metrics gateway"), "a database per service");
        named(objects, "Deployment", "redis");
    }

    /** Our renderer must agree with the real kustomize wherever kubectl is installed. */
    @ParameterizedTest
    @ValueSource(strings = {"dev", "prod"})
    void rendersExactlyWhatKubectlKustomizeRenders(String overlay) throws Exception {
        assumeTrue(kubectlAvailable(), "kubectl is not installed here");
        Process process = new ProcessBuilder("kubectl", "kustomize", DEPLOY.resolve("overlays").resolve(overlay).toString())
                .redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(process.waitFor(60, TimeUnit.SECONDS));
        assertEquals(0, process.exitValue(), output);
        Map<String, ObjectNode> expected = Kustomize.byId(Kustomize.readAllString(output));
        Map<String, ObjectNode> actual = Kustomize.byId(render(overlay));
        assertEquals(expected.keySet(), actual.keySet());
        for (String id : expected.keySet()) {
            assertEquals(expected.get(id), actual.get(id), id);
        }
    }

    private static boolean kubectlAvailable() {
        try {
            Process process = new ProcessBuilder("kubectl", "version", "--client").redirectErrorStream(true).start();
            process.getInputStream().readAllBytes();
            return process.waitFor(20, TimeUnit.SECONDS) && process.exitValue() == 0;
        } catch (IOException | InterruptedException e) {
            return false;
        }
    }

    private static long quarkusShutdownSeconds(String application) throws IOException {
        Properties properties = new Properties();
        properties.load(new StringReader(Files.readString(
                REPO.resolve(application).resolve("src/main/resources/application.properties"))));
        String timeout = properties.getProperty("quarkus.shutdown.timeout");
        assertNotNull(timeout, application + " sets quarkus.shutdown.timeout");
        return Duration.parse("PT" + timeout.toUpperCase()).toSeconds();
    }

}
