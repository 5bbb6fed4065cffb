package io.cxmeter.bench;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

import io.cxmeter.suite.LocalSuite;

/**
 * CPU time used so far by the processes that share the machine's cores during a benchmark: one
 * service, the embedded PostgreSQL server (its postmaster and every backend and worker forked from
 * it, read from the OS as they are now) and this harness. Two readings taken around a phase say what
 * the phase cost each of them, which tells where to look when a rate is short: on a machine with
 * two cores, every process competes for the same time.
 */
record CpuTimes(Map<String, Duration> byProcess) {

    static CpuTimes read(LocalSuite suite, String service) {
        Map<String, Duration> times = new LinkedHashMap<>();
        times.put(service, cpu(suite.process(service)));
        times.put("PostgreSQL", postgres(suite.postgres().port()));
        times.put("benchmark harness", cpu(ProcessHandle.current()));
        return new CpuTimes(times);
    }

    /** What each process used between {@code before} and this reading. */
    CpuTimes since(CpuTimes before) {
        Map<String, Duration> used = new LinkedHashMap<>();
        byProcess.forEach((name, total) -> used.put(name, total.minus(before.byProcess.getOrDefault(name, Duration.ZERO))));
        return new CpuTimes(used);
    }

    /** One line: CPU milliseconds per {@code per} units of work, for each process. */
    String perUnit(long units, long per, String unit) {
        StringBuilder line = new StringBuilder();
        byProcess.forEach((name, used) -> line.append(line.isEmpty() ? "" : ", ")
                .append(String.format("%s %.0f ms", name, used.toNanos() / 1e6 / units * per)));
        return String.format("CPU per %,d %s: %s", per, unit, line);
    }

    private static Duration cpu(ProcessHandle process) {
        return process.info().totalCpuDuration().orElse(Duration.ZERO);
    }

    /** The postmaster listening on {@code port} and all its children (backends fork without exec). */
    private static Duration postgres(int port) {
        Optional<ProcessHandle> postmaster = ProcessHandle.allProcesses()
                .filter(p -> p.info().command().map(c -> c.endsWith("/bin/postgres")).orElse(false))
                .filter(p -> p.info().arguments().map(a -> String.join(" ", a).contains("-p " + port)).orElse(false))
                .findFirst();
        return postmaster.map(p -> p.children().map(CpuTimes::cpu).reduce(cpu(p), Duration::plus)).orElse(Duration.ZERO);
    }
}
