package furniture.catalog.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * CPU time of named processes (the catalog server, the database, this generator, the bare gRPC server), read from
 * {@code /proc/<pid>/stat} (user + system time, all threads). A run's figures are CPU per operation of each process:
 * on a machine whose cores every phase saturates, throughput is cores divided by the CPU an operation costs all of them
 * together, so a process's share is what it costs, whatever the others do.
 */
final class CpuMeter {
    /** Clock ticks per second of /proc's times ({@code getconf CLK_TCK}); 100 on every Linux this runs on. */
    private static final double TICKS_PER_SECOND = ticksPerSecond();

    private final Map<String, Long> pids = new LinkedHashMap<>();

    /** Starts (or stops, with a null pid) counting {@code name}'s CPU. */
    synchronized void watch(String name, Long pid) {
        if (pid == null) {
            pids.remove(name);
        } else {
            pids.put(name, pid);
        }
    }

    /** Each watched process's CPU seconds so far (processes that are gone are left out). */
    synchronized Map<String, Double> snapshot() {
        Map<String, Double> seconds = new LinkedHashMap<>();
        pids.forEach((name, pid) -> {
            try {
                String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
                // Fields after the command name, which is in parentheses and may hold spaces: state is field 3.
                String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                long ticks = Long.parseLong(fields[11]) + Long.parseLong(fields[12]); // utime (14), stime (15)
                seconds.put(name, ticks / TICKS_PER_SECOND);
            } catch (IOException | RuntimeException gone) {
                // Not running (or not Linux): no figure for it.
            }
        });
        return seconds;
    }

    /** What each process spent between two snapshots, in seconds. */
    static Map<String, Double> between(Map<String, Double> before, Map<String, Double> after) {
        Map<String, Double> spent = new LinkedHashMap<>();
        after.forEach((name, seconds) -> {
            Double start = before.get(name);
            if (start != null) {
                spent.put(name, seconds - start);
            }
        });
        return spent;
    }

    /** The pid in the database's pid file ({@code @@pid_file}), when that file is readable here (a local server). */
    static Long pidFromFile(String pidFile) {
        try {
            return pidFile == null ? null : Long.valueOf(Files.readString(Path.of(pidFile)).strip());
        } catch (IOException | NumberFormatException e) {
            return null;
        }
    }

    private static double ticksPerSecond() {
        try {
            Process p = new ProcessBuilder("getconf", "CLK_TCK").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes()).strip();
            return p.waitFor() == 0 ? Double.parseDouble(out) : 100;
        } catch (IOException | InterruptedException | NumberFormatException e) {
            return 100;
        }
    }
}
