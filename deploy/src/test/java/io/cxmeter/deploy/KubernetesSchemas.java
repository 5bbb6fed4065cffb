package io.cxmeter.deploy;

import java.io.IOException;
import java.util.Iterator;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.google.gson.JsonElement;
import com.google.gson.JsonParser;

import io.kubernetes.client.openapi.models.V1ConfigMap;
import io.kubernetes.client.openapi.models.V1Deployment;
import io.kubernetes.client.openapi.models.V1Ingress;
import io.kubernetes.client.openapi.models.V1NetworkPolicy;
import io.kubernetes.client.openapi.models.V1PodDisruptionBudget;
import io.kubernetes.client.openapi.models.V1Service;
import io.kubernetes.client.openapi.models.V1ServiceAccount;
import io.kubernetes.client.openapi.models.V1StatefulSet;
import io.kubernetes.client.openapi.models.V2HorizontalPodAutoscaler;

/**
 * Strict validation of rendered objects against the Kubernetes API schemas (the generated models
 * of the official Java client reject unknown fields, missing required fields and wrong shapes).
 * The ServiceMonitor CRD has no model there, so its shape is checked here by hand.
 */
final class KubernetesSchemas {

    private KubernetesSchemas() {
    }

    static void validate(ObjectNode object) {
        String type = object.path("apiVersion").asText() + " " + object.path("kind").asText();
        JsonElement json = JsonParser.parseString(object.toString());
        try {
            switch (type) {
                case "apps/v1 Deployment" -> V1Deployment.validateJsonElement(json);
                case "apps/v1 StatefulSet" -> V1StatefulSet.validateJsonElement(json);
                case "batch/v1 Job" -> io.kubernetes.client.openapi.models.V1Job.validateJsonElement(json);
                case "v1 Service" -> V1Service.validateJsonElement(json);
                case "v1 ConfigMap" -> V1ConfigMap.validateJsonElement(json);
                case "v1 ServiceAccount" -> V1ServiceAccount.validateJsonElement(json);
                case "autoscaling/v2 HorizontalPodAutoscaler" -> V2HorizontalPodAutoscaler.validateJsonElement(json);
                case "policy/v1 PodDisruptionBudget" -> V1PodDisruptionBudget.validateJsonElement(json);
                case "networking.k8s.io/v1 NetworkPolicy" -> V1NetworkPolicy.validateJsonElement(json);
                case "networking.k8s.io/v1 Ingress" -> V1Ingress.validateJsonElement(json);
                case "monitoring.coreos.com/v1 ServiceMonitor" -> validateServiceMonitor(object);
                default -> throw new IllegalArgumentException("No schema known for " + type);
            }
        } catch (IOException e) {
            throw new IllegalArgumentException(e.getMessage(), e);
        }
        if (object.at("/metadata/name").asText("").isEmpty()) {
            throw new IllegalArgumentException(type + " without metadata.name");
        }
    }

    private static void validateServiceMonitor(ObjectNode monitor) {
        onlyFields(monitor, "ServiceMonitor", Set.of("apiVersion", "kind", "metadata", "spec"));
        JsonNode spec = monitor.path("spec");
        onlyFields(spec, "ServiceMonitor.spec", Set.of("selector", "endpoints", "namespaceSelector", "jobLabel",
                "targetLabels", "podTargetLabels", "sampleLimit"));
        if (!spec.path("selector").isObject()) {
            throw new IllegalArgumentException("ServiceMonitor.spec.selector is required");
        }
        if (!spec.path("endpoints").isArray() || spec.path("endpoints").isEmpty()) {
            throw new IllegalArgumentException("ServiceMonitor.spec.endpoints needs at least one endpoint");
        }
        for (JsonNode endpoint : spec.get("endpoints")) {
            onlyFields(endpoint, "ServiceMonitor endpoint", Set.of("port", "targetPort", "path", "scheme", "interval",
                    "scrapeTimeout", "honorLabels", "relabelings", "metricRelabelings"));
            if (!endpoint.path("port").isTextual()) {
                throw new IllegalArgumentException("ServiceMonitor endpoint needs a named port");
            }
        }
    }

    private static void onlyFields(JsonNode node, String what, Set<String> allowed) {
        for (Iterator<String> names = node.fieldNames(); names.hasNext();) {
            String name = names.next();
            if (!allowed.contains(name)) {
                throw new IllegalArgumentException("The field `" + name + "` is not defined in " + what);
            }
        }
    }
}
