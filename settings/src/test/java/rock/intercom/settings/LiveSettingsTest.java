package rock.intercom.settings;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LiveSettingsTest {

    @TempDir
    Path directory;

    private final SettingsCodec codec = new SettingsCodec();
    private final SettingsValidator validator = new SettingsValidator();
    private Path path;
    private SettingsFile file;
    private LiveSettings live;
    private final List<SettingsChange> changes = new CopyOnWriteArrayList<>();

    @BeforeEach
    void startFromTheExampleOnDisk() throws IOException {
        path = directory.resolve("device.yaml");
        file = new SettingsFile(path, codec, validator);
        file.save(Documents.example());
        live = new LiveSettings(file.load(), validator, file);
        live.subscribe(changes::add);
    }

    @Test
    void applyValidatesPersistsSwapsAndNotifies() throws IOException {
        DeviceSettings candidate = Documents.enabledExample();

        DeviceSettings applied = live.apply(candidate);

        assertThat(applied).isEqualTo(candidate);
        assertThat(live.current()).isEqualTo(candidate);
        assertThat(file.load()).isEqualTo(candidate);
        assertThat(changes).containsExactly(new SettingsChange(Documents.example(), candidate));
        assertThat(changes.get(0).changed(settings -> settings.sip().enabled())).isTrue();
        assertThat(changes.get(0).changed(settings -> settings.sip().server())).isFalse();
    }

    @Test
    void aRejectedDocumentChangesNeitherFileNorMemoryNorNotifies() throws IOException {
        byte[] before = Files.readAllBytes(path);
        DeviceSettings invalid = Documents.with(Documents.with(Documents.enabledExample(), "sip.server.port", "0"),
                "sip.callNumber", "\"sip:400\"");

        assertThatThrownBy(() -> live.apply(invalid)).isInstanceOfSatisfying(SettingsRejected.class, rejected ->
                assertThat(rejected.errors()).containsOnlyKeys("sip.server.port", "sip.callNumber"));

        assertThat(Files.readAllBytes(path)).isEqualTo(before);
        assertThat(live.current()).isEqualTo(Documents.example());
        assertThat(changes).isEmpty();
    }

    @Test
    void aFailedPersistLeavesMemoryUnchangedAndNotifiesNobody() throws IOException {
        // The store's directory disappears: the device's disk is gone or read-only.
        Path gone = directory.resolve("gone");
        Files.createDirectory(gone);
        var doomed = new SettingsFile(gone.resolve("device.yaml"), codec, validator);
        var settings = new LiveSettings(Documents.example(), validator, doomed);
        var seen = new ArrayList<SettingsChange>();
        settings.subscribe(seen::add);
        Files.delete(gone);

        assertThatThrownBy(() -> settings.apply(Documents.enabledExample()))
                .isInstanceOf(SettingsNotSaved.class).hasCauseInstanceOf(IOException.class);

        assertThat(settings.current()).isEqualTo(Documents.example());
        assertThat(seen).isEmpty();
    }

    @Test
    void aThrowingSubscriberStopsNeitherTheOthersNorTheApply() {
        var after = new ArrayList<SettingsChange>();
        live.subscribe(change -> {
            throw new IllegalStateException("subscriber bug");
        });
        live.subscribe(after::add);

        DeviceSettings applied = live.apply(Documents.enabledExample());

        assertThat(live.current()).isEqualTo(applied);
        assertThat(changes).hasSize(1);
        assertThat(after).hasSize(1);
    }

    @Test
    void subscribersRunOutsideTheApplyLockAndMayApplyAgain() {
        DeviceSettings first = Documents.enabledExample();
        DeviceSettings second = Documents.with(first, "sip.callNumber", "\"410\"");
        live.subscribe(change -> {
            if (change.current().equals(first)) {
                live.apply(second);
            }
        });

        live.apply(first);

        assertThat(live.current()).isEqualTo(second);
        assertThat(changes).containsExactly(new SettingsChange(Documents.example(), first), new SettingsChange(first, second));
    }

    @Test
    void anUnsubscribedConsumerHearsNothing() throws Exception {
        var heard = new ArrayList<SettingsChange>();
        AutoCloseable subscription = live.subscribe(heard::add);
        subscription.close();

        live.apply(Documents.enabledExample());

        assertThat(heard).isEmpty();
        assertThat(changes).hasSize(1);
    }

    @Test
    void applyingTheSameSettingsAgainIsANoOp() throws IOException {
        live.apply(Documents.enabledExample());
        byte[] stored = Files.readAllBytes(path);

        live.apply(Documents.enabledExample());

        assertThat(changes).hasSize(1);
        assertThat(Files.readAllBytes(path)).isEqualTo(stored);
    }

    @Test
    void applyUpdateKeepsTheStoredPasswordWhenTheUpdateOmitsIt() throws IOException {
        DeviceSettings withSecret = Documents.with(Documents.enabledExample(), "sip.identity.authPassword", "\"K33p-Me\"");
        live.apply(withSecret);
        DeviceSettings fromClient = codec.readJson(codec.writeRedactedJson(Documents.with(withSecret, "sip.callNumber", "\"410\"")));

        DeviceSettings applied = live.applyUpdate(fromClient);

        assertThat(applied.sip().callNumber()).isEqualTo("410");
        assertThat(applied.sip().identity().authPassword()).isEqualTo("K33p-Me");
        assertThat(file.load().sip().identity().authPassword()).isEqualTo("K33p-Me");
    }

    @Test
    void concurrentAppliesAreDeliveredOnceEachInApplyOrder() throws Exception {
        int threads = 4;
        int appliesPerThread = 10;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        var start = new CountDownLatch(1);
        try {
            var futures = new ArrayList<Future<?>>();
            for (int t = 0; t < threads; t++) {
                int thread = t;
                futures.add(pool.submit(() -> {
                    start.await();
                    for (int i = 0; i < appliesPerThread; i++) {
                        live.apply(Documents.with(Documents.enabledExample(), "sip.callNumber", "\"" + (1000 + thread * 100 + i) + "\""));
                    }
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : futures) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(changes).hasSize(threads * appliesPerThread);
        // Each change starts where the previous one ended: no change is lost or delivered out of order.
        for (int i = 1; i < changes.size(); i++) {
            assertThat(changes.get(i).previous()).isEqualTo(changes.get(i - 1).current());
        }
        assertThat(changes.get(changes.size() - 1).current()).isEqualTo(live.current());
        assertThat(file.load()).isEqualTo(live.current());
        List<String> numbers = new ArrayList<>(changes.stream().map(change -> change.current().sip().callNumber()).toList());
        Collections.sort(numbers);
        assertThat(numbers).doesNotHaveDuplicates();
    }
}
