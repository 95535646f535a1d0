package rock.intercom.app;

import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import rock.intercom.sip.RegistrationChange;
import rock.intercom.sip.RegistrationListener;

/**
 * Rehearses the part of a button press that only a press runs — the SDP offer (SRTP keys
 * included) and the INVITE build and encoding — {@link #TIMES} times, once, after the first
 * REGISTERED, on one low-priority daemon thread. The door's JVM compiles with C1 only and after a
 * few hundred calls of a method ({@code packaging/jvm.options}), so without this a press's own
 * path stays interpreted for the device's whole life (issue 12: API press → INVITE,
 * {@code bench/api-press.sh}). Nothing is bound, sent or recorded: the offer names the discard
 * port and its keys are dropped with it; the INVITE gets no transaction. After start-up's
 * REGISTERED, so start → REGISTERED does not pay for it. Thread-safe.
 */
final class PressRehearsal implements RegistrationListener {

    /** C1 compiles a method after ~200 calls (Tier3InvocationThreshold); a margin over it. */
    static final int TIMES = 300;

    private static final Logger log = LoggerFactory.getLogger(PressRehearsal.class);

    private final Supplier<String> offers;
    private final ToIntFunction<String> invites;
    private final AtomicBoolean started = new AtomicBoolean();

    /**
     * {@code offers} gives a rehearsed offer (null: none can be made); {@code invites} builds and
     * drops the INVITE carrying it and returns its length (negative: none can be built).
     */
    PressRehearsal(Supplier<String> offers, ToIntFunction<String> invites) {
        this.offers = offers;
        this.invites = invites;
    }

    @Override
    public void registrationChanged(RegistrationChange change) {
        if (change instanceof RegistrationChange.Registered && started.compareAndSet(false, true)) {
            Thread thread = new Thread(this::rehearse, "press-rehearsal");
            thread.setDaemon(true);
            thread.setPriority(Thread.MIN_PRIORITY);
            thread.start();
        }
    }

    /** Runs the rehearsals on this thread; how many completed (fewer when the settings allow no call). */
    int rehearse() {
        long start = System.nanoTime();
        int done = 0;
        try {
            for (; done < TIMES; done++) {
                String offer = offers.get();
                if (offer == null || invites.applyAsInt(offer) < 0) {
                    break;
                }
            }
        } catch (RuntimeException e) {
            // The stack was stopped under us (the device is closing); the rehearsal is only an optimisation.
            log.debug("press rehearsal ended early: {}", e.toString());
        }
        log.info("press path rehearsed {} times in {} ms (nothing sent)", done,
                TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
        return done;
    }
}
