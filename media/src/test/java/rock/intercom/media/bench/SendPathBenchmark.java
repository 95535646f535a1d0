package rock.intercom.media.bench;

import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import rock.intercom.media.audio.ToneMicrophone;
import rock.intercom.media.codec.Codec;
import rock.intercom.media.session.Packetizer;
import rock.intercom.media.srtp.CryptoSuite;
import rock.intercom.media.srtp.SrtpContext;
import rock.intercom.media.srtp.SrtpCryptoProvider;
import rock.intercom.media.srtp.SrtpMasterKey;

/**
 * The per-packet send path of a call: encode one 20 ms frame (G.722 or G.711), build the RTP packet and,
 * for SRTP, protect it — what the sender thread does 50 times a second. Run with
 * {@code bench/media-send-path.sh}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(1)
public class SendPathBenchmark {
    @Param({"G722", "PCMU", "PCMA"})
    public Codec codec;

    @Param({"RTP", "AES_CM_128_HMAC_SHA1_80", "AES_CM_128_HMAC_SHA1_32"})
    public String security;

    private Packetizer packetizer;
    private short[] frame;
    private long timestamp;

    @Setup(Level.Trial)
    public void setUp() {
        SrtpCryptoProvider.warmUp();
        frame = new short[codec.frameSamples()];
        ToneMicrophone tone = new ToneMicrophone(1000);
        tone.open(codec.sampleRate());
        tone.read(frame);
        SrtpContext srtp = security.equals("RTP") ? null
            : SrtpContext.forSending(CryptoSuite.valueOf(security), SrtpMasterKey.random());
        packetizer = new Packetizer(codec.newInstance(), codec.payloadType(), srtp);
    }

    @Benchmark
    public byte[] encodeAndProtect() {
        timestamp += codec.timestampStep();
        return packetizer.audio(frame, timestamp & 0xFFFF_FFFFL, false);
    }
}
