package io.cxmeter.problem;

import java.io.IOException;
import java.util.Collection;
import java.util.Map;

import jakarta.inject.Singleton;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.BeanProperty;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.KeyDeserializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.cfg.CoercionAction;
import com.fasterxml.jackson.databind.cfg.CoercionInputShape;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.deser.std.UntypedObjectDeserializer;
import com.fasterxml.jackson.databind.module.SimpleModule;
import com.fasterxml.jackson.databind.type.LogicalType;

import io.quarkus.jackson.ObjectMapperCustomizer;

/**
 * What every service's JSON reader refuses beyond Jackson's defaults, each failure naming the field
 * ({@link ProblemMappers} turns it into a 400):
 * <ul>
 * <li>the NUL character (U+0000) in any string: text fields, list elements, map keys and free-form
 * values. PostgreSQL cannot store it in text or jsonb, so such a body used to fail in the database
 * after validation passed;</li>
 * <li>a number where true or false is expected (Jackson would read 0 as false and anything else as true).</li>
 * </ul>
 */
@Singleton
public class StrictJsonInput implements ObjectMapperCustomizer {

    static final String MESSAGE = "must not contain the NUL character (U+0000)";

    @Override
    public void customize(ObjectMapper mapper) {
        SimpleModule module = new SimpleModule("strict-json-input");
        module.addDeserializer(String.class, new Strings());
        module.addKeyDeserializer(String.class, new Keys());
        module.addDeserializer(Object.class, new FreeForm());
        mapper.registerModule(module);
        mapper.coercionConfigFor(LogicalType.Boolean).setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
                .setCoercion(CoercionInputShape.Float, CoercionAction.Fail);
    }

    /** Whether {@code text} holds a NUL character. */
    public static boolean containsNul(CharSequence text) {
        for (int i = 0; i < text.length(); i++) {
            if (text.charAt(i) == '\0') {
                return true;
            }
        }
        return false;
    }

    private static String checked(String value, JsonParser parser) throws JsonMappingException {
        if (value != null && containsNul(value)) {
            throw JsonMappingException.from(parser, MESSAGE);
        }
        return value;
    }

    static final class Strings extends StringDeserializer {
        @Override
        public String deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            return checked(super.deserialize(parser, context), parser);
        }
    }

    static final class Keys extends KeyDeserializer {
        @Override
        public Object deserializeKey(String key, DeserializationContext context) throws IOException {
            return checked(key, context.getParser());
        }
    }

    /** Free-form JSON (maps of anything): every string and key inside it. */
    static final class FreeForm extends UntypedObjectDeserializer {
        FreeForm() {
            super((JavaType) null, (JavaType) null);
        }

        /** Stays itself: the base class would hand out its plain "vanilla" or merge variants. */
        @Override
        public JsonDeserializer<?> createContextual(DeserializationContext context, BeanProperty property) {
            return this;
        }

        @Override
        public Object deserialize(JsonParser parser, DeserializationContext context) throws IOException {
            Object value = super.deserialize(parser, context);
            if (hasNul(value)) {
                throw JsonMappingException.from(parser, MESSAGE);
            }
            return value;
        }

        private static boolean hasNul(Object value) {
            if (value instanceof String text) {
                return containsNul(text);
            }
            if (value instanceof Map<?, ?> map) {
                for (Map.Entry<?, ?> entry : map.entrySet()) {
                    if (hasNul(entry.getKey()) || hasNul(entry.getValue())) {
                        return true;
                    }
                }
            }
            if (value instanceof Collection<?> items) {
                for (Object item : items) {
                    if (hasNul(item)) {
                        return true;
                    }
                }
            }
            return false;
        }
    }
}
