package rock.intercom.demo;

import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import rock.intercom.app.OptionalSubcommand;
import rock.intercom.app.UntilStopped;
import rock.intercom.app.audio.AudioOptions;

/**
 * {@code ./intercom demo}: the whole product on one machine, on 127.0.0.1 only — the portal, one
 * door device (RockX-505) and the built-in demo PBX whose guard desk (400) answers with a tone.
 */
@Command(name = "demo", mixinStandardHelpOptions = true,
        description = "Run a demo on 127.0.0.1: the Admin Portal, door device RockX-505 and a demo PBX "
                + "whose guard desk (extension 400) answers and plays a tone.")
public final class DemoCommand implements Callable<Integer>, OptionalSubcommand {

    @Option(names = "--http-port", defaultValue = "8080", paramLabel = "PORT",
            description = "HTTP port of the portal and API (0 picks a free port). Default: ${DEFAULT-VALUE}.")
    int httpPort;

    @Option(names = "--data-dir", defaultValue = "data/demo", paramLabel = "DIR",
            description = "Where the demo keeps its settings, events and users. Default: ${DEFAULT-VALUE}.")
    Path dataDir;

    @Option(names = "--sip-port", defaultValue = "0", paramLabel = "PORT",
            description = "The door device's SIP port (0 picks a free port). Default: ${DEFAULT-VALUE}.")
    int sipPort;

    @Option(names = "--pbx-port", defaultValue = "0", paramLabel = "PORT",
            description = "The demo PBX's SIP port, UDP and TCP (0 picks a free port). Default: ${DEFAULT-VALUE}.")
    int pbxPort;

    @Option(names = "--desk-port", defaultValue = "8081", paramLabel = "PORT",
            description = "HTTP port of the guard desk page (demo controls: hang up, call the door…), "
                    + "on 127.0.0.1 only (0 picks a free port). Default: ${DEFAULT-VALUE}.")
    int deskPort;

    @Mixin
    AudioOptions audio;

    @Override
    public Integer call() throws Exception {
        DemoSystem demo = DemoSystem.start(dataDir, httpPort, sipPort, pbxPort, deskPort, audio.setup(),
                System.getenv(), System.out);
        UntilStopped stopped = UntilStopped.onShutdown("intercom-demo-shutdown", demo::close);
        System.out.printf("%nRock Intercom demo%n"
                + "  Admin Portal:  http://127.0.0.1:%d/  (user admin; password above, or INTERCOM_ADMIN_PASSWORD)%n"
                + "  Door device:   %s, extension 505, SIP port %d%n"
                + "  Demo PBX:      sip:127.0.0.1:%d (UDP/TCP) — guard desk 400 answers and plays a tone%n"
                + "  Guard desk:    http://127.0.0.1:%d/  (the guard's controls: hang up, call the door, busy…;"
                + " 127.0.0.1 only)%n"
                + "Press the virtual call button on the device page, then open Security Events. Ctrl-C stops.%n",
                demo.device().httpPort(), demo.device().deviceName(), demo.device().sipPort(), demo.pbx().port(),
                demo.guardDeskPage().port());
        System.out.flush();
        stopped.await();
        return 0;
    }
}
