package io.jenkins.plugins.aliyun.registry.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Locale;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

class ProgressSizeTest {

    private static String formatted(long bytes) {
        return String.format(Locale.ROOT, "%.1f MiB", bytes / 1048576.0);
    }

    @Test
    void sizesReadAsStringFormatWouldPrintThem() {
        long[] edges = {0, 1, 52_428, 52_429, 104_857, 262_144, 262_143, 1_048_575, 1_048_576, 1_101_004, 1_101_005,
            (5L << 19) / 10 * 3, 221_000_000L, 1L << 30, (1L << 40) + 524_287, Long.MAX_VALUE >> 5};
        for (long b : edges) {
            assertEquals(formatted(b), PushCommand.Progress.mib(b), "bytes " + b);
        }
        SplittableRandom random = new SplittableRandom(7);
        for (int i = 0; i < 100_000; i++) {
            long b = random.nextLong(1L << (1 + random.nextInt(44)));
            assertEquals(formatted(b), PushCommand.Progress.mib(b), "bytes " + b);
        }
    }
}
