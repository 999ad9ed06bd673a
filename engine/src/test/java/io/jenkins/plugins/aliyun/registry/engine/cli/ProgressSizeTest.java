package io.jenkins.plugins.aliyun.registry.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProgressSizeTest {

    /** What the sizes meant before they were computed without String.format. */
    private static String formatted(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        return bytes < 1 << 20 ? String.format(Locale.ROOT, "%.1f KiB", bytes / 1024.0) : String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    @Test
    void sizesReadAsStringFormatWouldPrintThemInBytesKibOrMib() {
        long[] edges = {0, 1, 1023, 1024, 1075, 1076, 52_428, 52_429, 104_857, 262_144, 262_143, 1_048_575, 1_048_576, 1_101_004,
            1_101_005, (5L << 19) / 10 * 3, 221_000_000L, 1L << 30, (1L << 40) + 524_287, Long.MAX_VALUE >> 5};
        for (long b : edges) {
            assertEquals(formatted(b), PushCommand.Progress.size(b), "bytes " + b);
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long b = random.nextLong(1L << (1 + random.nextInt(44)));
            assertEquals(formatted(b), PushCommand.Progress.size(b), "bytes " + b);
        }
    }

    @Test
    void aSmallBlobIsNotZeroMib() {
        assertEquals("402 B", PushCommand.Progress.size(402));
        assertEquals("4.5 KiB", PushCommand.Progress.size(4_608));
        assertEquals("90.2 MiB", PushCommand.Progress.size(94_556_160));
    }

    @Test
    void theBuildLogShowsAFinishedBlobWithTheSameSize() {
        io.jenkins.plugins.aliyun.registry.engine.push.LayerProgress p = new io.jenkins.plugins.aliyun.registry.engine.push.LayerProgress(
                "sha256:0123456789abcdef", io.jenkins.plugins.aliyun.registry.engine.push.LayerProgress.Status.PUSHED, 94_556_160, -1);
        assertEquals("90.2 MiB", p.finalSize(), "bytes counted when the total is unknown");
        assertEquals("4.5 KiB", new io.jenkins.plugins.aliyun.registry.engine.push.LayerProgress(
                "sha256:0123456789abcdef", io.jenkins.plugins.aliyun.registry.engine.push.LayerProgress.Status.PUSHED, 10, 4_608).finalSize());
        assertEquals(null, new io.jenkins.plugins.aliyun.registry.engine.push.LayerProgress(
                "sha256:0123456789abcdef", io.jenkins.plugins.aliyun.registry.engine.push.LayerProgress.Status.PUSHED, -1, -1).finalSize());
        Locale before = Locale.getDefault();
        Locale.setDefault(Locale.GERMANY);
        try {
            assertEquals("90.2 MiB", p.finalSize(), "a dot whatever the locale");
        } finally {
            Locale.setDefault(before);
        }
    }
}
