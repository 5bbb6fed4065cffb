package io.cxmeter.imports;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.cxmeter.problem.JsonErrors;
import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemException;

/**
 * The bulk-import rules of docs/api.md for any record type: one JSON object a line, blank lines
 * ignored, every bad line reported as {@code {line, error}}, the same key twice in one file an
 * error, and all-or-nothing: records are returned only when every line is valid.
 *
 * @param <L> the line as JSON maps it (unknown fields are errors)
 * @param <R> the validated record
 */
public final class NdjsonImport<L, R> {

    /** Checks one parsed line, adding what is wrong to {@code problems}; returns the record or null. */
    @FunctionalInterface
    public interface Validator<L, R> {
        R validate(L line, List<String> problems);
    }

    private final ObjectReader reader;
    private final Validator<L, R> validator;
    private final Function<R, String> keyOf;
    private final String noun;

    public NdjsonImport(ObjectMapper mapper, Class<L> lineType, Validator<L, R> validator, Function<R, String> keyOf,
            String noun) {
        // Strict: unknown fields are typos, and 3.5 points are not 3.
        this.reader = mapper.readerFor(lineType).with(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .without(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        this.validator = validator;
        this.keyOf = keyOf;
        this.noun = noun;
    }

    /** The records of the file; throws 422 naming every bad line when any line is bad. */
    public List<R> parseOrReject(String ndjson) {
        List<R> records = new ArrayList<>();
        List<Problem.Violation> errors = new ArrayList<>();
        Map<String, Integer> firstLineOfKey = new HashMap<>();
        String[] lines = ndjson.split("\r?\n", -1);
        for (int i = 0; i < lines.length; i++) {
            int number = i + 1;
            if (lines[i].isBlank()) {
                continue;
            }
            List<String> problems = new ArrayList<>();
            R record = read(lines[i], problems);
            if (record != null && problems.isEmpty() && keyOf != null) {
                Integer earlier = firstLineOfKey.putIfAbsent(keyOf.apply(record), number);
                if (earlier != null) {
                    problems.add("id '" + keyOf.apply(record) + "' is also on line " + earlier + "; each " + noun
                            + " once per import");
                }
            }
            if (problems.isEmpty()) {
                records.add(record);
            } else {
                problems.forEach(problem -> errors.add(Problem.Violation.ofLine(number, problem)));
            }
        }
        if (records.isEmpty() && errors.isEmpty()) {
            errors.add(Problem.Violation.ofLine(1, "the file holds no " + noun + " lines"));
        }
        if (!errors.isEmpty()) {
            long bad = errors.stream().map(Problem.Violation::line).distinct().count();
            throw ProblemException.unprocessable(bad + (bad == 1 ? " line is" : " lines are")
                    + " invalid; nothing was imported.", errors);
        }
        return records;
    }

    private R read(String text, List<String> problems) {
        L line;
        try {
            line = reader.readValue(text);
        } catch (JsonProcessingException e) {
            JsonErrors.Mistake mistake = JsonErrors.describe(e);
            problems.add(mistake.field() == null ? "not a " + noun + " object: the line " + mistake.error()
                    : mistake.field() + " " + mistake.error());
            return null;
        }
        if (line == null) {
            problems.add("not a " + noun + " object");
            return null;
        }
        return validator.validate(line, problems);
    }
}
