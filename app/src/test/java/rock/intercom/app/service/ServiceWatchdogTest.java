package rock.intercom.app.service;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** sd_notify datagrams on a real AF_UNIX/SOCK_DGRAM socket, and the watchdog that stops when a thread sticks. */
class ServiceWatchdogTest {

    @TempDir
    Path dir;
    private final List<AutoCloseable> open = new ArrayList<>();

    @AfterEach
    void closeAll() throws Exception {
        for (AutoCloseable c : open) {
            c.close();
        }
    }

    @Test
    void sendsToAPathSocketAndToAnAbstractOne() {
        NotifySocket path = keep(new NotifySocket(dir.resolve("notify").toString()));
        NotifySocket abstractName = keep(new NotifySocket("@rock-intercom-test-" + ProcessHandle.current().pid()));
        for (NotifySocket socket : List.of(path, abstractName)) {
            SystemdNotify notify = SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", socket.name())).orElseThrow();
            assertThat(notify.send("READY=1\nSTATUS=up")).isTrue();
            assertThat(socket.receive(Duration.ofSeconds(2))).contains("READY=1\nSTATUS=up");
        }
    }

    @Test
    void noSocketNoNotifierAndNoWatchdogWithoutWatchdogUsecOrForAnotherPid() {
        assertThat(SystemdNotify.fromEnvironment(Map.of())).isEmpty();
        assertThat(ServiceWatchdog.interval(Map.of(), 7)).isEmpty();
        assertThat(ServiceWatchdog.interval(Map.of("WATCHDOG_USEC", "20000000", "WATCHDOG_PID", "8"), 7)).isEmpty();
        assertThat(ServiceWatchdog.interval(Map.of("WATCHDOG_USEC", "20000000", "WATCHDOG_PID", "7"), 7))
                .contains(Duration.ofSeconds(20));
    }

    @Test
    void feedsWhileEveryThreadAnswersAndStopsWhileOneIsStuck() throws Exception {
        NotifySocket socket = keep(new NotifySocket(dir.resolve("notify").toString()));
        SystemdNotify notify = SystemdNotify.fromEnvironment(Map.of("NOTIFY_SOCKET", socket.name())).orElseThrow();
        ExecutorService call = Executors.newSingleThreadExecutor();
        ExecutorService sip = Executors.newSingleThreadExecutor();
        keep(call::shutdownNow);
        keep(sip::shutdownNow);
        ServiceWatchdog watchdog = ServiceWatchdog.start(notify, Map.of("WATCHDOG_USEC", "200000"), 1,
                List.of(on("call thread", call), on("SIP agent", sip))).orElseThrow();
        keep(watchdog);

        assertThat(socket.receive(Duration.ofSeconds(2))).contains("WATCHDOG=1");
        assertThat(socket.receive(Duration.ofSeconds(2))).contains("WATCHDOG=1");

        CountDownLatch release = new CountDownLatch(1);
        sip.execute(() -> await(release));
        drain(socket);
        // Stuck: at most the tick already under way still feeds; then nothing for many intervals.
        assertThat(receiveAfter(socket, Duration.ofMillis(250))).isEmpty();

        release.countDown();
        assertThat(socket.receive(Duration.ofSeconds(2))).contains("WATCHDOG=1");
    }

    private static Optional<String> receiveAfter(NotifySocket socket, Duration grace) {
        socket.receive(grace);
        return socket.receive(Duration.ofMillis(800));
    }

    private static void drain(NotifySocket socket) {
        while (socket.receive(Duration.ofMillis(1)).isPresent()) {
            // the pings sent before the thread stuck
        }
    }

    private static Liveness on(String name, ExecutorService thread) {
        return new Liveness() {
            @Override
            public String name() {
                return name;
            }

            @Override
            public boolean probe(Runnable answered) {
                thread.execute(answered);
                return true;
            }
        };
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private <T extends AutoCloseable> T keep(T closeable) {
        open.add(closeable);
        return closeable;
    }
}
