package dev.dlt.report;

import java.io.PrintStream;
import java.util.function.LongSupplier;
import me.tongfei.progressbar.ConsoleProgressBarConsumer;
import me.tongfei.progressbar.ProgressBar;
import me.tongfei.progressbar.ProgressBarBuilder;
import me.tongfei.progressbar.ProgressBarStyle;

/**
 * Training progress on stderr: step/total, loss, tokens/s and ETA. On a terminal it draws a progress bar
 * (me.tongfei progressbar); without one (CI, a pipe, a log file) it prints a plain line at most every
 * {@code plainIntervalSec} seconds and at the last step, so logs do not fill with carriage returns.
 * Not thread-safe: the trainer thread calls {@link #update}.
 */
public final class ProgressReporter implements AutoCloseable {

    private final long total;
    private final ProgressBar bar;
    private final PrintStream plain;
    private final LongSupplier nanoClock;
    private final long intervalNanos;
    private final long startNanos;
    private long lastPlainNanos;

    private ProgressReporter(long total, ProgressBar bar, PrintStream plain, LongSupplier nanoClock,
                             double plainIntervalSec) {
        if (total < 1) {
            throw new IllegalArgumentException("total steps must be >= 1, got " + total);
        }
        this.total = total;
        this.bar = bar;
        this.plain = plain;
        this.nanoClock = nanoClock;
        this.intervalNanos = (long) (plainIntervalSec * 1e9);
        this.startNanos = nanoClock.getAsLong();
        this.lastPlainNanos = startNanos;
    }

    /** A bar on stderr when a console is attached, plain lines every 30 s otherwise. */
    public static ProgressReporter start(String task, long totalSteps) {
        if (System.console() == null) {
            return plain(System.err, totalSteps, 30, System::nanoTime);
        }
        ProgressBar bar = new ProgressBarBuilder().setTaskName(task).setInitialMax(totalSteps)
                .setStyle(ProgressBarStyle.ASCII).setUpdateIntervalMillis(500)
                .setConsumer(new ConsoleProgressBarConsumer(System.err)).build();
        return new ProgressReporter(totalSteps, bar, null, System::nanoTime, 30);
    }

    /** The plain-line variant, with an injectable clock for tests. */
    public static ProgressReporter plain(PrintStream out, long totalSteps, double intervalSec, LongSupplier nanoClock) {
        return new ProgressReporter(totalSteps, null, out, nanoClock, intervalSec);
    }

    /** Reports that {@code step} (1-based, at most total) finished with this loss and throughput. */
    public void update(long step, double loss, double tokensPerSec) {
        String extra = "loss " + Format.fixed(loss, 4) + ", " + Format.fixed(tokensPerSec, 0) + " tok/s";
        if (bar != null) {
            bar.stepTo(step);
            bar.setExtraMessage(extra);
            return;
        }
        long now = nanoClock.getAsLong();
        if (now - lastPlainNanos >= intervalNanos || step >= total) {
            lastPlainNanos = now;
            plain.println(plainLine(step, extra, (now - startNanos) / 1e9));
            plain.flush();
        }
    }

    private String plainLine(long step, String extra, double elapsedSec) {
        double eta = step > 0 ? elapsedSec / step * (total - step) : Double.NaN;
        return "step " + step + "/" + total + " (" + Format.fixed(100.0 * step / total, 1) + "%), " + extra
                + ", elapsed " + Format.duration(elapsedSec) + ", ETA " + Format.duration(eta);
    }

    @Override
    public void close() {
        if (bar != null) {
            bar.close();
        }
    }
}
