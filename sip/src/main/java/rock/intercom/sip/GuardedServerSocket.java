package rock.intercom.sip;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;

/**
 * JAIN-SIP's TCP listening socket: {@link #accept} hands the stack only connections that
 * {@link InboundConnections} admits and closes the rest at once, before the stack gives them threads;
 * an admitted connection gives its place back when the stack closes it.
 */
final class GuardedServerSocket extends ServerSocket {
    private final InboundConnections inbound;

    GuardedServerSocket(int port, int backlog, InetAddress bindAddress, InboundConnections inbound)
            throws IOException {
        super(port, backlog, bindAddress);
        this.inbound = inbound;
    }

    @Override
    public Socket accept() throws IOException {
        while (true) {
            AdmittedSocket socket = new AdmittedSocket();
            implAccept(socket);
            InboundConnections.Admission admission = inbound.admit(socket.getInetAddress());
            if (admission.admitted()) {
                socket.holds(admission.slot());
                return socket;
            }
            refuse(socket, admission.refusal());
        }
    }

    /**
     * Resets a connection it will not hand on (no FIN_WAIT/TIME_WAIT left for a flood to pile up) and
     * says why in the bounded refusal log, by source address.
     */
    static void refuse(Socket socket, String why) {
        String source = socket.getInetAddress().getHostAddress();
        try {
            socket.setSoLinger(true, 0);
            socket.close();
        } catch (IOException e) {
            // already gone
        }
        BadPacketLog.refusals().report(source, why);
    }

    /** An accepted connection that releases its {@link InboundConnections.Slot} when closed. */
    private static final class AdmittedSocket extends Socket {
        private volatile InboundConnections.Slot slot;

        void holds(InboundConnections.Slot admitted) {
            this.slot = admitted;
        }

        @Override
        public synchronized void close() throws IOException {
            try {
                super.close();
            } finally {
                InboundConnections.Slot held = slot;
                if (held != null) {
                    held.release();
                }
            }
        }
    }
}
