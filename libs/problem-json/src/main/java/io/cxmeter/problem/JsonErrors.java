package io.cxmeter.problem;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.temporal.Temporal;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.InputCoercionException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.IgnoredPropertyException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;

/**
 * What is wrong with a JSON body, in the product's words: the field it is about (when the parser got
 * that far) and what the field must be. Jackson's own messages name Java classes and parser tokens,
 * which mean nothing to a tenant and say too much about the server.
 */
public final class JsonErrors {

    /** One JSON mistake: {@code field} is null when the body is not JSON at all. */
    public record Mistake(String field, String error) {
    }

    private JsonErrors() {
    }

    public static Mistake describe(JsonProcessingException e) {
        String field = field(e);
        if (e instanceof UnrecognizedPropertyException || e instanceof IgnoredPropertyException) {
            return new Mistake(field, "is not a field of this object");
        }
        if (e instanceof JsonMappingException && StrictJsonInput.MESSAGE.equals(e.getOriginalMessage())) {
            return new Mistake(field, StrictJsonInput.MESSAGE);
        }
        if (e instanceof InvalidFormatException invalid) {
            return new Mistake(field, mustBe(invalid.getTargetType(), invalid.getOriginalMessage()));
        }
        if (e instanceof MismatchedInputException mismatched) {
            if (mismatched.getTargetType() != null) {
                return new Mistake(field, mustBe(mismatched.getTargetType(), mismatched.getOriginalMessage()));
            }
            return new Mistake(field, "has a value of the wrong type");
        }
        if (e instanceof InputCoercionException) {
            return new Mistake(field, "is a number out of the accepted range");
        }
        if (e instanceof JsonMappingException) {
            return new Mistake(field, "has an invalid value");
        }
        String message = e.getOriginalMessage() == null ? "" : e.getOriginalMessage();
        if (message.contains("'NaN'") || message.contains("Infinity")) {
            return new Mistake(field, "must be a number (NaN and Infinity are not JSON numbers)");
        }
        String where = e.getLocation() == null ? ""
                : " (line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ")";
        return new Mistake(field, "is not valid JSON" + where);
    }

    /** The JSON path of the field the error is about ({@code events[2].at}), or null. */
    private static String field(JsonProcessingException e) {
        if (e instanceof JsonMappingException mapping && !mapping.getPath().isEmpty()) {
            StringBuilder field = new StringBuilder();
            for (JsonMappingException.Reference ref : mapping.getPath()) {
                if (ref.getFieldName() != null) {
                    field.append(field.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    field.append('[').append(ref.getIndex()).append(']');
                }
            }
            return field.toString();
        }
        // A parse error (a bad number, a broken token): the parser knows which field it was reading.
        if (e.getProcessor() instanceof JsonParser parser) {
            return parser.getParsingContext() == null ? null : parser.getParsingContext().getCurrentName();
        }
        return null;
    }

    private static String mustBe(Class<?> type, String jacksonMessage) {
        if (type == null) {
            return "has a value of the wrong type";
        }
        if (type.isEnum()) {
            return "must be one of " + enumValues(type, jacksonMessage);
        }
        if (Temporal.class.isAssignableFrom(type)) {
            return "must be an ISO-8601 instant with offset, like 2026-02-01T00:00:00Z";
        }
        if (type == String.class || CharSequence.class.isAssignableFrom(type)) {
            return "must be a string";
        }
        if (type == int.class || type == Integer.class || type == long.class || type == Long.class
                || type == short.class || type == Short.class || type == BigInteger.class) {
            return "must be a whole number in range";
        }
        if (type == double.class || type == Double.class || type == float.class || type == Float.class
                || type == BigDecimal.class || Number.class.isAssignableFrom(type)) {
            return "must be a number";
        }
        if (type == boolean.class || type == Boolean.class) {
            return "must be true or false";
        }
        if (type.isArray() || Collection.class.isAssignableFrom(type)) {
            return "must be a list";
        }
        if (Map.class.isAssignableFrom(type)) {
            return "must be an object";
        }
        return "must be an object of the documented shape";
    }

    /** The accepted values as the JSON spells them: Jackson lists them in its message; else the constants. */
    private static String enumValues(Class<?> type, String jacksonMessage) {
        if (jacksonMessage != null) {
            int open = jacksonMessage.lastIndexOf('[');
            int close = jacksonMessage.lastIndexOf(']');
            if (open >= 0 && close > open) {
                return jacksonMessage.substring(open + 1, close).replace("\"", "").trim();
            }
        }
        return Arrays.stream(type.getEnumConstants()).map(Object::toString).collect(Collectors.joining(", "));
    }

    /** The mistakes as problem violations. */
    static List<Problem.Violation> violations(Mistake mistake) {
        return List.of(Problem.Violation.ofField(mistake.field() == null ? "body" : mistake.field(), mistake.error()));
    }
}
