package rock.intercom.media.session;

import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import rock.intercom.media.audio.Speaker;
import rock.intercom.media.audio.WavFile;
import rock.intercom.media.codec.AudioCodec;
import rock.intercom.media.codec.Codec;
import rock.intercom.media.rtp.RtpPacket;

/**
 * The playout thread: every 20 ms (monotonic clock) takes the next frame from the jitter buffer,
 * decodes it or conceals its loss, applies the speaker volume and writes it to the speaker. While
 * the buffer fills it plays silence, so a WAV speaker's timeline matches the call's.
 */
final class AudioPlayout extends MediaLoop {
    private final JitterBuffer jitterBuffer;
    private final Speaker speaker;
    private final PayloadTypes payloadTypes;
    private final Map<Codec, AudioCodec> decoders = new EnumMap<>(Codec.class);
    private final LossConcealment concealment = new LossConcealment();
    private final AtomicLong concealed = new AtomicLong();
    private final int frameSamples;
    private volatile double gain;

    AudioPlayout(JitterBuffer jitterBuffer, Speaker speaker, PayloadTypes payloadTypes, double gain) {
        this.jitterBuffer = jitterBuffer;
        this.speaker = speaker;
        this.payloadTypes = payloadTypes;
        this.gain = gain;
        this.frameSamples = payloadTypes.codec().frameSamples();
    }

    void setGain(double gain) {
        this.gain = gain;
    }

    long concealedFrames() {
        return concealed.get();
    }

    @Override
    public void run() {
        short[] frame = new short[frameSamples];
        FrameClock clock = new FrameClock(System.nanoTime(), Codec.PTIME_MS * 1_000_000L);
        while (running()) {
            long wait = clock.dueNanos() - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
                continue;
            }
            clock.resyncIfStalled(System.nanoTime());
            playOne(frame);
            VolumeCurve.apply(frame, gain);
            speaker.write(frame);
            clock.advance();
        }
    }

    private void playOne(short[] frame) {
        JitterBuffer.Poll poll = jitterBuffer.poll();
        if (poll.buffering()) {
            java.util.Arrays.fill(frame, (short) 0);
            return;
        }
        RtpPacket packet = poll.packet();
        if (packet == null) {
            concealment.conceal(frame);
            concealed.incrementAndGet();
            return;
        }
        Codec codec = payloadTypes.codecOf(packet.payloadType());
        AudioCodec decoder = decoders.computeIfAbsent(codec, Codec::newInstance);
        int n;
        if (codec.sampleRate() == payloadTypes.codec().sampleRate()) {
            n = decoder.decode(packet.payload(), 0, packet.payload().length, frame);
        } else {
            // The peer switched to a codec of another rate (e.g. PCMU during a G.722 call, RFC 3264 §7).
            short[] other = new short[codec.frameSamples()];
            int m = decoder.decode(packet.payload(), 0, packet.payload().length, other);
            short[] converted = WavFile.resample(java.util.Arrays.copyOf(other, m), codec.sampleRate(),
                payloadTypes.codec().sampleRate());
            n = Math.min(frame.length, converted.length);
            System.arraycopy(converted, 0, frame, 0, n);
        }
        if (n < frame.length) {
            java.util.Arrays.fill(frame, n, frame.length, (short) 0); // peer sent a shorter ptime
        }
        concealment.good(frame);
    }
}
