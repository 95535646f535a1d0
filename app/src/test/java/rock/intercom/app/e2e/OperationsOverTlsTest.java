package rock.intercom.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.TextNode;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rock.intercom.app.ops.OperationsOptions;
import rock.intercom.testkit.KamailioServer;
import rock.intercom.testkit.TestCertificates;

/**
 * A door registered over TLS to a real Kamailio, started with {@code --syslog udp://…}: the
 * self-test checks the server's chain and name, the SIP trace holds the decrypted TLS messages,
 * and the device's events reach an in-test syslog receiver.
 */
class OperationsOverTlsTest {

    private static final Path DIR = Path.of("target", "e2e", "operations-tls").toAbsolutePath();
    private static final String DOOR_PASSWORD = "door-505-tls-secret";
    private static final ObjectMapper JSON = new ObjectMapper();

    /** TestCertificates writes fresh files: a new directory each run. */
    @org.junit.jupiter.api.io.TempDir
    static Path certsDir;
    private static KamailioServer kamailio;
    private static TestCertificates certificates;
    private static DatagramSocket syslog;
    private static DoorUnderTest door;

    @BeforeAll
    static void start() throws Exception {
        certificates = TestCertificates.generate(certsDir.resolve("certs"));
        kamailio = KamailioServer.registrar(DIR.resolve("kamailio"), Map.of("505", DOOR_PASSWORD), "MD5", 600,
                certificates).start();
        syslog = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        syslog.setSoTimeout(10_000);
        door = DoorUnderTest.start(DIR.resolve("door"), OperationsTest.doorYaml(kamailio.udpPort(), DOOR_PASSWORD),
                43_400, OperationsOptions.syslog("udp://127.0.0.1:" + syslog.getLocalPort(), null));
        door.awaitRegistered();
        String ca = TextNode.valueOf(certificates.caPem()).toString(); // the PEM as a JSON string
        door.applySettings(json -> json.replaceFirst("\"address\":\"127\\.0\\.0\\.1\",\"port\":\\d+,\"transport\":\"UDP\"",
                "\"address\":\"" + TestCertificates.SERVER_NAME + "\",\"port\":" + kamailio.tlsPort()
                        + ",\"transport\":\"TLS\"")
                .replace("\"caCertificatePem\":null", "\"caCertificatePem\":" + ca));
        await().atMost(Duration.ofSeconds(15)).until(() ->
                door.status().path("registration").path("transport").asText().equals("TLS")
                        && door.status().path("registration").path("state").asText().equals("REGISTERED"));
    }

    @AfterAll
    static void stop() {
        if (door != null) {
            door.close();
        }
        if (kamailio != null) {
            kamailio.close();
        }
        if (syslog != null) {
            syslog.close();
        }
    }

    @Test
    void theSelfTestVerifiesTheTlsChainAndNameAndPingsOverTls() throws Exception {
        JsonNode report = JSON.readTree(door.fetch("POST", "/api/v1/devices/rockx-505/self-test", true).body());
        JsonNode steps = report.path("steps");
        assertThat(steps.get(0).path("result").asText()).as(report.toPrettyString()).isEqualTo("PASSED");
        assertThat(steps.get(0).path("detail").asText()).endsWith("over TLS");
        assertThat(steps.get(1).path("name").asText()).isEqualTo("OPTIONS round trip");
        assertThat(steps.get(1).path("result").asText()).as(report.toPrettyString()).isEqualTo("PASSED");
        assertThat(steps.get(2).path("name").asText()).isEqualTo("TLS chain and host name");
        assertThat(steps.get(2).path("result").asText()).as(report.toPrettyString()).isEqualTo("PASSED");
        assertThat(steps.get(2).path("detail").asText()).startsWith("chain and host name verified: CN=localhost");
        // The registrar routes no calls: the test call fails, and so does the whole self-test, saying why.
        assertThat(steps.get(3).path("result").asText()).isEqualTo("FAILED");
        assertThat(report.path("result").asText()).isEqualTo("FAILED");
    }

    @Test
    void theSipTraceHoldsTheTlsRegistrationDecryptedAndNoPassword() {
        byte[] pcap = door.fetch("GET", "/api/v1/devices/rockx-505/sip-trace.pcap", true).body();
        List<String> messages = PcapReader.sipPayloads(pcap);
        assertThat(messages).anySatisfy(m -> assertThat(m).startsWith("REGISTER sip:")
                .containsPattern("(?im)^Via: SIP/2.0/TLS "));
        assertThat(new String(pcap, StandardCharsets.ISO_8859_1)).doesNotContain(DOOR_PASSWORD);
    }

    @Test
    void theDevicesSecurityEventsReachTheSyslogReceiver() throws Exception {
        // Registered (UDP), Settings Changed, Registered (TLS), … — each once durable, each one datagram.
        List<String> received = new java.util.ArrayList<>();
        await().atMost(Duration.ofSeconds(15)).until(() -> {
            DatagramPacket packet = new DatagramPacket(new byte[4096], 4096);
            syslog.receive(packet);
            received.add(new String(packet.getData(), 0, packet.getLength(), StandardCharsets.UTF_8));
            return received.stream().anyMatch(m -> m.contains(" SettingsChanged "))
                    && received.stream().anyMatch(m -> m.contains(" Registered ") && m.contains("transport=\"TLS\""));
        });
        assertThat(received).allSatisfy(m -> assertThat(m).matches("^<8[45]>1 \\S+ rockx-505 rock-intercom \\d+ \\S+ \\[event@32473 .*")
                .doesNotContain(DOOR_PASSWORD));
        JsonNode health = JSON.readTree(door.fetch("GET", "/api/v1/health", false).body());
        assertThat(health.path("checks").path("syslog").path("target").asText())
                .isEqualTo("udp://127.0.0.1:" + syslog.getLocalPort());
        assertThat(health.path("checks").path("syslog").path("dropped").asLong()).isZero();
    }
}
