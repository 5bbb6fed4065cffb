package io.cxmeter.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Tools the end-to-end tests run (npm, node, tsc): to completion, with their output kept in a log. */
public final class Processes {

    private Processes() {
    }

    /**
     * Runs {@code command} in {@code directory} (null: the current one) within the minutes given; its
     * output, or a failure that shows it.
     */
    public static String run(List<String> command, Path directory, Path log, int minutes) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
        if (directory != null) {
            builder.directory(directory.toFile());
        }
        Process process = builder.start();
        if (!process.waitFor(minutes, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError(String.join(" ", command) + " did not finish within " + minutes + " min: " + Files.readString(log));
        }
        String output = Files.readString(log);
        if (process.exitValue() != 0) {
            throw new AssertionError(String.join(" ", command.subList(0, Math.min(3, command.size()))) + " failed:\n" + output);
        }
        return output;
    }

    /** The last line a command printed: where the browser and client scripts put their one JSON answer. */
    public static String lastLine(String output) {
        String text = output.strip();
        return text.substring(text.lastIndexOf('\n') + 1);
    }
}
