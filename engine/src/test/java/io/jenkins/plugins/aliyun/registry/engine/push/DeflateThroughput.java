package io.jenkins.plugins.aliyun.registry.engine.push;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Locale;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * Compares zlib level 1 with {@link FastDeflater} on the files given as arguments: median CPU
 * time of this thread over several runs (the machine is shared, wall time would measure the
 * neighbours), after warm-up runs for the JIT. Each output is inflated once to check it.
 *
 * <pre>
 * mvn -q -f engine/pom.xml test-compile
 * java -cp engine/target/classes:engine/target/test-classes \
 *     io.jenkins.plugins.aliyun.registry.engine.push.DeflateThroughput [-runs N] FILE...
 * </pre>
 */
public final class DeflateThroughput {

    private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

    private DeflateThroughput() {
    }

    public static void main(String[] args) throws IOException, DataFormatException {
        int runs = 5;
        int first = 0;
        if (args.length > 1 && args[0].equals("-runs")) {
            runs = Integer.parseInt(args[1]);
            first = 2;
        }
        System.out.printf(Locale.ROOT, "java %s, median of %d runs (thread CPU time)%n", System.getProperty("java.version"), runs);
        System.out.printf(Locale.ROOT, "%-40s %12s %12s %8s %12s %8s %7s %7s%n",
                "file", "bytes", "zlib-1", "MB/s", "ours", "MB/s", "speed", "size");
        for (int i = first; i < args.length; i++) {
            Path file = Path.of(args[i]);
            byte[] data = Files.readAllBytes(file);
            check(data, ours(data));
            check(data, zlib(data));
            for (int warm = 0; warm < 2; warm++) {
                zlib(data);
                ours(data);
            }
            long[] zlibTimes = new long[runs];
            long[] ourTimes = new long[runs];
            long zlibSize = 0;
            long ourSize = 0;
            for (int r = 0; r < runs; r++) {
                long t0 = THREADS.getCurrentThreadCpuTime();
                zlibSize = zlib(data).length;
                long t1 = THREADS.getCurrentThreadCpuTime();
                ourSize = ours(data).length;
                long t2 = THREADS.getCurrentThreadCpuTime();
                zlibTimes[r] = t1 - t0;
                ourTimes[r] = t2 - t1;
            }
            double zlibRate = rate(data.length, median(zlibTimes));
            double ourRate = rate(data.length, median(ourTimes));
            String name = file.getNameCount() > 2 ? file.subpath(file.getNameCount() - 3, file.getNameCount()).toString() : file.toString();
            System.out.printf(Locale.ROOT, "%-40s %12d %12d %8.1f %12d %8.1f %6.2fx %+6.2f%%%n",
                    name, data.length, zlibSize, zlibRate, ourSize, ourRate, ourRate / zlibRate, 100.0 * (ourSize - zlibSize) / zlibSize);
        }
    }

    private static long median(long[] times) {
        long[] sorted = times.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }

    private static double rate(long bytes, long nanos) {
        return bytes / 1e6 / (nanos / 1e9);
    }

    static byte[] zlib(byte[] data) {
        Deflater deflater = new Deflater(Deflater.BEST_SPEED, true);
        deflater.setInput(data);
        deflater.finish();
        byte[] buffer = new byte[1 << 16];
        Output out = new Output(data.length / 2);
        while (!deflater.finished()) {
            int n = deflater.deflate(buffer);
            out.write(buffer, n);
        }
        deflater.end();
        return out.bytes();
    }

    static byte[] ours(byte[] data) throws IOException {
        FastDeflater deflater = new FastDeflater();
        ByteArrayInputStream in = new ByteArrayInputStream(data);
        byte[] buffer = new byte[1 << 16];
        Output out = new Output(data.length / 2);
        boolean more = true;
        while (more) {
            more = deflater.fill(in);
            deflater.compress(!more);
            int n;
            while ((n = deflater.drain(buffer, 0, buffer.length)) > 0) {
                out.write(buffer, n);
            }
        }
        return out.bytes();
    }

    private static void check(byte[] data, byte[] raw) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        inflater.setInput(raw);
        byte[] back = new byte[data.length + 1];
        int n = 0;
        while (!inflater.finished() && n < back.length) {
            int k = inflater.inflate(back, n, back.length - n);
            if (k == 0 && (inflater.needsInput() || inflater.needsDictionary())) {
                break;
            }
            n += k;
        }
        inflater.end();
        if (n != data.length || !Arrays.equals(data, 0, n, back, 0, n)) {
            throw new IllegalStateException("round trip failed after " + n + " of " + data.length + " bytes");
        }
    }

    /** A growable byte array without ByteArrayOutputStream's synchronization. */
    private static final class Output {
        private byte[] bytes;
        private int size;

        Output(int capacity) {
            bytes = new byte[Math.max(capacity, 64)];
        }

        void write(byte[] b, int n) {
            if (size + n > bytes.length) {
                bytes = Arrays.copyOf(bytes, Math.max(bytes.length * 2, size + n));
            }
            System.arraycopy(b, 0, bytes, size, n);
            size += n;
        }

        byte[] bytes() {
            return Arrays.copyOf(bytes, size);
        }
    }
}
