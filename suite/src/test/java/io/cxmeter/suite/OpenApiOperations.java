package io.cxmeter.suite;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;

/** The operations of the merged OpenAPI document, for tests that try each one. */
final class OpenApiOperations {

    /** One operation: its method, path template, path parameters and description. */
    record Operation(String method, String template, List<String> pathParams, JsonObject spec) {

        /** The template with each path parameter replaced by {@code value.apply(name)}. */
        String fill(java.util.function.Function<String, String> value) {
            String path = template;
            for (String param : pathParams) {
                path = path.replace("{" + param + "}", value.apply(param));
            }
            return path;
        }

        /** The JSON body's schema and example base, or null without a JSON body. */
        JsonObject jsonExample(JsonObject schemas) {
            JsonObject media = spec.getJsonObject("requestBody", new JsonObject()).getJsonObject("content", new JsonObject())
                    .getJsonObject("application/json");
            return media == null ? null : example(resolve(media.getJsonObject("schema", new JsonObject()), schemas), media);
        }
    }

    private final JsonObject document;

    OpenApiOperations(String json) {
        this.document = new JsonObject(json);
    }

    JsonObject schemas() {
        return document.getJsonObject("components").getJsonObject("schemas");
    }

    List<Operation> all() {
        List<Operation> operations = new ArrayList<>();
        JsonObject paths = document.getJsonObject("paths");
        for (String template : paths.fieldNames()) {
            JsonObject item = paths.getJsonObject(template);
            List<String> params = new ArrayList<>();
            Matcher m = Pattern.compile("\\{([^}]+)}").matcher(template);
            while (m.find()) {
                params.add(m.group(1));
            }
            for (String method : item.fieldNames()) {
                if (item.getValue(method) instanceof JsonObject spec
                        && List.of("get", "post", "put", "patch", "delete").contains(method)) {
                    operations.add(new Operation(method.toUpperCase(), template, List.copyOf(params), spec));
                }
            }
        }
        return operations;
    }

    static JsonObject resolve(JsonObject schema, JsonObject schemas) {
        String ref = schema.getString("$ref");
        if (ref != null && ref.startsWith("#/components/schemas/")) {
            return schemas.getJsonObject(ref.substring("#/components/schemas/".length()), new JsonObject());
        }
        return schema;
    }

    static String typeOf(JsonObject schema) {
        Object type = schema.getValue("type");
        if (type instanceof JsonArray types) {
            return types.stream().map(String::valueOf).filter(t -> !t.equals("null")).findFirst().orElse("");
        }
        return type == null ? "" : type.toString();
    }

    /** The operation's example as a body base (so that a test changes one thing at a time). */
    static JsonObject example(JsonObject schema, JsonObject media) {
        Object example = media.getValue("example", schema.getValue("example"));
        try {
            if (example instanceof JsonObject object) {
                return object.copy();
            }
            if (example instanceof String text && text.trim().startsWith("{")) {
                return new JsonObject(text.trim().lines().findFirst().orElse("{}"));
            }
        } catch (RuntimeException e) {
            // an example that is not one JSON object: start from nothing
        }
        return new JsonObject();
    }
}
