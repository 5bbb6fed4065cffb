package io.cxmeter.events;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.victools.jsonschema.generator.CustomDefinition;
import com.github.victools.jsonschema.generator.Option;
import com.github.victools.jsonschema.generator.OptionPreset;
import com.github.victools.jsonschema.generator.SchemaGenerator;
import com.github.victools.jsonschema.generator.SchemaGeneratorConfigBuilder;
import com.github.victools.jsonschema.generator.SchemaVersion;
import com.github.victools.jsonschema.module.jackson.JacksonModule;
import com.github.victools.jsonschema.module.jackson.JacksonOption;

/**
 * The published JSON Schema of each topic (docs/events/) is the one its record gives. After changing a
 * record, write them again with {@code -Devents.schemas.write=true}.
 */
class EventSchemaTest {

    private static final Path PUBLISHED = Path.of("../../docs/events");

    static String schema(Topic topic) throws IOException {
        SchemaGeneratorConfigBuilder config = new SchemaGeneratorConfigBuilder(Json.MAPPER, SchemaVersion.DRAFT_2020_12,
                OptionPreset.PLAIN_JSON)
                .with(new JacksonModule(JacksonOption.RESPECT_JSONPROPERTY_REQUIRED))
                .with(Option.EXTRA_OPEN_API_FORMAT_VALUES, Option.NULLABLE_FIELDS_BY_DEFAULT,
                        Option.MAP_VALUES_AS_ADDITIONAL_PROPERTIES)
                .without(Option.NULLABLE_ARRAY_ITEMS_ALLOWED);
        // A required field is never null; any other may be.
        config.forFields().withNullableCheck(field -> {
            JsonProperty property = field.getAnnotationConsideringFieldAndGetter(JsonProperty.class);
            return property != null && property.required() ? Boolean.FALSE : null;
        });
        // A vocabulary enum is its wire names.
        config.forTypesInGeneral().withCustomDefinitionProvider((type, context) -> {
            Class<?> erased = type.getErasedType();
            if (!erased.isEnum() || !WireValue.class.isAssignableFrom(erased)) {
                return null;
            }
            ObjectNode definition = context.getGeneratorConfig().createObjectNode().put("type", "string");
            ArrayNode names = definition.putArray("enum");
            for (Object constant : erased.getEnumConstants()) {
                names.add(((WireValue) constant).wire());
            }
            return new CustomDefinition(definition);
        });
        config.forTypesInGeneral().withTitleResolver(scope -> scope.getType().getErasedType() == topic.payload()
                ? topic.wire() + " (contract version " + Topic.VERSION + ")" : null);
        ObjectNode schema = new SchemaGenerator(config.build()).generateSchema(topic.payload());
        return Json.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(schema) + "\n";
    }

    @Test
    void everyTopicsPublishedSchemaIsItsRecords() throws IOException {
        boolean write = Boolean.getBoolean("events.schemas.write");
        for (Topic topic : Topic.values()) {
            Path published = PUBLISHED.resolve(topic.wire() + ".schema.json");
            String expected = schema(topic);
            if (write) {
                Files.createDirectories(PUBLISHED);
                Files.writeString(published, expected);
            }
            assertEquals(expected, Files.exists(published) ? Files.readString(published) : "",
                    published + " differs from the " + topic.payload().getSimpleName()
                            + " record: run this test with -Devents.schemas.write=true and commit the result");
        }
    }
}
