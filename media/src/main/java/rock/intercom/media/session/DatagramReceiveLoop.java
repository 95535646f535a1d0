package rock.intercom.media.session;

import java.io.IOException;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.SocketTimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * The receive loop every media socket runs (RTP, RTCP, video RTP and RTCP): one reused buffer,
 * the socket's timeout only re-checks {@code running}, a receive error while running is passed
 * over, and closing the socket (or {@code running} turning false) ends the loop. A packet whose
 * handling throws is dropped and reported, never allowed to end the loop: a bug on one packet
 * must not silence the rest of the call.
 */
public final class DatagramReceiveLoop {

    /** Handles one received datagram; its bytes are valid only until this returns. */
    @FunctionalInterface
    public interface Handler {
        void handle(byte[] buffer, DatagramPacket datagram);
    }

    private DatagramReceiveLoop() {
    }

    /**
     * Runs on the calling thread until stopped. {@code dropped} hears every packet whose handling
     * threw; {@code receiveFailed} every receive error the loop passed over while running.
     */
    public static void run(DatagramSocket socket, int maxDatagram, BooleanSupplier running, Handler handler,
            Consumer<RuntimeException> dropped, Consumer<IOException> receiveFailed) {
        byte[] buffer = new byte[maxDatagram];
        DatagramPacket datagram = new DatagramPacket(buffer, buffer.length);
        while (running.getAsBoolean()) {
            try {
                datagram.setLength(buffer.length);
                socket.receive(datagram);
            } catch (SocketTimeoutException e) {
                continue;
            } catch (IOException e) {
                if (running.getAsBoolean() && !socket.isClosed()) {
                    receiveFailed.accept(e);
                    continue;
                }
                return;
            }
            try {
                handler.handle(buffer, datagram);
            } catch (RuntimeException e) {
                dropped.accept(e);
            }
        }
    }
}
