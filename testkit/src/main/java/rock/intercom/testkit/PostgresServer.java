package rock.intercom.testkit;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A throwaway PostgreSQL cluster from Debian's {@code postgresql} package, on 127.0.0.1 and a free
 * port, for one test class. Fails (never skips) when the package is missing. As root it runs the
 * server as the {@code postgres} user, because PostgreSQL refuses to run as root.
 */
public final class PostgresServer implements AutoCloseable {

    public static final String USER = "intercom";

    private final Path bin;
    private final Path home;
    private final int port;
    private final boolean asPostgresUser;
    private final Thread killOnExit = new Thread(this::killPostmaster, "kill-postgres");

    private PostgresServer(Path bin, Path home, int port, boolean asPostgresUser) {
        this.bin = bin;
        this.home = home;
        this.port = port;
        this.asPostgresUser = asPostgresUser;
    }

    public static PostgresServer start() throws IOException, InterruptedException {
        Path bin = binaries();
        boolean root = "root".equals(System.getProperty("user.name"));
        Path home = Files.createTempDirectory("intercom-pg-");
        if (root) {
            UserPrincipal postgres = home.getFileSystem().getUserPrincipalLookupService().lookupPrincipalByName("postgres");
            Files.setOwner(home, postgres);
        }
        PostgresServer server = new PostgresServer(bin, home, FreePorts.tcpAndUdp(), root);
        // pg_ctl detaches the server from us: only this hook stops it when the test JVM dies without close().
        Runtime.getRuntime().addShutdownHook(server.killOnExit);
        try {
            server.run(List.of(bin.resolve("initdb").toString(), "-D", home.resolve("data").toString(), "-U", USER,
                    "--auth=trust", "-E", "UTF8", "--no-sync", "--no-instructions"));
            server.run(List.of(bin.resolve("pg_ctl").toString(), "-D", home.resolve("data").toString(), "-w",
                    "-t", "60", "-l", home.resolve("server.log").toString(), "-o",
                    "-p " + server.port + " -k " + home + " -c listen_addresses=127.0.0.1", "start"));
        } catch (IOException | RuntimeException e) {
            server.close();
            throw e;
        }
        return server;
    }

    /** A new empty database on this server; returns its JDBC URL. */
    public String createDatabase(String name) throws SQLException {
        try (Connection connection = DriverManager.getConnection(url("postgres"), USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute("CREATE DATABASE " + name);
        }
        return url(name);
    }

    /** The JDBC URL of {@code database} on this server. */
    public String url(String database) {
        return "jdbc:postgresql://127.0.0.1:" + port + "/" + database;
    }

    @Override
    public void close() {
        try {
            if (Files.exists(home.resolve("data").resolve("postmaster.pid"))) {
                run(List.of(bin.resolve("pg_ctl").toString(), "-D", home.resolve("data").toString(), "-m",
                        "immediate", "-w", "stop"));
            }
        } catch (IOException | InterruptedException e) {
            throw new IllegalStateException("cannot stop PostgreSQL in " + home, e);
        } finally {
            delete(home);
            // While the JVM exits the hook runs anyway, finds no postmaster.pid and does nothing.
            PeerShutdown.dropKillOnExit(killOnExit);
        }
    }

    /** SIGKILL to the postmaster named in postmaster.pid; its backends exit when they see it gone. */
    private void killPostmaster() {
        try {
            Path pidFile = home.resolve("data").resolve("postmaster.pid");
            if (Files.exists(pidFile)) {
                long pid = Long.parseLong(Files.readAllLines(pidFile).get(0).strip());
                ProcessHandle.of(pid).ifPresent(PeerShutdown::killTree);
            }
        } catch (IOException | RuntimeException e) {
            // Best effort while the JVM exits.
        }
        delete(home);
    }

    private void run(List<String> command) throws IOException, InterruptedException {
        List<String> full = new ArrayList<>();
        if (asPostgresUser) {
            full.addAll(List.of("runuser", "-u", "postgres", "--"));
        }
        full.addAll(command);
        Path output = Files.createTempFile("intercom-pg-cmd-", ".log");
        try {
            Process process = new ProcessBuilder(full).redirectErrorStream(true).redirectOutput(output.toFile()).start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IllegalStateException("timed out: " + full);
            }
            if (process.exitValue() != 0) {
                throw new IllegalStateException(full + " exited " + process.exitValue() + ": "
                        + Files.readString(output) + serverLog());
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private String serverLog() {
        try {
            Path log = home.resolve("server.log");
            return Files.exists(log) ? "\nserver log:\n" + Files.readString(log) : "";
        } catch (IOException e) {
            return "";
        }
    }

    private static Path binaries() throws IOException {
        Path versions = Path.of("/usr/lib/postgresql");
        if (Files.isDirectory(versions)) {
            try (Stream<Path> dirs = Files.list(versions)) {
                Path newest = dirs.map(d -> d.resolve("bin"))
                        .filter(d -> Files.isExecutable(d.resolve("initdb")))
                        .max(Comparator.comparingInt(PostgresServer::majorVersion))
                        .orElse(null);
                if (newest != null) {
                    return newest;
                }
            }
        }
        throw new IllegalStateException("PostgreSQL server not found under /usr/lib/postgresql: "
                + "install Debian's postgresql package (apt-get install postgresql)");
    }

    private static int majorVersion(Path bin) {
        try {
            return Integer.parseInt(bin.getParent().getFileName().toString());
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static void delete(Path root) {
        try (Stream<Path> paths = Files.walk(root)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException e) {
            // Best effort: a leftover temp directory does not affect the next run.
        }
    }
}
