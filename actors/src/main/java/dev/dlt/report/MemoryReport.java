package dev.dlt.report;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Memory by category, in bytes. Parameters, gradients and optimizer state count only trainable tensors
 * (tied layers add none); activations are the peak of one step; RSS is the whole process as the OS sees it.
 */
public record MemoryReport(long parameterBytes, long gradientBytes, long optimizerStateBytes,
                           long activationPeakBytes, long processRssBytes) {

    private static final Path STATUS = Path.of("/proc/self/status");

    public MemoryReport {
        Checks.require(parameterBytes >= 0 && gradientBytes >= 0 && optimizerStateBytes >= 0
                && activationPeakBytes >= 0 && processRssBytes >= 0, "memory sizes must be >= 0");
    }

    /** A report with the process RSS measured now. */
    public static MemoryReport measure(long parameterBytes, long gradientBytes, long optimizerStateBytes,
                                       long activationPeakBytes) {
        return new MemoryReport(parameterBytes, gradientBytes, optimizerStateBytes, activationPeakBytes,
                currentRssBytes());
    }

    /**
     * Resident set size of this process from {@code /proc/self/status} (it includes native tensors). Where
     * that file does not exist (macOS, Windows) this falls back to the JVM heap in use, which misses
     * native memory: an underestimate.
     */
    public static long currentRssBytes() {
        try {
            if (Files.isReadable(STATUS)) {
                Long rss = parseVmRss(Files.readAllLines(STATUS));
                if (rss != null) {
                    return rss;
                }
            }
        } catch (IOException | RuntimeException e) {
            // fall through to the JVM's own numbers
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }

    /** The {@code VmRSS:} line of a status file in bytes, or null if absent. */
    static Long parseVmRss(List<String> lines) {
        for (String line : lines) {
            if (line.startsWith("VmRSS:")) {
                String[] parts = line.substring(6).trim().split("\\s+");
                long value = Long.parseLong(parts[0]);
                return parts.length > 1 && parts[1].equalsIgnoreCase("kB") ? value * 1024 : value;
            }
        }
        return null;
    }

    /** Sum of the categories the trainer accounts for (not RSS). */
    public long accountedBytes() {
        return parameterBytes + gradientBytes + optimizerStateBytes + activationPeakBytes;
    }
}
