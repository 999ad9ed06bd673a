package io.jenkins.plugins.aliyun.registry.engine.push;

import static io.jenkins.plugins.aliyun.registry.engine.push.GzipCompressingStream.CHUNK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Random;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The chunked, parallel compression: valid gzip, and output fixed by the input alone. Run with
 * ISA-L (chunks as gzip members) here, and with zlib (one member) by {@link ParallelGzipZlibTest}.
 */
@Timeout(120)
class ParallelGzipTest {

    /** Whether the streams under test use ISA-L. */
    boolean isal() {
        return true;
    }

    /** A stream on the process's shared pool, in this class's mode. */
    InputStream open(InputStream source) {
        return new GzipCompressingStream(source, Deflater.BEST_SPEED, GzipCompressingStream.SharedPool.POOL,
                GzipCompressingStream.SharedPool.THREADS, isal());
    }

    private static ThreadPoolExecutor one;
    private static ThreadPoolExecutor two;
    private static ThreadPoolExecutor eight;

    @BeforeAll
    static void pools() {
        one = pool(1);
        two = pool(2);
        eight = pool(8);
    }

    @AfterAll
    static void shutdown() {
        one.shutdownNow();
        two.shutdownNow();
        eight.shutdownNow();
    }

    private static ThreadPoolExecutor pool(int threads) {
        ThreadPoolExecutor p = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "test-gzip");
            t.setDaemon(true);
            return t;
        });
        p.prestartAllCoreThreads();
        return p;
    }

    private byte[] compress(byte[] data) throws IOException {
        try (InputStream in = open(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        }
    }

    private byte[] compress(byte[] data, Executor pool, int threads) throws IOException {
        try (InputStream in = new GzipCompressingStream(new ByteArrayInputStream(data), Deflater.BEST_SPEED, pool, threads, isal())) {
            return in.readAllBytes();
        }
    }

    private static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream back = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return back.readAllBytes();
        }
    }

    private static byte[] text(int size) {
        byte[] data = new byte[size];
        Random r = new Random(size);
        String[] words = {"layer ", "digest ", "manifest ", "registry ", "blob ", "upload ", "sha256 ", "\n", "tar "};
        int i = 0;
        while (i < size) {
            byte[] w = words[r.nextInt(words.length)].getBytes(java.nio.charset.StandardCharsets.US_ASCII);
            int n = Math.min(w.length, size - i);
            System.arraycopy(w, 0, data, i, n);
            i += n;
        }
        return data;
    }

    private static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    /** Text with random stretches that start and end inside chunks, of various lengths. */
    private static byte[] mixed() {
        byte[] data = text(9 * CHUNK + 777);
        Random r = new Random(5);
        int[][] noise = {{100, CHUNK / 3}, {CHUNK + 5000, 2 * CHUNK}, {4 * CHUNK - 10, 20}, {6 * CHUNK + 1, CHUNK - 2}};
        for (int[] n : noise) {
            byte[] b = new byte[n[1]];
            r.nextBytes(b);
            System.arraycopy(b, 0, data, n[0], b.length);
        }
        return data;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, (1 << 15) - 1, 1 << 15, (1 << 16) + 1, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, 3 << 20, (5 << 20) + 12345})
    void textOfSizesAroundChunkBoundariesComesBackWithGzipInputStream(int size) throws IOException {
        byte[] data = text(size);
        byte[] gz = compress(data);
        assertArrayEquals(data, gunzip(gz));
        if (size > 1000) {
            assertTrue(gz.length < size / 3, "text compresses: " + gz.length + " of " + size);
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 100, (1 << 20) - 1, 1 << 20, (1 << 20) + 1, (3 << 20) + 7})
    void randomDataOfSizesAroundChunkBoundariesComesBackAndIsStored(int size) throws IOException {
        byte[] data = random(size, size);
        byte[] gz = compress(data);
        assertArrayEquals(data, gunzip(gz));
        assertTrue(gz.length <= size * 1.001 + 40, "stored: " + gz.length + " for " + size);
    }

    @Test
    void mixedCompressibleAndIncompressibleChunksComeBackWithinAFifthOfOneZlibStream() throws IOException {
        byte[] data = mixed();
        byte[] gz = compress(data);
        assertArrayEquals(data, gunzip(gz));
        byte[] oneStream;
        try (InputStream in = new java.util.zip.DeflaterInputStream(new ByteArrayInputStream(data), new Deflater(Deflater.BEST_SPEED, true))) {
            oneStream = in.readAllBytes();
        }
        // the first chunk is stored (its first 64 KiB are random): 5.1 MB against 4.5 MB for one zlib
        // stream at level 1; the serial stream this one replaced, which stored 4 MiB after each
        // incompressible MiB, gave 8.8 MB
        assertTrue(gz.length < oneStream.length * 1.2, "one stream " + oneStream.length + ", chunked " + gz.length);
        assertTrue(gz.length < data.length * 0.6, "chunked " + gz.length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"/usr/lib/jvm/java-17-openjdk-amd64/lib/server/libjvm.so", "/usr/lib/jvm/java-17-openjdk-amd64/lib/libjava.so",
        "/usr/lib/jvm/java-17-openjdk-amd64/lib/server/classes.jsa"})
    void realJdkFilesComeBack(String file) throws IOException {
        Path p = Path.of(file);
        assumeTrue(Files.isReadable(p), "no " + file);
        byte[] data = Files.readAllBytes(p);
        assertArrayEquals(data, gunzip(compress(data)));
    }

    @Test
    void readSizesDoNotChangeTheOutputDownToOneByteReads() throws IOException {
        byte[] data = mixed();
        byte[] whole = compress(data);
        Random r = new Random(7);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (InputStream in = open(new ByteArrayInputStream(data))) {
            byte[] buf = new byte[1 << 17];
            while (true) {
                int mode = r.nextInt(3);
                if (mode == 0) {
                    int b = in.read();
                    if (b < 0) {
                        break;
                    }
                    out.write(b);
                } else {
                    int n = in.read(buf, 3, mode == 1 ? 1 + r.nextInt(16) : 1 + r.nextInt(buf.length - 3));
                    if (n < 0) {
                        break;
                    }
                    out.write(buf, 3, n);
                }
            }
        }
        assertArrayEquals(whole, out.toByteArray());
    }

    @Test
    void sourceReadSizesDoNotChangeTheOutput() throws IOException {
        byte[] data = mixed();
        Random r = new Random(8);
        InputStream trickle = new ByteArrayInputStream(data) {
            @Override
            public synchronized int read(byte[] b, int off, int len) {
                return super.read(b, off, Math.min(len, 1 + r.nextInt(5000)));
            }
        };
        try (InputStream in = open(trickle)) {
            assertArrayEquals(compress(data), in.readAllBytes());
        }
    }

    @Test
    void poolsOfOneTwoAndEightThreadsGiveTheSameBytes() throws IOException {
        byte[] data = mixed();
        byte[] shared = compress(data);
        assertArrayEquals(shared, compress(data, one, 1));
        assertArrayEquals(shared, compress(data, two, 2));
        assertArrayEquals(shared, compress(data, eight, 8));
        Executor refusing = r -> {
            throw new RejectedExecutionException("full");
        };
        assertArrayEquals(shared, compress(data, refusing, 4), "all chunks compressed by the reading thread");
    }

    @Test
    void debianGzipTestsAndDecompressesTheOutput(@TempDir Path dir) throws Exception {
        assumeTrue(Files.isExecutable(Path.of("/usr/bin/gzip")), "no gzip");
        byte[][] inputs = {new byte[0], text(CHUNK), mixed(), random(CHUNK + 1, 9)};
        for (int i = 0; i < inputs.length; i++) {
            Path gz = dir.resolve(i + ".gz");
            Files.write(gz, compress(inputs[i]));
            assertEquals(0, new ProcessBuilder("/usr/bin/gzip", "-t", gz.toString()).inheritIO().start().waitFor(), "gzip -t " + i);
            Process dc = new ProcessBuilder("/usr/bin/gzip", "-dc", gz.toString()).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            byte[] back = dc.getInputStream().readAllBytes();
            assertEquals(0, dc.waitFor(), "gzip -dc " + i);
            assertArrayEquals(inputs[i], back, "gzip -dc " + i);
        }
    }

    /** An endless, compressible source that records its closing. */
    private static final class Endless extends InputStream {
        final AtomicBoolean closed = new AtomicBoolean();
        private long pos;

        @Override
        public int read() {
            return (int) (pos++ % 251);
        }

        @Override
        public int read(byte[] b, int off, int len) {
            for (int i = 0; i < len; i++) { // random nibbles: slow to compress, ~10 ms a chunk
                pos = pos * 6364136223846793005L + 1442695040888963407L;
                b[off + i] = (byte) (pos >>> 60);
            }
            return len;
        }

        @Override
        public void close() {
            closed.set(true);
        }
    }

    @Test
    void closingMidwayLeavesNoTaskQueuedOrRunning() throws Exception {
        java.util.List<Thread> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        ThreadPoolExecutor pool = new ThreadPoolExecutor(2, 2, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
            Thread t = new Thread(r, "test-gzip");
            t.setDaemon(true);
            threads.add(t);
            return t;
        }) {
            @Override
            protected void beforeExecute(Thread t, Runnable r) {
                // each chunk waits 5 ms on its worker before it starts, so that chunks are in flight when the
                // stream is closed even where ISA-L compresses a chunk in about a millisecond
                try {
                    Thread.sleep(5);
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            }
        };
        java.lang.management.ThreadMXBean mx = java.lang.management.ManagementFactory.getThreadMXBean();
        java.util.function.LongSupplier poolCpu = () -> threads.stream().mapToLong(t -> Math.max(0, mx.getThreadCpuTime(t.getId()))).sum();
        long afterClose = 0;
        try {
            for (int round = 0; round < 20; round++) {
                Endless source = new Endless();
                InputStream in = new GzipCompressingStream(source, Deflater.BEST_SPEED, pool, 8, isal());
                in.readNBytes(1000 + round * 20_000);
                assertTrue(pool.getQueue().size() + pool.getActiveCount() > 0, "chunks were in flight");
                in.close();
                long cpu = poolCpu.getAsLong();
                assertTrue(source.closed.get());
                assertEquals(0, pool.getQueue().size(), "nothing left queued");
                long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
                while (pool.getActiveCount() > 0 && System.nanoTime() < deadline) {
                    Thread.sleep(1); // a worker may still be leaving a chunk another thread compressed
                }
                assertEquals(0, pool.getActiveCount());
                afterClose += poolCpu.getAsLong() - cpu;
                assertThrows(IOException.class, () -> in.read(new byte[10]));
            }
            // a chunk of these bytes takes ~10 ms: unwaited running chunks would show here
            assertTrue(afterClose < TimeUnit.MILLISECONDS.toNanos(20), "pool CPU after close: " + afterClose / 1000 + " us");
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aPoolBusyWithOtherWorkDoesNotStopTheStream() throws Exception {
        ThreadPoolExecutor pool = pool(1);
        CountDownLatch release = new CountDownLatch(1);
        try {
            pool.execute(() -> {
                try {
                    release.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                }
            });
            byte[] data = mixed();
            assertArrayEquals(compress(data), compress(data, pool, 1));
            assertEquals(0, pool.getQueue().size(), "chunks compressed by the reading thread left the queue");
            InputStream in = new GzipCompressingStream(new Endless(), Deflater.BEST_SPEED, pool, 4, isal());
            in.readNBytes(100);
            assertEquals(7, pool.getQueue().size(), "chunks 2 to 8 wait for the blocked thread");
            in.close();
            assertEquals(0, pool.getQueue().size(), "closing withdrew them: they hold no buffers");
        } finally {
            release.countDown();
            pool.shutdownNow();
        }
    }
}
