package rock.intercom.demo;

import java.net.InetAddress;
import java.util.concurrent.ScheduledExecutorService;

/**
 * What the demo PBX's parts (the request dispatcher, the call table, the guard desk, the device
 * caller) share: its signalling, its event loop (the one thread that owns call state and paces the
 * tones), its options and the local address its RTP goes from.
 */
record PbxParts(PbxSignalling sip, ScheduledExecutorService loop, DemoPbxOptions options, InetAddress localAddress) {
}
