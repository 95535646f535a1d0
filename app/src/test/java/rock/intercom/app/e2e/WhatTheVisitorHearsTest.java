package rock.intercom.app.e2e;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.SocketAddress;
import java.net.SocketTimeoutException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import rock.intercom.app.audio.AudioSetup;
import rock.intercom.app.e2e.HeardAtTheSpeaker.Recording;
import rock.intercom.media.audio.ToneMicrophone;
import rock.intercom.media.codec.AudioCodec;
import rock.intercom.media.codec.Codec;
import rock.intercom.media.session.RtpPortRange;
import rock.intercom.media.session.VolumeCurve;
import rock.intercom.media.tone.ToneGenerator;
import rock.intercom.sip.call.CallServer;
import rock.intercom.testkit.Sipp;
import rock.intercom.testkit.FreePorts;

/**
 * What the visitor hears at the door (issue 13), measured at the door's speaker: a whole door
 * device calls through a real Kamailio to SIPp stations. A station that rings (180, no SDP) then
 * is busy gives the European ringback (425 Hz, 1 s on, 4 s off) then the busy tone (425 Hz,
 * 0.5 s on, 0.5 s off) for 3 s, each at the speaker volume setting; a PBX that sends 183 with SDP
 * gives its own audio (1 kHz here), never the 425 Hz ringback, and the same stream goes on after
 * the 200 OK, with the visitor's microphone muted until then.
 */
class WhatTheVisitorHearsTest {

    private static final Path DIR = Path.of("target", "e2e", "what-the-visitor-hears").toAbsolutePath();
    private static final Duration WAIT = Duration.ofSeconds(30);
    private static final String DOOR_PASSWORD = "door-505-secret";
    private static final int RINGS_THEN_BUSY = FreePorts.tcpAndUdp();
    private static final int EARLY_MEDIA = FreePorts.tcpAndUdp();
    /** ToneGenerator's level through speaker volume 70 (the example device's): −16 dBFS − 9 dB. */
    private static final double TONE_AT_SPEAKER = ToneGenerator.LEVEL_DBFS + 20 * Math.log10(VolumeCurve.gain(70));
    private static final double SILENT = -60;

    private static final HeardAtTheSpeaker heard = new HeardAtTheSpeaker();
    private static CallServer server;
    private static DoorUnderTest door;

    @BeforeAll
    static void start() throws Exception {
        server = CallServer.start(DIR.resolve("kamailio"), Map.of("505", DOOR_PASSWORD),
                Map.of("410", "sip:127.0.0.1:" + RINGS_THEN_BUSY, "420", "sip:127.0.0.1:" + EARLY_MEDIA));
        int rtpLow = 2 * (22_000 + java.util.concurrent.ThreadLocalRandom.current().nextInt(1_000));
        door = DoorUnderTest.start(DIR.resolve("door"), Files.readString(Path.of("../examples/device.yaml"))
                .replace("sip:\n  enabled: false", "sip:\n  enabled: true")
                .replace("address: 10.40.0.224, port: 5060, transport: TCP, pollingIntervalSeconds: 30",
                        "address: 127.0.0.1, port: " + server.port() + ", transport: UDP, pollingIntervalSeconds: 10")
                .replace("authPassword: \"change-me\"", "authPassword: \"" + DOOR_PASSWORD + "\"")
                .replace("fallbackNumbers: [\"401\", \"402\"]", "fallbackNumbers: []"),
                new AudioSetup(() -> new ToneMicrophone(1000), heard::newSpeaker, new RtpPortRange(rtpLow, rtpLow + 19),
                        "tone:1000", "test", List.of()));
        door.awaitRegistered();
    }

    @AfterAll
    static void stop() {
        if (door != null) {
            door.close();
        }
        if (server != null) {
            server.close();
        }
    }

    @Test
    void ringbackWhileTheDeskRingsThenTheBusyToneThenCallFailed() {
        call("410");
        int before = heard.opened().size();
        try (Sipp station = Sipp.station(DIR, "station-rings-then-busy.xml", RINGS_THEN_BUSY, "ring", "6000")) {
            door.pressButton();
            await().atMost(WAIT).until(() -> door.status().path("screen").asText().equals("Call failed"));
            await().atMost(WAIT).until(() -> heard.opened().size() >= before + 2 && heard.opened().get(before + 1).closed());
            assertThat(station.awaitExit(WAIT)).as(station.transcript()).isZero();
        }
        List<Recording> sounds = heard.opened().subList(before, heard.opened().size());
        assertThat(sounds).as("ringback, then busy; nothing else opened the speaker").hasSize(2);

        Recording ringback = sounds.get(0);
        assertThat(ringback.seconds()).as("ringback from the 180 to the 486").isBetween(5.5, 6.6);
        assertThat(ringback.dbfs(425, 0.1, 0.9)).as("ringback on, 0-1 s").isBetween(TONE_AT_SPEAKER - 1.5,
                TONE_AT_SPEAKER + 1.0);
        assertThat(ringback.dbfs(425, 1.1, 4.9)).as("ringback off, 1-5 s").isLessThan(SILENT);
        assertThat(ringback.dbfs(425, 5.1, 5.4)).as("ringback on again at 5 s").isBetween(TONE_AT_SPEAKER - 1.5,
                TONE_AT_SPEAKER + 1.0);

        Recording busy = sounds.get(1);
        assertThat(busy.seconds()).as("busy tone for 3 s").isBetween(2.9, 3.1);
        for (double on = 0; on < 3; on += 1.0) {
            assertThat(busy.dbfs(425, on + 0.05, on + 0.45)).as("busy on at %.1f s", on)
                    .isBetween(TONE_AT_SPEAKER - 1.5, TONE_AT_SPEAKER + 1.0);
            assertThat(busy.dbfs(425, on + 0.55, on + 0.95)).as("busy off at %.1f s", on + 0.5).isLessThan(SILENT);
        }
        await().atMost(WAIT).until(() -> door.status().path("screen").asText().equals("Idle"));
    }

    @Test
    void earlyMediaFrom183IsHeardInsteadOfTheRingbackAndGoesOnAfterThe200() throws Exception {
        call("420");
        int before = heard.opened().size();
        try (NetworkTone pbx = new NetworkTone();
                Sipp station = Sipp.station(DIR, "station-early-media.xml", EARLY_MEDIA,
                        "rtpport", Integer.toString(pbx.port()), "early", "3000", "talk", "2000")) {
            door.pressButton();
            await().atMost(WAIT).until(() -> door.status().path("screen").asText().equals("Connected 420"));
            long answered = System.nanoTime();
            await().atMost(WAIT).until(() -> door.status().path("screen").asText().equals("Idle"));
            assertThat(station.awaitExit(WAIT)).as(station.transcript()).isZero();

            long firstHeard = pbx.fromDoor.get(0).nanos();
            assertThat(pbx.fromDoor).as("the door's RTP during early media: silence (microphone muted)")
                    .filteredOn(p -> p.nanos() < firstHeard + 2_000_000_000L).isNotEmpty().allMatch(Packet::silent);
            assertThat(pbx.fromDoor).as("the door's RTP once answered: the visitor's microphone")
                    .filteredOn(p -> p.nanos() > answered + 300_000_000L).isNotEmpty().noneMatch(Packet::silent);
        }
        await().atMost(WAIT).until(() -> heard.opened().size() > before && heard.opened().get(before).closed());
        List<Recording> sounds = heard.opened().subList(before, heard.opened().size());
        assertThat(sounds).as("one stream from the 183 to the BYE: no tone, no second session").hasSize(1);
        Recording call = sounds.get(0);
        assertThat(call.seconds()).as("early media (3 s) and the call (2 s) on one speaker").isGreaterThan(4.5);
        double end = call.seconds() - 0.2;
        assertThat(call.dbfs(425, 0.0, end)).as("no ringback at all").isLessThan(-50);
        assertThat(call.shareAbove(1000, -25, 0.5, end)).as("the PBX's 1 kHz, before and after the answer")
                .isGreaterThan(0.9);
    }

    private static void call(String number) {
        door.applySettings(settings -> settings.replaceAll("\"callNumber\":\"[0-9]+\"", "\"callNumber\":\"" + number
                + "\""));
        await().atMost(WAIT).until(() -> door.status().path("screen").asText().equals("Idle"));
    }

    /** One RTP packet from the door, when it arrived and whether it carried only μ-law silence. */
    record Packet(long nanos, boolean silent) {
    }

    /**
     * The PBX's media end: receives the door's RTP on the port the 183 names and sends back a
     * 1 kHz PCMU tone (−6 dBFS) to where the door sends from (symmetric RTP), every 20 ms.
     */
    private static final class NetworkTone implements AutoCloseable {
        private final DatagramSocket socket = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        private final List<Packet> fromDoor = new CopyOnWriteArrayList<>();
        private final AtomicReference<SocketAddress> door = new AtomicReference<>();
        private final Thread receiver = new Thread(this::receive, "pbx-rtp-receive");
        private final Thread sender = new Thread(this::send, "pbx-rtp-send");
        private volatile boolean running = true;

        NetworkTone() throws Exception {
            socket.setSoTimeout(100);
            receiver.setDaemon(true);
            sender.setDaemon(true);
            receiver.start();
            sender.start();
        }

        int port() {
            return socket.getLocalPort();
        }

        private void receive() {
            byte[] buffer = new byte[1500];
            while (running) {
                DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
                try {
                    socket.receive(packet);
                } catch (SocketTimeoutException idle) {
                    continue;
                } catch (java.io.IOException closed) {
                    return;
                }
                door.compareAndSet(null, packet.getSocketAddress());
                boolean silent = true;
                for (int i = packet.getOffset() + 12; i < packet.getOffset() + packet.getLength(); i++) {
                    int b = buffer[i] & 0xff;
                    silent &= b == 0xff || b == 0x7f;
                }
                fromDoor.add(new Packet(System.nanoTime(), silent));
            }
        }

        private void send() {
            AudioCodec codec = Codec.PCMU.newInstance();
            short[] pcm = new short[160];
            byte[] payload = new byte[160];
            double amplitude = 32767 * Math.pow(10, ToneMicrophone.LEVEL_DBFS / 20);
            long next = System.nanoTime();
            for (int seq = 0; running; seq++) {
                for (int i = 0; i < pcm.length; i++) {
                    pcm[i] = (short) Math.round(amplitude * Math.sin(2 * Math.PI * 1000 * (seq * 160L + i) / 8000));
                }
                codec.encode(pcm, payload, 0);
                ByteBuffer rtp = ByteBuffer.allocate(12 + payload.length).put((byte) 0x80).put((byte) 0)
                        .putShort((short) seq).putInt(seq * 160).putInt(0x13579bdf).put(payload);
                SocketAddress to = door.get();
                if (to != null) {
                    try {
                        socket.send(new DatagramPacket(rtp.array(), rtp.capacity(), to));
                    } catch (java.io.IOException closed) {
                        return;
                    }
                }
                next += 20_000_000L;
                java.util.concurrent.locks.LockSupport.parkNanos(next - System.nanoTime());
            }
        }

        @Override
        public void close() throws InterruptedException {
            running = false;
            receiver.join(1000);
            sender.join(1000);
            socket.close();
        }
    }
}
