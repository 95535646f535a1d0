package rock.intercom.app.fleet;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One {@code ./intercom} process in a JVM of its own, started as the launcher starts it (the same
 * main class and heap caps, this test's class path instead of the built jar), its output in a log
 * file. {@link #kill} is {@code kill -9}: no shutdown hook runs.
 */
final class IntercomProcess implements AutoCloseable {

    /** As in the {@code intercom} launcher script. */
    private static final List<String> HEAP_LIMITS = List.of("-Xms32m", "-Xmx192m", "-XX:MaxMetaspaceSize=128m",
            "-XX:MaxDirectMemorySize=64m", "-XX:+ExitOnOutOfMemoryError");

    private final Process process;
    private final Path log;

    private IntercomProcess(Process process, Path log) {
        this.process = process;
        this.log = log;
    }

    /** Starts {@code ./intercom ARGS} with {@code env} added to this JVM's environment. */
    static IntercomProcess start(Path log, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(HEAP_LIMITS);
        command.add("-cp");
        // Surefire may run tests from a manifest-only jar; this property is the real class path.
        command.add(System.getProperty("surefire.test.class.path", System.getProperty("java.class.path")));
        command.add("rock.intercom.app.Main");
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        return new IntercomProcess(builder.start(), log);
    }

    /** Waits until the output has a line matching {@code pattern}; returns its first group. */
    String awaitLine(Pattern pattern, Duration timeout) throws IOException, InterruptedException {
        long end = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < end) {
            Matcher match = pattern.matcher(output());
            if (match.find()) {
                return match.group(1);
            }
            if (!process.isAlive()) {
                throw new IllegalStateException("exited with " + process.exitValue() + ":\n" + output());
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("no line matching " + pattern + " within " + timeout + ":\n" + output());
    }

    String output() throws IOException {
        return Files.readString(log, StandardCharsets.UTF_8);
    }

    /** {@code kill -9}, and waits until the process is gone. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor();
    }

    @Override
    public void close() throws InterruptedException {
        if (process.isAlive()) {
            kill();
        }
    }
}
