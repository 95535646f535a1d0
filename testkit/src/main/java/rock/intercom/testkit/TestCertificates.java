package rock.intercom.testkit;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * A throwaway certificate authority and a server certificate for TLS tests, made with the
 * {@code openssl} command. The server certificate names only {@code localhost} (no IP address),
 * so connecting to 127.0.0.1 by address is a host name mismatch. A second, unrelated CA stands
 * in for "the wrong CA", and an expired twin of the server certificate is available.
 */
public final class TestCertificates {

    /** The only name in the server certificate. */
    public static final String SERVER_NAME = "localhost";

    private final Path dir;
    private final String serverPrefix;

    private TestCertificates(Path dir, String serverPrefix) {
        this.dir = dir;
        this.serverPrefix = serverPrefix;
    }

    /** Generates everything into {@code dir}: ca.pem, server.pem/.key, expired-server.pem/.key, other-ca.pem. */
    public static TestCertificates generate(Path dir) {
        try {
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("server.ext"),
                    "subjectAltName=DNS:" + SERVER_NAME + "\nextendedKeyUsage=serverAuth\n"
                            + "basicConstraints=CA:FALSE\n");
            makeCa(dir, "ca", "Rock Test CA");
            makeCa(dir, "other-ca", "Unrelated Test CA");
            openssl(dir, "req", "-new", "-newkey", "rsa:2048", "-nodes", "-keyout", "server.key",
                    "-subj", "/CN=" + SERVER_NAME, "-out", "server.csr");
            openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                    "-CAcreateserial", "-days", "2", "-sha256", "-extfile", "server.ext", "-out", "server.pem");
            // Same key and names, but its validity ended a day before it began: expired now.
            Files.copy(dir.resolve("server.key"), dir.resolve("expired-server.key"));
            openssl(dir, "x509", "-req", "-in", "server.csr", "-CA", "ca.pem", "-CAkey", "ca.key",
                    "-CAcreateserial", "-days", "-1", "-sha256", "-extfile", "server.ext", "-out",
                    "expired-server.pem");
            return new TestCertificates(dir, "server");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static void makeCa(Path dir, String name, String commonName) throws IOException {
        openssl(dir, "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-keyout", name + ".key",
                "-subj", "/CN=" + commonName, "-days", "2", "-sha256",
                "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign",
                "-out", name + ".pem");
    }

    private static void openssl(Path dir, String... args) throws IOException {
        List<String> command = new ArrayList<>();
        command.add("openssl");
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
                .redirectOutput(dir.resolve("openssl.log").toFile()).start();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                process.destroyForcibly();
                throw new IOException("openssl " + String.join(" ", args) + " failed: "
                        + Files.readString(dir.resolve("openssl.log")));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted", e);
        }
    }

    /** The same CAs, but a server certificate (signed by the right CA) that has expired. */
    public TestCertificates withExpiredServerCertificate() {
        return new TestCertificates(dir, "expired-server");
    }

    public Path serverCertificate() {
        return dir.resolve(serverPrefix + ".pem");
    }

    public Path serverKey() {
        return dir.resolve(serverPrefix + ".key");
    }

    /** PEM of the CA that signed the server certificate. */
    public String caPem() {
        return read("ca.pem");
    }

    /** PEM of a CA that did not sign the server certificate. */
    public String otherCaPem() {
        return read("other-ca.pem");
    }

    private String read(String name) {
        try {
            return Files.readString(dir.resolve(name));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
