package io.jenkins.plugins.aliyun.registry.engine.push;

import java.io.BufferedInputStream;
import java.io.FileInputStream;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Compresses one file through one zlib stream at level 1 on the reading thread (as the push did
 * before chunks) or through {@link GzipCompressingStream}, reads the output in 64 KiB pieces as an
 * upload does, and prints wall time, process CPU time, output size and the CRC32 of the output.
 * Run in a fresh JVM each time: {@code GzipBench zlib|chunked FILE}.
 */
public final class GzipBench {

    private GzipBench() {
    }

    public static void main(String[] args) throws Exception {
        boolean parallel = args[0].equals("chunked");
        com.sun.management.OperatingSystemMXBean os =
                (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        long cpu0 = os.getProcessCpuTime();
        long t0 = System.nanoTime();
        long size = 0;
        CRC32 crc = new CRC32();
        try (InputStream file = new BufferedInputStream(new FileInputStream(args[1]), 1 << 16);
                InputStream gz = parallel ? new GzipCompressingStream(file, Deflater.BEST_SPEED)
                        : new java.util.zip.DeflaterInputStream(file, new Deflater(Deflater.BEST_SPEED, true))) {
            byte[] buf = new byte[1 << 16];
            int n;
            while ((n = gz.read(buf)) > 0) {
                size += n;
                crc.update(buf, 0, n);
            }
        }
        long wall = System.nanoTime() - t0;
        long cpu = os.getProcessCpuTime() - cpu0;
        System.out.printf("%s wall_ms=%d cpu_ms=%d size=%d crc=%08x%n", args[0], wall / 1_000_000, cpu / 1_000_000, size, crc.getValue());
    }
}
