package rock.intercom.app.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;

/**
 * What one hand-off between two threads costs on this machine — the floor under API press →
 * INVITE (issue 12): a press crosses four parked threads on the door (Jetty's selector, the call
 * thread, the SIP dialogs thread) and one at the SIP server, each woken after the door sat idle.
 * One thread puts {@code nanoTime} into a blocking queue (as {@code CallController.post} and the
 * dialogs' executor do) and a parked thread takes it; the time until it runs, after a pause like a
 * press's (600 ms) and back to back (1 ms), shows how much of a press is waking idle CPUs.
 * Usage: java … HandOffBench [HAND_OFFS=40]
 */
public final class HandOffBench {

    private HandOffBench() {
    }

    public static void main(String[] args) throws Exception {
        int count = args.length > 0 ? Integer.parseInt(args[0]) : 40;
        System.out.printf("%-28s %8s %8s %8s%n", "hand-off to a parked thread", "p50 ms", "p90 ms", "min ms");
        for (int pauseMs : new int[] {600, 1}) {
            List<Double> ms = handOffs(count, pauseMs);
            System.out.printf("%-28s %8.3f %8.3f %8.3f%n", "after " + pauseMs + " ms idle", ms.get(ms.size() / 2),
                    ms.get(ms.size() * 9 / 10), ms.get(0));
        }
    }

    private static List<Double> handOffs(int count, int pauseMs) throws InterruptedException {
        BlockingQueue<Long> queue = new ArrayBlockingQueue<>(4);
        List<Double> ms = Collections.synchronizedList(new ArrayList<>());
        Thread taker = new Thread(() -> {
            try {
                while (true) {
                    long put = queue.take();
                    ms.add((System.nanoTime() - put) / 1e6);
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "hand-off-taker");
        taker.setDaemon(true);
        taker.start();
        for (int i = 0; i <= count; i++) {
            Thread.sleep(pauseMs);
            queue.put(System.nanoTime());
        }
        Thread.sleep(100);
        taker.interrupt();
        List<Double> sorted = new ArrayList<>(ms.subList(1, ms.size()));
        Collections.sort(sorted);
        return sorted;
    }
}
