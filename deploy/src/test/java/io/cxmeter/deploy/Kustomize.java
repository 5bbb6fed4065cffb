package io.cxmeter.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders a kustomization the way {@code kustomize build} does, for the features our manifests use:
 * {@code resources}, {@code namespace}, {@code replicas}, {@code images} and inline JSON 6902
 * {@code patches} selected by kind, name or label. Any other field fails loudly, so a manifest
 * change cannot slip past the checks; {@code ManifestsTest} compares the result with
 * {@code kubectl kustomize} wherever kubectl is installed.
 */
final class Kustomize {

    static final YAMLMapper YAML = new YAMLMapper();

    private static final Set<String> SUPPORTED = Set.of("apiVersion", "kind", "resources", "namespace", "replicas",
            "images", "patches");

    private Kustomize() {
    }

    static List<ObjectNode> build(Path directory) {
        JsonNode kustomization = readOne(directory.resolve("kustomization.yaml"));
        kustomization.fieldNames().forEachRemaining(field -> {
            if (!SUPPORTED.contains(field)) {
                throw new IllegalArgumentException(directory + ": kustomization field '" + field
                        + "' is not supported by the test renderer; extend Kustomize or avoid it");
            }
        });
        List<ObjectNode> objects = new ArrayList<>();
        for (JsonNode resource : kustomization.path("resources")) {
            Path path = directory.resolve(resource.asText()).normalize();
            objects.addAll(Files.isDirectory(path) ? build(path) : readAll(path));
        }
        for (JsonNode patch : kustomization.path("patches")) {
            applyPatch(objects, patch, directory);
        }
        if (kustomization.has("namespace")) {
            String namespace = kustomization.get("namespace").asText();
            objects.forEach(o -> ((ObjectNode) o.get("metadata")).put("namespace", namespace));
        }
        for (JsonNode replicas : kustomization.path("replicas")) {
            objects.stream()
                    .filter(o -> Set.of("Deployment", "StatefulSet").contains(o.path("kind").asText()))
                    .filter(o -> o.at("/metadata/name").asText().equals(replicas.get("name").asText()))
                    .forEach(o -> ((ObjectNode) o.get("spec")).put("replicas", replicas.get("count").asInt()));
        }
        for (JsonNode image : kustomization.path("images")) {
            objects.forEach(o -> retag(o, image));
        }
        return objects;
    }

    private static void applyPatch(List<ObjectNode> objects, JsonNode patch, Path directory) {
        JsonNode operations = readOneString(patch.get("patch").asText());
        if (!operations.isArray()) {
            throw new IllegalArgumentException(directory + ": only inline JSON 6902 patches are supported");
        }
        JsonNode target = patch.get("target");
        objects.stream().filter(o -> matches(o, target)).forEach(o -> {
            for (JsonNode operation : operations) {
                JsonPatch.apply(o, operation);
            }
        });
    }

    private static boolean matches(ObjectNode object, JsonNode target) {
        if (target.has("kind") && !target.get("kind").asText().equals(object.path("kind").asText())) {
            return false;
        }
        if (target.has("name") && !target.get("name").asText().equals(object.at("/metadata/name").asText())) {
            return false;
        }
        if (target.has("labelSelector")) {
            for (String requirement : target.get("labelSelector").asText().split(",")) {
                String[] pair = requirement.split("=", 2);
                if (!pair[1].equals(object.at("/metadata/labels").path(pair[0]).asText(null))) {
                    return false;
                }
            }
        }
        return true;
    }

    private static void retag(ObjectNode object, JsonNode image) {
        for (JsonNode container : object.at("/spec/template/spec/containers")) {
            String current = container.get("image").asText();
            String name = current.contains(":") ? current.substring(0, current.lastIndexOf(':')) : current;
            if (name.equals(image.get("name").asText())) {
                String tag = image.has("newTag") ? image.get("newTag").asText()
                        : current.substring(current.lastIndexOf(':') + 1);
                ((ObjectNode) container).put("image", image.path("newName").asText(name) + ":" + tag);
            }
        }
    }

    static List<ObjectNode> readAll(Path file) {
        try {
            return readAllString(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<ObjectNode> readAllString(String yaml) {
        List<ObjectNode> documents = new ArrayList<>();
        try {
            Iterator<JsonNode> docs = YAML.readerFor(JsonNode.class).readValues(yaml);
            while (docs.hasNext()) {
                JsonNode doc = docs.next();
                if (doc != null && doc.isObject() && !doc.isEmpty()) {
                    documents.add((ObjectNode) doc);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return documents;
    }

    private static JsonNode readOne(Path file) {
        try {
            return readOneString(Files.readString(file));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode readOneString(String yaml) {
        try {
            return YAML.readTree(yaml);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The RFC 6902 operations our overlays use: add, replace, remove. */
    static final class JsonPatch {

        private JsonPatch() {
        }

        static void apply(ObjectNode document, JsonNode operation) {
            String path = operation.get("path").asText();
            int split = path.lastIndexOf('/');
            JsonNode parent = document.at(path.substring(0, split));
            String last = path.substring(split + 1).replace("~1", "/").replace("~0", "~");
            if (parent.isMissingNode()) {
                throw new IllegalArgumentException("No parent for patch path " + path + " in " + document.at("/metadata/name"));
            }
            switch (operation.get("op").asText()) {
                case "add", "replace" -> set(parent, last, operation.get("value").deepCopy(), path,
                        operation.get("op").asText().equals("replace"));
                case "remove" -> remove(parent, last, path);
                default -> throw new IllegalArgumentException("Unsupported patch op " + operation.get("op"));
            }
        }

        private static void set(JsonNode parent, String key, JsonNode value, String path, boolean mustExist) {
            if (parent instanceof ObjectNode object) {
                if (mustExist && !object.has(key)) {
                    throw new IllegalArgumentException("replace of missing " + path);
                }
                object.set(key, value);
            } else if (parent instanceof ArrayNode array) {
                if (key.equals("-")) {
                    array.add(value);
                } else if (mustExist) {
                    array.set(Integer.parseInt(key), value);
                } else {
                    array.insert(Integer.parseInt(key), value);
                }
            }
        }

        private static void remove(JsonNode parent, String key, String path) {
            if (parent instanceof ObjectNode object && object.has(key)) {
                object.remove(key);
            } else if (parent instanceof ArrayNode array) {
                array.remove(Integer.parseInt(key));
            } else {
                throw new IllegalArgumentException("remove of missing " + path);
            }
        }
    }

    /** Objects by kind and name: the identity kustomize itself uses. */
    static Map<String, ObjectNode> byId(List<ObjectNode> objects) {
        Map<String, ObjectNode> index = new java.util.TreeMap<>();
        for (ObjectNode object : objects) {
            String id = object.path("kind").asText() + "/" + object.at("/metadata/name").asText();
            if (index.put(id, object) != null) {
                throw new IllegalArgumentException("Two objects named " + id);
            }
        }
        return index;
    }
}
