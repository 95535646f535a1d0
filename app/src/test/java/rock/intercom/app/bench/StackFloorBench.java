package rock.intercom.app.bench;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.DatagramPacket;
import java.net.DatagramSocket;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.atomic.AtomicInteger;
import javax.sip.ClientTransaction;
import javax.sip.DialogTerminatedEvent;
import javax.sip.IOExceptionEvent;
import javax.sip.ListeningPoint;
import javax.sip.RequestEvent;
import javax.sip.ResponseEvent;
import javax.sip.SipFactory;
import javax.sip.SipListener;
import javax.sip.SipProvider;
import javax.sip.SipStack;
import javax.sip.TimeoutEvent;
import javax.sip.TransactionTerminatedEvent;
import javax.sip.message.MessageFactory;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/**
 * The floor the door's libraries set on this machine, with none of the door's own code (issues 12
 * and 15): the resident memory of a JVM that only starts a JAIN-SIP stack, opens an SQLite file and
 * serves HTTP with Jetty; and "HTTP press → INVITE on the wire" when a request only makes JAIN-SIP
 * send a ready-written INVITE in a new client transaction (no access check, no call logic, no SDP
 * offer, no RTP ports), after 600 ms idle, as {@code ApiPressBench} presses.
 * Usage: java … StackFloorBench rss PARTS MILLIS   (PARTS: jvm, sip, sip+sqlite, sip+sqlite+jetty; prints "up",
 *        then idles MILLIS for the script to read VmRSS)
 *        java … StackFloorBench press MODE PRESSES (MODE: socket = a plain blocking socket reads the request;
 *        jetty = a Jetty handler sends; jetty-hand-off = the handler hands the send to another thread)
 */
public final class StackFloorBench {

    private static final int WARM_UP_PRESSES = 300;
    private static final byte[] PRESS = "POST /press HTTP/1.1\r\nHost: door\r\nContent-Length: 0\r\n\r\n"
            .getBytes(StandardCharsets.US_ASCII);

    private final AtomicInteger sent = new AtomicInteger();
    private final Set<Integer> arrived = ConcurrentHashMap.newKeySet();
    private final BlockingQueue<Long> arrivals = new LinkedBlockingQueue<>();
    private SipProvider provider;
    private MessageFactory messages;
    private String invite;

    private StackFloorBench() {
    }

    public static void main(String[] args) throws Exception {
        try {
            if (args[0].equals("rss")) {
                resident(args[1], Long.parseLong(args[2]));
            } else {
                new StackFloorBench().press(args[1], Integer.parseInt(args[2]));
            }
        } finally {
            System.exit(0); // JAIN-SIP's timer thread is not a daemon
        }
    }

    private static void resident(String parts, long millis) throws Exception {
        if (parts.contains("sip")) {
            new StackFloorBench().startSip(0);
        }
        if (parts.contains("sqlite")) {
            // Kept open while the process idles, as the event store keeps its connection.
            Connection kept = DriverManager.getConnection("jdbc:sqlite:" + Files.createTempFile("stack-floor", ".db"));
            kept.createStatement().execute("create table t(x)");
            kept.createStatement().execute("insert into t values (1)");
        }
        if (parts.contains("jetty")) {
            startJetty(request -> { });
        }
        System.out.println("up");
        Thread.sleep(millis);
    }

    private void press(String mode, int presses) throws Exception {
        DatagramSocket registrar = new DatagramSocket(0, InetAddress.getLoopbackAddress());
        Thread reader = new Thread(() -> readInvites(registrar), "registrar");
        reader.setDaemon(true);
        reader.start();
        startSip(registrar.getLocalPort());
        int port;
        switch (mode) {
            case "socket" -> port = startSocketServer();
            case "jetty" -> port = startJetty(request -> sendInvite());
            case "jetty-hand-off" -> {
                ExecutorService callThread = Executors.newSingleThreadExecutor();
                port = startJetty(request -> callThread.execute(this::sendInvite));
            }
            default -> throw new IllegalArgumentException("mode: socket, jetty or jetty-hand-off");
        }
        try (Socket client = new Socket(InetAddress.getLoopbackAddress(), port)) {
            client.setTcpNoDelay(true);
            OutputStream out = client.getOutputStream();
            InputStream in = client.getInputStream();
            byte[] answer = new byte[4096];
            for (int i = 0; i < WARM_UP_PRESSES; i++) { // C1 compiles the path, as PressRehearsal does on the door
                out.write(PRESS);
                arrivals.take();
                in.read(answer);
                Thread.sleep(2);
            }
            List<Double> ms = new ArrayList<>();
            for (int i = 0; i < presses; i++) {
                Thread.sleep(600);
                long written = System.nanoTime();
                out.write(PRESS);
                long onTheWire = arrivals.take();
                in.read(answer);
                ms.add((onTheWire - written) / 1e6);
            }
            Collections.sort(ms);
            System.out.printf("%-16s %8.2f %8.2f %8.2f%n", mode, ms.get(presses / 2), ms.get(presses * 9 / 10), ms.get(0));
        }
    }

    private void startSip(int registrarPort) throws Exception {
        SipFactory factory = SipFactory.getInstance();
        factory.setPathName("gov.nist");
        Properties p = new Properties();
        p.setProperty("javax.sip.STACK_NAME", "stack-floor");
        p.setProperty("javax.sip.AUTOMATIC_DIALOG_SUPPORT", "off");
        p.setProperty("gov.nist.javax.sip.STACK_LOGGER", rock.intercom.sip.Slf4jStackLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.SERVER_LOGGER", rock.intercom.sip.Slf4jServerLogger.class.getName());
        p.setProperty("gov.nist.javax.sip.THREAD_POOL_SIZE", "8");
        SipStack stack = factory.createSipStack(p);
        int port;
        try (DatagramSocket free = new DatagramSocket(0, InetAddress.getLoopbackAddress())) {
            port = free.getLocalPort();
        }
        ListeningPoint point = stack.createListeningPoint("127.0.0.1", port, ListeningPoint.UDP);
        provider = stack.createSipProvider(point);
        provider.addSipListener(new Ignoring());
        messages = factory.createMessageFactory();
        stack.start();
        String sdp = "v=0\r\no=- 1 1 IN IP4 127.0.0.1\r\ns=-\r\nc=IN IP4 127.0.0.1\r\nt=0 0\r\n"
                + "m=audio 40000 RTP/AVP 0 101\r\na=rtpmap:0 PCMU/8000\r\na=rtpmap:101 telephone-event/8000\r\n";
        invite = "INVITE sip:400@127.0.0.1:" + registrarPort + " SIP/2.0\r\n"
                + "Via: SIP/2.0/UDP 127.0.0.1:" + point.getPort() + ";branch=BRANCH\r\nMax-Forwards: 70\r\n"
                + "From: <sip:505@127.0.0.1>;tag=floor\r\nTo: <sip:400@127.0.0.1>\r\nCall-ID: CALL@floor\r\n"
                + "CSeq: 1 INVITE\r\nContact: <sip:505@127.0.0.1:" + point.getPort() + ">\r\n"
                + "Content-Type: application/sdp\r\nContent-Length: " + sdp.length() + "\r\n\r\n" + sdp;
    }

    private void sendInvite() {
        int call = sent.incrementAndGet();
        try {
            ClientTransaction transaction = provider.getNewClientTransaction(messages.createRequest(invite
                    .replace("BRANCH", "z9hG4bK-floor-" + call).replace("CALL@", call + "@")));
            transaction.sendRequest();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** Notes when each call's first INVITE arrives (the stack retransmits: nobody answers). */
    private void readInvites(DatagramSocket registrar) {
        byte[] buffer = new byte[8192];
        while (true) {
            DatagramPacket packet = new DatagramPacket(buffer, buffer.length);
            try {
                registrar.receive(packet);
            } catch (IOException closed) {
                return;
            }
            long now = System.nanoTime();
            String text = new String(buffer, 0, packet.getLength(), StandardCharsets.US_ASCII);
            int at = text.indexOf("Call-ID: ");
            if (text.startsWith("INVITE ") && at > 0
                    && arrived.add(Integer.parseInt(text.substring(at + 9, text.indexOf('@', at))))) {
                arrivals.add(now);
            }
        }
    }

    private int startSocketServer() throws IOException {
        ServerSocket server = new ServerSocket(0, 5, InetAddress.getLoopbackAddress());
        Thread serving = new Thread(() -> {
            try (Socket connection = server.accept()) {
                connection.setTcpNoDelay(true);
                InputStream in = connection.getInputStream();
                OutputStream out = connection.getOutputStream();
                byte[] request = new byte[4096];
                while (in.read(request) > 0) {
                    sendInvite();
                    out.write("HTTP/1.1 202 Accepted\r\nContent-Length: 0\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
                }
            } catch (IOException e) {
                // the bench is over
            }
        }, "socket-server");
        serving.setDaemon(true);
        serving.start();
        return server.getLocalPort();
    }

    private static int startJetty(java.util.function.Consumer<Request> onPress) throws Exception {
        Server server = new Server(new QueuedThreadPool(8, 2));
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) {
                onPress.accept(request);
                response.setStatus(202);
                callback.succeeded();
                return true;
            }
        });
        server.start();
        return connector.getLocalPort();
    }

    /** The floor's stack answers nothing. */
    private static final class Ignoring implements SipListener {
        @Override
        public void processRequest(RequestEvent event) {
        }

        @Override
        public void processResponse(ResponseEvent event) {
        }

        @Override
        public void processTimeout(TimeoutEvent event) {
        }

        @Override
        public void processIOException(IOExceptionEvent event) {
        }

        @Override
        public void processTransactionTerminated(TransactionTerminatedEvent event) {
        }

        @Override
        public void processDialogTerminated(DialogTerminatedEvent event) {
        }
    }
}
