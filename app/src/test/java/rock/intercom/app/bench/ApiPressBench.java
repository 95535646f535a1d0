package rock.intercom.app.bench;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;
import rock.intercom.app.DeviceOptions;
import rock.intercom.app.DeviceRuntime;
import rock.intercom.app.audio.AudioSetup;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.portal.Role;
import rock.intercom.portal.auth.ApiTokens;
import rock.intercom.testkit.Baresip;
import rock.intercom.testkit.FreePorts;

/**
 * API press → INVITE on the wire (issue 12): an access-control server presses the door's button
 * through {@code POST /api/v1/devices/{id}/button}; how long until the INVITE datagram reaches the
 * SIP server? The door registers to {@link BusyRegistrar} on 127.0.0.1, which timestamps each
 * INVITE on arrival and answers 486, so every press is a fresh call. Both clocks are this JVM's
 * {@code nanoTime}: from just before the HTTP request is written to the INVITE read from the socket.
 * The client is {@link KeepAliveHttp} (one kept-alive connection, like curl or an access-control
 * server's pool), so the figure is the door's, not a heavy client's. Each press waits for the
 * previous call to end, then 600 ms (past the button's 500 ms debounce). The first request of each
 * kind is left out (connection set-up, class loading). Reported for a Bearer token and for Basic (bcrypt).
 * Usage: java … ApiPressBench [PRESSES=50] WORKDIR
 */
public final class ApiPressBench {

    private ApiPressBench() {
    }

    public static void main(String[] args) throws Exception {
        int presses = args.length > 0 ? Integer.parseInt(args[0]) : 50;
        Path work = Path.of(args.length > 1 ? args[1] : "target/bench-api-press");
        Files.createDirectories(work);
        String adminPassword = "bench-Admin-Passw0rd";
        try (BusyRegistrar server = new BusyRegistrar()) {
            Path config = work.resolve("device.yaml");
            Files.writeString(config, """
                    device: { id: rockx-505, name: RockX-505 }
                    sip:
                      enabled: true
                      server: { address: 127.0.0.1, port: %d, transport: UDP, pollingIntervalSeconds: 30 }
                      encryption: RTP_OPTIONAL_SRTP
                      identity: { authUsername: "505", authPassword: "bench-sip", displayName: RockX-505, extension: "505" }
                      callNumber: "400"
                      fallbackNumbers: []
                      incomingCalls: { allow: false }
                    """.formatted(server.port()));
            Path data = work.resolve("data");
            String token = ApiTokens.open(data).create("bench-" + System.nanoTime(), Role.ACCOUNT_ADMINISTRATOR, "bench",
                    Instant.now()).secret();
            try (DeviceRuntime device = DeviceRuntime.open(new DeviceOptions(config, data, "127.0.0.1", 0, 0,
                            AudioSetup.of("tone:440", "none", RtpPortRange.parse("41000-41019"))),
                    Map.of("INTERCOM_ADMIN_PASSWORD", adminPassword), new PrintStream(new ByteArrayOutputStream()))) {
                HttpClient http = HttpClient.newHttpClient();
                awaitRegistered(http, device.httpPort(), "Bearer " + token);
                String basic = "Basic " + Base64.getEncoder().encodeToString(("admin:" + adminPassword)
                        .getBytes(StandardCharsets.UTF_8));
                System.out.printf("API press -> INVITE on the wire, %d presses each, first left out%n", presses);
                System.out.printf("%-14s %8s %8s %8s %8s %10s%n", "auth", "p50 ms", "p90 ms", "max ms", "min ms", "target");
                try (KeepAliveHttp client = new KeepAliveHttp(device.httpPort())) {
                    for (String[] auth : new String[][] {{"Bearer token", "Bearer " + token, "<= 2 ms"},
                            {"Basic (bcrypt)", basic, "-"}}) {
                        List<Double> ms = press(server, presses, () -> awaitCallEnded(device),
                                () -> client.send("POST", "/api/v1/devices/rockx-505/button", auth[1]));
                        printRow(auth[0], ms, auth[2]);
                    }
                }
            }
            // The peer in the same run: baresip's own web control dialing the same server, after the
            // same idle gap, timed the same way (its call ends on the 486 it gets).
            int httpPort = FreePorts.tcpAndUdp();
            try (Baresip baresip = Baresip.httpControlled(work.resolve("baresip"), httpPort, 600);
                    KeepAliveHttp client = new KeepAliveHttp(httpPort)) {
                String dial = "/?%2Fdial%20sip%3A400%40127.0.0.1%3A" + server.port();
                awaitListening(httpPort);
                List<Double> ms = press(server, presses, () -> { }, () -> client.send("GET", dial, "none"));
                printRow("baresip httpd", ms, "peer");
            }
        }
        // JAIN-SIP's EventScannerThread is not a daemon and can outlive the stack's stop; the bench is done.
        System.exit(0);
    }

    private static void printRow(String label, List<Double> ms, String target) {
        System.out.printf("%-14s %8.2f %8.2f %8.2f %8.2f %10s%n", label, ms.get(ms.size() / 2),
                ms.get((int) (ms.size() * 0.9)), ms.get(ms.size() - 1), ms.get(0), target);
    }

    /** Something that waits (for the previous call to end) or sends one HTTP request and gives its status. */
    private interface Step<T> {
        T run() throws Exception;
    }

    /**
     * Presses {@code presses + 1} times: waits for {@code idle}, 600 ms more, then times {@code press}
     * (202 or 200 expected) to the INVITE's arrival; the times of all but the first, sorted.
     */
    private static List<Double> press(BusyRegistrar server, int presses, Runnable idle, Step<Integer> press)
            throws Exception {
        List<Double> ms = new ArrayList<>();
        for (int i = 0; i <= presses; i++) {
            idle.run();
            Thread.sleep(600);
            server.invites().clear();
            long start = System.nanoTime();
            int status = press.run();
            Long invite = server.invites().poll(5, TimeUnit.SECONDS);
            if ((status != 202 && status != 200) || invite == null) {
                throw new IllegalStateException("press " + i + ": HTTP " + status
                        + (invite == null ? ", no INVITE within 5 s" : ""));
            }
            if (i > 0) {
                ms.add((invite - start) / 1e6);
            }
        }
        Collections.sort(ms);
        return ms;
    }

    /**
     * The registrar's 486 ends each call, and the button's debounce counts from that change of
     * state too: the next press waits for it, then 600 ms, or a 486 handled late would swallow a press.
     */
    private static void awaitCallEnded(DeviceRuntime device) {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(5);
        while (!(device.call().state() instanceof rock.intercom.call.CallState.Idle
                || device.call().state() instanceof rock.intercom.call.CallState.Failed)) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("the door's call did not end within 5 s: " + device.call().state());
            }
            LockSupport.parkNanos(5_000_000);
        }
    }

    private static void awaitListening(int port) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            try (java.net.Socket probe = new java.net.Socket("127.0.0.1", port)) {
                return;
            } catch (java.io.IOException notYet) {
                Thread.sleep(50);
            }
        }
        throw new IllegalStateException("baresip's httpd did not listen on " + port + " within 10 s");
    }

    private static void awaitRegistered(HttpClient http, int port, String authorization) throws Exception {
        URI status = URI.create("http://127.0.0.1:" + port + "/api/v1/devices/rockx-505/status");
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            String body = http.send(HttpRequest.newBuilder(status).header("Authorization", authorization).build(),
                    HttpResponse.BodyHandlers.ofString()).body();
            if (body.contains("\"state\":\"REGISTERED\"")) {
                return;
            }
            Thread.sleep(100);
        }
        throw new IllegalStateException("the door did not register with the bench's SIP server within 10 s");
    }
}
