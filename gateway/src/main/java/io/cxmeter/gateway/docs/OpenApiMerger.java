package io.cxmeter.gateway.docs;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/**
 * One OpenAPI document for the whole suite, from the gateway's and each service's: their public
 * paths (never {@code /internal}), their schemas (a name two documents define differently is
 * prefixed with the service's name, and that service's references follow), their tags, and the
 * gateway's way of calling them: an API key or an OIDC bearer token on /api, nothing on the public
 * paths. The services' own security (the internal JWT) is not the caller's concern and is left out.
 */
public final class OpenApiMerger {

    /** Paths callers reach without credentials (the gateway forwards them as they are). */
    static final List<String> OPEN_PREFIXES = List.of("/public/", "/widget/", "/r/");

    private OpenApiMerger() {
    }

    /** A source document and the name of what produced it (gateway, survey-service, …). */
    public record Source(String name, JsonObject document) {
    }

    /** The merged document; {@code server} is the gateway's public address, as callers reach it. */
    public static JsonObject merge(String title, String version, String server, List<Source> sources) {
        Map<String, JsonObject> schemas = new LinkedHashMap<>();
        // First pass: which schema names clash between documents.
        Map<String, Integer> differing = new LinkedHashMap<>();
        for (Source source : sources) {
            source.document().getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject())
                    .forEach(entry -> {
                        JsonObject schema = (JsonObject) entry.getValue();
                        JsonObject seen = schemas.putIfAbsent(entry.getKey(), schema);
                        if (seen != null && !seen.equals(schema)) {
                            differing.merge(entry.getKey(), 1, Integer::sum);
                        }
                    });
        }
        JsonObject mergedSchemas = new JsonObject();
        JsonObject paths = new JsonObject();
        Map<String, JsonObject> tags = new LinkedHashMap<>();
        for (Source source : sources) {
            JsonObject document = source.document().copy();
            String prefix = pascal(source.name()) + "_";
            JsonObject own = document.getJsonObject("components", new JsonObject()).getJsonObject("schemas", new JsonObject());
            for (String name : own.fieldNames()) {
                String merged = differing.containsKey(name) ? prefix + name : name;
                mergedSchemas.put(merged, rename(own.getJsonObject(name), differing.keySet(), prefix));
            }
            document.getJsonObject("paths", new JsonObject()).forEach(entry -> {
                if (entry.getKey().startsWith("/internal")) {
                    return;
                }
                JsonObject item = (JsonObject) rename(entry.getValue(), differing.keySet(), prefix);
                boolean open = OPEN_PREFIXES.stream().anyMatch(p -> entry.getKey().startsWith(p) || (entry.getKey() + "/").equals(p));
                for (String method : item.fieldNames()) {
                    if (item.getValue(method) instanceof JsonObject operation) {
                        operation.remove("security");
                        if (open) {
                            operation.put("security", new JsonArray());
                        } else {
                            gatewayAnswers(operation);
                        }
                    }
                }
                paths.put(entry.getKey(), item);
            });
            document.getJsonArray("tags", new JsonArray()).forEach(tag -> {
                JsonObject t = (JsonObject) tag;
                tags.putIfAbsent(t.getString("name"), t);
            });
        }
        java.util.Set<String> used = new java.util.HashSet<>();
        paths.forEach(entry -> ((JsonObject) entry.getValue()).forEach(method -> {
            if (method.getValue() instanceof JsonObject operation) {
                operation.getJsonArray("tags", new JsonArray()).forEach(tag -> used.add((String) tag));
            }
        }));
        tags.keySet().retainAll(used);
        JsonObject sortedPaths = new JsonObject();
        paths.fieldNames().stream().sorted().forEach(path -> sortedPaths.put(path, paths.getValue(path)));
        // Only the schemas the public paths reach: those of /internal (event batches, follow-up
        // requests) describe the services to each other, not to callers.
        java.util.Set<String> reached = reachable(sortedPaths, mergedSchemas);
        mergedSchemas.fieldNames().removeIf(name -> !reached.contains(name));
        return new JsonObject()
                .put("openapi", sources.isEmpty() ? "3.1.0" : sources.get(0).document().getString("openapi", "3.1.0"))
                .put("info", new JsonObject().put("title", title).put("version", version)
                        .put("description", "Every public endpoint of the suite, as the gateway serves it. Authenticate with"
                                + " X-Api-Key or an OIDC bearer token; /public, /widget and /r need neither. Every error"
                                + " is an RFC 9457 problem (application/problem+json).")
                        .put("license", new JsonObject().put("name", "Proprietary").put("identifier", "LicenseRef-Proprietary")))
                .put("servers", new JsonArray().add(new JsonObject().put("url", server.equals("/") ? server : server.replaceAll("/+$", ""))
                        .put("description", "This installation's gateway")))
                .put("tags", new JsonArray(List.copyOf(tags.values())))
                .put("paths", sortedPaths)
                .put("components", new JsonObject()
                        .put("schemas", mergedSchemas)
                        .put("securitySchemes", new JsonObject()
                                .put("apiKey", new JsonObject().put("type", "apiKey").put("in", "header").put("name", "X-Api-Key")
                                        .put("description", "An API key of the tenant (POST /api/v1/api-keys); its scopes"
                                                + " (read, write, admin) decide what it may do"))
                                .put("bearer", new JsonObject().put("type", "http").put("scheme", "bearer")
                                        .put("bearerFormat", "JWT")
                                        .put("description", "An access token from the tenant's OIDC provider; its roles"
                                                + " (read, write, admin) decide what it may do"))))
                .put("security", new JsonArray().add(new JsonObject().put("apiKey", new JsonArray()))
                        .add(new JsonObject().put("bearer", new JsonArray())));
    }

    /** What the gateway itself answers on every path that needs credentials, before any service is asked. */
    private static final Map<String, String> GATEWAY_ANSWERS = Map.of(
            "401", "No API key or bearer token, or one that is not valid",
            "403", "The key or token lacks the scope this operation needs (read, write or admin)",
            "429", "Too many requests for this tenant; Retry-After says when to try again");

    private static void gatewayAnswers(JsonObject operation) {
        JsonObject responses = operation.getJsonObject("responses");
        if (responses == null) {
            responses = new JsonObject();
            operation.put("responses", responses);
        }
        for (Map.Entry<String, String> answer : new java.util.TreeMap<>(GATEWAY_ANSWERS).entrySet()) {
            if (!responses.containsKey(answer.getKey())) {
                responses.put(answer.getKey(), new JsonObject().put("description", answer.getValue())
                        .put("content", new JsonObject().put("application/problem+json", new JsonObject()
                                .put("schema", new JsonObject().put("$ref", "#/components/schemas/Problem")))));
            }
        }
    }

    /** The schema names {@code root} refers to, directly or through other schemas. */
    static java.util.Set<String> reachable(JsonObject root, JsonObject schemas) {
        java.util.Set<String> reached = new java.util.TreeSet<>();
        java.util.Deque<Object> pending = new java.util.ArrayDeque<>(List.of(root));
        while (!pending.isEmpty()) {
            Object value = pending.pop();
            if (value instanceof JsonObject object) {
                object.forEach(entry -> {
                    if (entry.getKey().equals("$ref") && entry.getValue() instanceof String ref
                            && ref.startsWith("#/components/schemas/")) {
                        String name = ref.substring("#/components/schemas/".length());
                        if (reached.add(name) && schemas.containsKey(name)) {
                            pending.push(schemas.getJsonObject(name));
                        }
                    } else if (entry.getValue() != null) {
                        pending.push(entry.getValue());
                    }
                });
            } else if (value instanceof JsonArray array) {
                array.forEach(item -> {
                    if (item != null) {
                        pending.push(item);
                    }
                });
            }
        }
        return reached;
    }

    /** The value with every reference to a clashing schema pointed at the service's prefixed copy. */
    private static Object rename(Object value, java.util.Set<String> clashing, String prefix) {
        if (value instanceof JsonObject object) {
            JsonObject copy = new JsonObject();
            object.forEach(entry -> {
                if (entry.getKey().equals("$ref") && entry.getValue() instanceof String ref
                        && ref.startsWith("#/components/schemas/")
                        && clashing.contains(ref.substring("#/components/schemas/".length()))) {
                    copy.put("$ref", "#/components/schemas/" + prefix + ref.substring("#/components/schemas/".length()));
                } else {
                    copy.put(entry.getKey(), rename(entry.getValue(), clashing, prefix));
                }
            });
            return copy;
        }
        if (value instanceof JsonArray array) {
            JsonArray copy = new JsonArray();
            array.forEach(item -> copy.add(rename(item, clashing, prefix)));
            return copy;
        }
        return value;
    }

    private static JsonObject rename(JsonObject value, java.util.Set<String> clashing, String prefix) {
        return (JsonObject) rename((Object) value, clashing, prefix);
    }

    /** survey-service → SurveyService */
    static String pascal(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("-")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
