package io.cxmeter.suite;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * What the browser tests drive: Debian's Chromium and the scripts of src/test/browser with their npm
 * packages, installed by {@code install.sh} into the build directory, and where screenshots go.
 *
 * @param build     the suite module's build directory
 * @param scripts   the installed scripts, run with Node.js
 * @param artifacts screenshots and logs kept for a person to look at
 */
record BrowserTools(Path build, Path scripts, Path artifacts) {

    static BrowserTools install() throws IOException, InterruptedException {
        Path build = Path.of(System.getProperty("cxmeter.suite.work-dir", "target/suite-it")).toAbsolutePath().getParent();
        Path scripts = build.resolve("browser");
        Path artifacts = Files.createDirectories(build.resolve("browser-artifacts"));
        Processes.run(List.of("bash", Path.of("src/test/browser/install.sh").toAbsolutePath().toString(), scripts.toString()),
                null, build.resolve("browser-install.log"), 15);
        return new BrowserTools(build, scripts, artifacts);
    }

    /** {@code node <script> <args>} within the minutes given, its output logged to {@code log}; what it printed. */
    String node(String script, String args, Path log, int minutes) throws IOException, InterruptedException {
        return Processes.run(List.of("node", scripts.resolve(script).toString(), args), null, log, minutes);
    }
}
