package rock.intercom.app.bench;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * CPU time a process has used so far, from {@code /proc/PID/stat} (utime + stime, fields 14 and 15,
 * in clock ticks). The same reading is used for the door's JVM and for baresip, so the two figures
 * are comparable: each includes everything the process does for its calls (threads, GC, JIT).
 */
final class ProcessCpu {
    /** USER_HZ; 100 on every Linux architecture the door runs on ({@code getconf CLK_TCK}). */
    static final int TICKS_PER_SECOND = 100;

    private ProcessCpu() {
    }

    /** Milliseconds of CPU (user + system) that process {@code pid} has used. */
    static long millis(long pid) throws IOException {
        String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        // The command name (field 2) is in parentheses and may hold spaces: count fields after its ')'.
        String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        long utime = Long.parseLong(fields[11]);
        long stime = Long.parseLong(fields[12]);
        return (utime + stime) * 1000 / TICKS_PER_SECOND;
    }
}
