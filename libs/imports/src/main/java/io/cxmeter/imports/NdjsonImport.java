package io.cxmeter.imports;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Function;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;

import io.cxmeter.problem.Problem;
import io.cxmeter.problem.ProblemException;

/**
 * The bulk-import rules of docs/api.md for any record type: one JSON object a line, blank lines
 * ignored, every bad line reported as {@code {line, error}}, the same key twice in one file an
 * error, and all-or-nothing. A file is read line by line from a stream: memory does not grow with
 * its size (one line at a time, a compact table of the keys seen, the first errors).
 *
 * @param <L> the line as JSON maps it (unknown fields are errors)
 * @param <R> the validated record
 */
public final class NdjsonImport<L, R> {

    /** The longest line read; a longer one is reported, not held in memory. */
    public static final int MAX_LINE = 1 << 20;
    /** How many bad lines a report lists; the total is always counted. */
    public static final int LISTED_ERRORS = 100;

    /** Checks one parsed line, adding what is wrong to {@code problems}; returns the record or null. */
    @FunctionalInterface
    public interface Validator<L, R> {
        R validate(L line, List<String> problems);
    }

    /** Told after every line read: how many lines were read, how many of them are valid, how many are not. */
    @FunctionalInterface
    public interface Progress {
        void lines(long read, long valid, long invalid);
    }

    /**
     * What a scan found.
     *
     * @param read       the non-blank lines read
     * @param valid      how many of them are valid records
     * @param invalid    how many lines are bad
     * @param errors     the first {@link #LISTED_ERRORS} problems, by line
     */
    public record Scan(long read, long valid, long invalid, List<Problem.Violation> errors) {

        public boolean clean() {
            return invalid == 0;
        }

        /** The 422 a caller gets for a file with bad lines. */
        public ProblemException rejection() {
            String listed = errors.size() < invalid ? " The first " + errors.size() + " problems are listed." : "";
            return ProblemException.unprocessable(invalid + (invalid == 1 ? " line is" : " lines are")
                    + " invalid; nothing was imported." + listed, errors);
        }
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

    public String noun() {
        return noun;
    }

    /**
     * Reads every line of {@code in}, handing each valid record to {@code valid} in file order and
     * reporting progress; blank lines are skipped but counted in line numbers.
     */
    public Scan scan(Reader in, Consumer<R> valid, Progress progress) {
        KeyFingerprints keys = keyOf == null ? null : new KeyFingerprints();
        List<Problem.Violation> errors = new ArrayList<>();
        long read = 0;
        long good = 0;
        long bad = 0;
        try (Lines lines = new Lines(in, MAX_LINE)) {
            while (lines.next()) {
                if (lines.blank()) {
                    continue;
                }
                read++;
                List<String> problems = new ArrayList<>();
                R record = lines.tooLong() ? tooLong(problems) : read(lines.text(), problems);
                if (record != null && problems.isEmpty() && keys != null) {
                    String key = keyOf.apply(record);
                    int earlier = keys.putIfAbsent(key, lines.number());
                    if (earlier > 0) {
                        problems.add("id '" + key + "' is also on line " + earlier + "; each " + noun + " once per import");
                    }
                }
                if (problems.isEmpty()) {
                    good++;
                    valid.accept(record);
                } else {
                    bad++;
                    for (String problem : problems) {
                        if (errors.size() < LISTED_ERRORS) {
                            errors.add(Problem.Violation.ofLine(lines.number(), problem));
                        }
                    }
                }
                progress.lines(read, good, bad);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        if (read == 0) {
            errors.add(Problem.Violation.ofLine(1, "the file holds no " + noun + " lines"));
            bad = 1;
        }
        return new Scan(read, good, bad, List.copyOf(errors));
    }

    /** The records of a file held in memory; throws 422 naming the bad lines when any line is bad. */
    public List<R> parseOrReject(String ndjson) {
        List<R> records = new ArrayList<>();
        Scan scan = scan(new StringReader(ndjson), records::add, (read, valid, invalid) -> {
        });
        if (!scan.clean()) {
            throw scan.rejection();
        }
        return records;
    }

    private R tooLong(List<String> problems) {
        problems.add("the line is longer than " + (MAX_LINE >> 20) + " MB; one " + noun + " a line");
        return null;
    }

    private R read(String text, List<String> problems) {
        L line;
        try {
            line = reader.readValue(text);
        } catch (JsonProcessingException e) {
            io.cxmeter.problem.JsonErrors.Mistake mistake = io.cxmeter.problem.JsonErrors.describe(e);
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
