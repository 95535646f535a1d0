package rock.intercom.fleet.simulate;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import rock.intercom.fleet.agent.FleetAgent;
import rock.intercom.fleet.agent.LinkResources;
import rock.intercom.settings.DeviceSettings;
import rock.intercom.settings.SettingsCodec;
import rock.intercom.settings.SettingsValidator;

/**
 * {@code ./intercom device --simulate N}: N simulated doors (ids {@code ID-0001}…) linked to one
 * portal, for load tests, on a few shared threads; optionally recording {@code eventsPerSecond}
 * events spread over random doors. Each door keeps its credential in {@code dataDir/ID}.
 */
public final class FleetSimulator implements AutoCloseable {

    private final LinkResources resources;
    private final List<FleetAgent> agents;
    private final List<SimulatedDoor> doors;
    private final ScheduledFuture<?> activity;

    private FleetSimulator(LinkResources resources, List<FleetAgent> agents, List<SimulatedDoor> doors,
            ScheduledFuture<?> activity) {
        this.resources = resources;
        this.agents = agents;
        this.doors = doors;
        this.activity = activity;
    }

    /**
     * Starts {@code count} doors. Doors without a saved credential enrol with tokens minted by the
     * portal user {@code user} (an Account Administrator), in one request.
     */
    public static FleetSimulator start(DeviceSettings template, int count, Path dataDir, String portalUrl,
            String user, String password, double eventsPerSecond, PrintStream announce)
            throws IOException, InterruptedException {
        return start(template, count, dataDir, portalUrl, user, password, eventsPerSecond, null, announce);
    }

    /** As above, the doors trusting {@code trust} for the portal's certificate (null: the JVM's trust store). */
    public static FleetSimulator start(DeviceSettings template, int count, Path dataDir, String portalUrl,
            String user, String password, double eventsPerSecond, javax.net.ssl.SSLContext trust, PrintStream announce)
            throws IOException, InterruptedException {
        int unenrolled = 0;
        for (int i = 1; i <= count; i++) {
            if (rock.intercom.fleet.agent.DeviceCredential.load(dataDir.resolve(doorId(template, i))).isEmpty()) {
                unenrolled++;
            }
        }
        java.util.Deque<String> tokens = new java.util.ArrayDeque<>(
                TokenMint.mint(portalUrl, user, password, unenrolled, trust));
        LinkResources resources = LinkResources.shared(Math.max(2, Runtime.getRuntime().availableProcessors()), trust);
        SettingsCodec codec = new SettingsCodec();
        SettingsValidator validator = new SettingsValidator();
        List<FleetAgent> agents = new ArrayList<>();
        List<SimulatedDoor> doors = new ArrayList<>();
        PrintStream quiet = new PrintStream(PrintStream.nullOutputStream());
        for (int i = 1; i <= count; i++) {
            String id = doorId(template, i);
            SimulatedDoor door = new SimulatedDoor(template, id, codec, validator,
                    new MemoryEventStore(Clock.systemUTC()));
            String token = rock.intercom.fleet.agent.DeviceCredential.load(dataDir.resolve(id)).isPresent() ? null
                    : tokens.poll();
            agents.add(FleetAgent.start(door, door.events(), dataDir.resolve(id), portalUrl, token, quiet, resources));
            doors.add(door);
        }
        ScheduledFuture<?> activity = null;
        if (eventsPerSecond > 0) {
            // Ticks of 10 ms, each recording the events due, so rates above 100/s need no finer timer.
            double perTick = eventsPerSecond / 100.0;
            double[] owed = {0};
            int[] n = {0};
            activity = resources.pool().scheduleAtFixedRate(() -> {
                owed[0] += perTick;
                while (owed[0] >= 1) {
                    owed[0] -= 1;
                    doors.get(ThreadLocalRandom.current().nextInt(doors.size())).recordActivity(n[0]++);
                }
            }, 10, 10, TimeUnit.MILLISECONDS);
        }
        announce.printf("Simulating %d doors (%s-0001…) linked to %s%s%n", count, template.device().id(), portalUrl,
                eventsPerSecond > 0 ? ", " + eventsPerSecond + " events/s" : "");
        return new FleetSimulator(resources, agents, doors, activity);
    }

    private static String doorId(DeviceSettings template, int i) {
        return String.format("%s-%04d", template.device().id(), i);
    }

    /** Events recorded by all doors so far. */
    public long eventsRecorded() {
        return doors.stream().mapToLong(SimulatedDoor::eventCount).sum();
    }

    /** Stops recording new events; the links stay up and ship what is left. */
    public void stopActivity() {
        if (activity != null) {
            activity.cancel(false);
        }
    }

    @Override
    public void close() {
        stopActivity();
        agents.forEach(FleetAgent::close);
        resources.close();
    }
}
