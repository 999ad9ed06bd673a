package io.jenkins.plugins.aliyun.registry.engine.push;

import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.util.ArrayDeque;
import java.util.Arrays;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.zip.CRC32;
import java.util.zip.Deflater;

/**
 * Reading from it gives the gzip compression of another stream, produced as it is read (no
 * buffering of the whole layer). The header has no name and no time, so equal input gives equal
 * output, which keeps layer digests stable between pushes.
 *
 * <p>The input is cut in 1 MiB chunks that are compressed in parallel on a shared pool (as pigz
 * and skopeo's pgzip do): when an image has one big layer, the end of a push otherwise compresses
 * that layer on one core while the others idle (GzipBench, 2 cores, JDK 17, median of 3: a 48 MiB
 * tar of libjvm.so and the CDS archives 465 -> 257 ms wall, 480 -> 500 ms CPU, 17,645,553 ->
 * 17,646,373 bytes; 256 MiB of random bytes 1041 -> 244 ms wall). Each chunk gets its own raw deflater, primed with
 * the last 32 KiB of the previous chunk as dictionary (so the ratio stays that of one stream) and
 * ended with a sync flush (byte-aligned, so the outputs concatenate); an empty final block ends
 * the deflate stream. Chunk boundaries are fixed by the input alone, so the output depends only on
 * the input bytes: not on read sizes, thread timing or the number of cores.
 *
 * <p>Data that does not compress (zip files, compressed archives, random bytes) is stored rather
 * than run through the compressor: each chunk deflates its first 64 KiB, and if that does not
 * shrink below 97 % the rest of the chunk is stored. Decided by the chunk's own bytes only.
 *
 * <p>Where ISA-L loads ({@link NativeDeflate}: Linux x86-64), each chunk is instead deflated whole by
 * ISA-L and becomes a gzip member of its own (header, deflate stream, CRC-32 and size), the members
 * one after another: still one valid gzip file (RFC 1952 allows any number of members; gzip and
 * Go's reader, which docker, containerd and kaniko use, read them all; the tests check both), as
 * bgzip and eStargz layers are. The JDK's {@code GZIPInputStream} reads all members of a file but
 * may stop at a member's end on a network stream (it asks {@code available()}; JDK-7036144), so
 * {@link NativeDeflate#PROPERTY} turns this off for such a consumer. ISA-L's binding can neither take a dictionary nor end
 * without a final block, hence members rather than one stream; ISA-L stores what does not compress
 * by itself. ~4× less CPU than zlib for about the same size (NativeDeflate). Output still depends
 * on the input bytes only, for a given mode.
 *
 * <p>At most two chunks per pool thread (8 at most) are in flight per stream (about 2.2 MiB
 * each, input and output), buffers are reused, and the reading thread compresses the chunk it waits for itself
 * when no pool thread has taken it yet, so it never waits on a busy pool. {@link #close()}
 * withdraws the chunks not started and waits for those running (at most one chunk's work each).
 */
final class GzipCompressingStream extends BulkInputStream {

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};
    /** A final, empty, fixed-Huffman deflate block: what {@code finish()} gives on no input. */
    private static final byte[] LAST_BLOCK = {0x03, 0x00};
    static final int CHUNK = 1 << 20;
    private static final int DICTIONARY = 1 << 15;
    private static final int SAMPLE = 1 << 16;

    private final InputStream in;
    private final int level;
    /** Each chunk a gzip member of its own, deflated by ISA-L; otherwise one member, zlib. */
    private final boolean members;
    private long chunks;
    private final Executor pool;
    private final int maxInFlight;
    private final CRC32 crc = new CRC32();
    private final ArrayDeque<Chunk> inFlight = new ArrayDeque<>();
    private final ArrayDeque<Chunk> spare = new ArrayDeque<>();
    private final byte[] trailer = new byte[10];
    private byte[] dictionary;
    private long size;
    private boolean inputDone;
    private boolean closed;
    /** What read() hands out now: the header, a chunk's output, then the trailer. */
    private byte[] out = HEADER;
    private int outPos;
    private int outLen = HEADER.length;
    private Chunk draining;
    /** The header of {@code draining}'s member is out; its body is next. */
    private boolean memberHeaderOut;
    private boolean trailerSet;

    GzipCompressingStream(InputStream in, int level) {
        this(in, level, SharedPool.POOL, SharedPool.THREADS, NativeDeflate.available());
    }

    /** With a pool of {@code threads} threads; for tests. */
    GzipCompressingStream(InputStream in, int level, Executor pool, int threads) {
        this(in, level, pool, threads, NativeDeflate.available());
    }

    /** With a pool of {@code threads} threads, ISA-L members or one zlib member; for tests. */
    GzipCompressingStream(InputStream in, int level, Executor pool, int threads, boolean isal) {
        this.in = in;
        this.level = level;
        this.members = isal && NativeDeflate.available();
        this.pool = pool;
        // four blobs move at once: 8 chunks (~18 MiB) per stream at most keeps a push on a many-core
        // agent within ~72 MiB of buffers, whatever the agent's heap
        this.maxInFlight = 2 * Math.min(Math.max(1, threads), 4);
    }

    /** The process's compression threads: daemons, one per processor, gone when idle a minute. */
    static final class SharedPool {
        static final int THREADS = Runtime.getRuntime().availableProcessors();
        static final ThreadPoolExecutor POOL;

        static {
            AtomicInteger n = new AtomicInteger();
            POOL = new ThreadPoolExecutor(THREADS, THREADS, 60, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "gzip-" + n.incrementAndGet());
                t.setDaemon(true);
                return t;
            });
            POOL.allowCoreThreadTimeOut(true);
        }

        private SharedPool() {
        }
    }

    /** One chunk of input and its deflate output; run by a pool thread or by the reading thread. */
    private static final class Chunk implements Runnable {
        private static final int QUEUED = 0;
        private static final int RUNNING = 1;
        private static final int DONE = 2;

        private final AtomicInteger state = new AtomicInteger(DONE);
        final byte[] input = new byte[CHUNK];
        final byte[] dictionary = new byte[DICTIONARY];
        private static final int OUTPUT = CHUNK + CHUNK / 8;
        byte[] output = new byte[OUTPUT];
        int inputLen;
        int level;
        boolean member;
        boolean first;
        boolean hasDictionary;
        int outputLen;
        Throwable failure;

        void queue() {
            state.set(QUEUED);
        }

        @Override
        public void run() {
            runIfQueued();
        }

        /** Compresses the chunk unless another thread has started it; true if done here. */
        boolean runIfQueued() {
            if (state.compareAndSet(QUEUED, RUNNING)) {
                try {
                    compress();
                } catch (Throwable t) { // reported to the reading thread
                    failure = t;
                } finally {
                    synchronized (this) {
                        state.set(DONE);
                        notifyAll();
                    }
                }
                return true;
            }
            return false;
        }

        /** Withdraws the chunk if no thread has started it; true if so. */
        boolean cancel() {
            return state.compareAndSet(QUEUED, DONE);
        }

        synchronized void await() throws InterruptedException {
            while (state.get() != DONE) {
                wait();
            }
        }

        private void compress() {
            if (output.length != OUTPUT) {
                output = new byte[OUTPUT]; // zlib's stored blocks depend on the space given
            }
            if (member) {
                compressMember();
                return;
            }
            Deflater d = new Deflater(level, true);
            try {
                if (hasDictionary) {
                    d.setDictionary(dictionary);
                }
                outputLen = 0;
                int sample = Math.min(SAMPLE, inputLen);
                d.setInput(input, 0, sample);
                deflate(d);
                if (outputLen * 100L > sample * 97L) {
                    d.setLevel(Deflater.NO_COMPRESSION);
                    // the level changes on the next call, which must not have input: zlib would
                    // otherwise compress part of it at the old level first
                    d.setInput(input, sample, 0);
                    outputLen += d.deflate(output, outputLen, output.length - outputLen, Deflater.NO_FLUSH);
                }
                d.setInput(input, sample, inputLen - sample);
                deflate(d);
            } finally {
                d.end();
            }
        }

        /**
         * The chunk as the body of a gzip member: a final deflate stream, CRC-32 and size (the
         * reading thread hands out the member's header before it).
         */
        private void compressMember() {
            int n = NativeDeflate.deflate(input, inputLen, output);
            if (n < 0) { // not expected; zlib then, for this chunk only
                Deflater d = new Deflater(level, true);
                try {
                    d.setInput(input, 0, inputLen);
                    d.finish();
                    n = 0;
                    while (!d.finished()) {
                        if (n == output.length) {
                            output = Arrays.copyOf(output, output.length * 2);
                        }
                        n += d.deflate(output, n, output.length - n);
                    }
                } finally {
                    d.end();
                }
            }
            if (output.length < n + 8) {
                output = Arrays.copyOf(output, n + 8);
            }
            CRC32 crc = new CRC32();
            crc.update(input, 0, inputLen);
            writeTrailer(output, n, crc.getValue(), inputLen);
            outputLen = n + 8;
        }

        /** Deflates all the set input, ending with a sync flush (output byte-aligned). */
        private void deflate(Deflater d) {
            while (true) {
                outputLen += d.deflate(output, outputLen, output.length - outputLen, Deflater.SYNC_FLUSH);
                if (outputLen < output.length) {
                    return;
                }
                output = Arrays.copyOf(output, output.length * 2);
            }
        }
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("closed");
        }
        if (len == 0) {
            return 0;
        }
        while (outPos >= outLen) {
            if (!next()) {
                return -1;
            }
        }
        int n = Math.min(len, outLen - outPos);
        System.arraycopy(out, outPos, b, off, n);
        outPos += n;
        return n;
    }

    /** Moves to the next piece of output; false at the end. */
    private boolean next() throws IOException {
        if (memberHeaderOut) {
            memberHeaderOut = false;
            setOutput(draining.output, draining.outputLen);
            return true;
        }
        if (draining != null) {
            spare.push(draining);
            draining = null;
        }
        fill();
        Chunk c = inFlight.poll();
        if (c != null) {
            if (c.runIfQueued()) { // no pool thread had taken it: compressed here rather than waited for
                withdraw(c);
            } else {
                try {
                    c.await();
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    inFlight.addFirst(c);
                    throw new InterruptedIOException("interrupted while compressing");
                }
            }
            if (c.failure != null) {
                spare.push(c);
                throw new IOException("compression failed", c.failure);
            }
            draining = c;
            fill(); // the next chunk starts before this one is handed out
            if (c.member && !c.first) {
                memberHeaderOut = true;
                setOutput(HEADER, HEADER.length);
            } else {
                setOutput(c.output, c.outputLen);
            }
            return true;
        }
        if (!trailerSet) {
            trailerSet = true;
            if (members && chunks > 0) {
                return false; // the last member had its trailer
            }
            trailer[0] = LAST_BLOCK[0];
            trailer[1] = LAST_BLOCK[1];
            writeTrailer(trailer, 2, members ? 0 : crc.getValue(), members ? 0 : size);
            setOutput(trailer, trailer.length);
            return true;
        }
        return false;
    }

    /** A gzip trailer: CRC-32 and size modulo 2^32, little-endian. */
    private static void writeTrailer(byte[] b, int at, long crc, long size) {
        for (int i = 0; i < 4; i++) {
            b[at + i] = (byte) (crc >>> (8 * i));
            b[at + 4 + i] = (byte) (size >>> (8 * i));
        }
    }

    private void setOutput(byte[] bytes, int length) {
        out = bytes;
        outPos = 0;
        outLen = length;
    }

    /** Reads chunks of input and queues them until the in-flight limit or the end of input. */
    private void fill() throws IOException {
        while (!inputDone && inFlight.size() + (draining != null ? 1 : 0) < maxInFlight) {
            Chunk c = spare.isEmpty() ? new Chunk() : spare.pop();
            int n = 0;
            while (n < CHUNK) { // full chunks whatever the source's read sizes
                int r = in.read(c.input, n, CHUNK - n);
                if (r < 0) {
                    inputDone = true;
                    break;
                }
                n += r;
            }
            if (n == 0) {
                spare.push(c);
                return;
            }
            c.inputLen = n;
            c.level = level;
            c.member = members;
            c.first = chunks++ == 0;
            if (members) { // a member stands alone: no running CRC, no dictionary
                c.hasDictionary = false;
                c.queue();
                inFlight.add(c);
                execute(c);
                continue;
            }
            crc.update(c.input, 0, n);
            size += n;
            c.hasDictionary = dictionary != null;
            if (dictionary != null) {
                System.arraycopy(dictionary, 0, c.dictionary, 0, DICTIONARY);
            } else {
                dictionary = new byte[DICTIONARY];
            }
            // n >= DICTIONARY unless this is the last chunk, whose tail no one uses
            System.arraycopy(c.input, Math.max(0, n - DICTIONARY), dictionary, 0, Math.min(n, DICTIONARY));
            c.queue();
            inFlight.add(c);
            execute(c);
        }
    }

    private void execute(Chunk c) {
        try {
            pool.execute(c);
        } catch (RejectedExecutionException e) {
            // stays queued: the reading thread compresses it when its turn comes
        }
    }

    /** Takes a chunk that needs no pool thread any more out of the pool's queue, if still there. */
    private void withdraw(Chunk c) {
        if (pool instanceof ThreadPoolExecutor tpe) {
            tpe.getQueue().remove(c);
        }
    }

    @Override
    public void close() throws IOException {
        if (closed) {
            return;
        }
        closed = true;
        boolean interrupted = false;
        for (Chunk c : inFlight) {
            if (c.cancel()) {
                withdraw(c);
            } else {
                while (true) {
                    try {
                        c.await();
                        break;
                    } catch (InterruptedException e) {
                        interrupted = true;
                    }
                }
            }
        }
        inFlight.clear();
        spare.clear();
        draining = null;
        out = HEADER;
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
        in.close();
    }
}
