package rock.intercom.app.audio;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.call.ProgressTone;
import rock.intercom.media.audio.AudioDeviceException;
import rock.intercom.media.audio.Speaker;
import rock.intercom.media.session.FrameClock;
import rock.intercom.media.session.VolumeCurve;
import rock.intercom.media.tone.Cadence;
import rock.intercom.media.tone.ToneGenerator;
import rock.intercom.media.tone.ToneKind;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.ToneRegion;

/**
 * Plays the call-progress tones (ITU-T E.180, in the region of {@code door.callProgressTones})
 * at the door's speaker, at the speaker volume setting: one tone at a time on its own thread,
 * which opens a fresh speaker and closes it when the tone ends. Thread-safe; {@link #stop}
 * returns once the speaker is closed, so the call's media can open it next.
 */
final class TonePlayer implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(TonePlayer.class);
    /** Narrowband is all a call-progress tone needs, and every speaker takes it. */
    static final int SAMPLE_RATE = 8000;
    private static final int FRAME_MS = 20;

    private final Supplier<Speaker> speakers;
    private final Supplier<DeviceSettings> settings;
    private Playing playing;

    TonePlayer(Supplier<Speaker> speakers, Supplier<DeviceSettings> settings) {
        this.speakers = Objects.requireNonNull(speakers, "speakers");
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    /** Starts {@code tone} for at most {@code length}, after stopping the one playing. */
    synchronized void play(ProgressTone tone, Duration length) {
        stop();
        DeviceSettings now = settings.get();
        Cadence cadence = Cadence.of(region(now), ToneKind.valueOf(tone.name()));
        double gain = VolumeCurve.gain(MediaLifecycle.callOptions(now).speakerVolume());
        long frames = Math.max(1, length.toMillis() / FRAME_MS);
        playing = new Playing(tone, new ToneGenerator(cadence, SAMPLE_RATE), frames, gain);
        Thread thread = new Thread(playing, "tone-" + tone.name().toLowerCase(java.util.Locale.ROOT));
        thread.setDaemon(true);
        thread.setPriority(Thread.MAX_PRIORITY);
        playing.thread = thread;
        thread.start();
        LOG.debug("{} tone ({}) for at most {} ms", tone, region(now), length.toMillis());
    }

    /** Stops the tone playing, if any, and waits until its speaker is closed. */
    synchronized void stop() {
        Playing was = playing;
        playing = null;
        if (was == null) {
            return;
        }
        was.running = false;
        LockSupport.unpark(was.thread);
        try {
            was.thread.join(1000);
        } catch (InterruptedException interrupted) {
            Thread.currentThread().interrupt();
        }
    }

    /** Applies a new speaker volume to the tone playing. */
    synchronized void settingsChanged(DeviceSettings current) {
        if (playing != null) {
            playing.gain = VolumeCurve.gain(MediaLifecycle.callOptions(current).speakerVolume());
        }
    }

    @Override
    public void close() {
        stop();
    }

    private static ToneRegion region(DeviceSettings settings) {
        ToneRegion region = settings == null || settings.door() == null ? null : settings.door().callProgressTones();
        return region == null ? ToneRegion.EUROPE : region;
    }

    /** One tone on its thread: 20 ms frames on a monotonic schedule, like the call's playout. */
    private final class Playing implements Runnable {
        private final ProgressTone tone;
        private final ToneGenerator generator;
        private final long frames;
        private volatile double gain;
        private volatile boolean running = true;
        private Thread thread;

        Playing(ProgressTone tone, ToneGenerator generator, long frames, double gain) {
            this.tone = tone;
            this.generator = generator;
            this.frames = frames;
            this.gain = gain;
        }

        @Override
        public void run() {
            Speaker speaker;
            try {
                speaker = speakers.get();
                speaker.open(SAMPLE_RATE);
            } catch (AudioDeviceException | RuntimeException e) {
                LOG.warn("{} tone not played: {}", tone, e.getMessage());
                return;
            }
            try {
                short[] frame = new short[SAMPLE_RATE * FRAME_MS / 1000];
                FrameClock clock = new FrameClock(System.nanoTime(), FRAME_MS * 1_000_000L);
                while (running && clock.frameIndex() < frames) {
                    long wait = clock.dueNanos() - System.nanoTime();
                    if (wait > 0) {
                        LockSupport.parkNanos(wait);
                        continue;
                    }
                    generator.next(frame);
                    VolumeCurve.apply(frame, gain);
                    speaker.write(frame);
                    clock.advance();
                }
            } finally {
                speaker.close();
            }
        }
    }
}
