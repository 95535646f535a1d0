package rock.intercom.media.video;

import java.nio.ByteBuffer;
import java.util.function.Consumer;
import org.freedesktop.gstreamer.Buffer;
import org.freedesktop.gstreamer.FlowReturn;
import org.freedesktop.gstreamer.Sample;
import org.freedesktop.gstreamer.elements.AppSink;

/**
 * An appsink listener that copies each sample's bytes out of GStreamer's memory and hands them
 * on: the encoder's RTP packets and the decoder's JPEG snapshots. The buffer is unmapped and the
 * sample disposed even when the consumer throws, so native memory never leaks.
 */
final class SampleBytes {

    private SampleBytes() {
    }

    static AppSink.NEW_SAMPLE to(Consumer<byte[]> consumer) {
        return sink -> {
            Sample sample = sink.pullSample();
            try {
                Buffer buffer = sample.getBuffer();
                ByteBuffer bytes = buffer.map(false);
                try {
                    byte[] copy = new byte[bytes.remaining()];
                    bytes.get(copy);
                    consumer.accept(copy);
                } finally {
                    buffer.unmap();
                }
            } finally {
                sample.dispose();
            }
            return FlowReturn.OK;
        };
    }
}
