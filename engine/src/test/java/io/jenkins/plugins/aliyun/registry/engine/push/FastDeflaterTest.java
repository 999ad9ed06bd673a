package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Random;
import java.util.zip.DataFormatException;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FastDeflaterTest {

    private static final int BLOCK = FastDeflater.BLOCK;

    /** Raw deflate of data, the input given in one piece. */
    static byte[] deflate(byte[] data) throws IOException {
        return DeflateThroughput.ours(data);
    }

    /** Inflates with the JDK's zlib, which must find exactly one complete stream. */
    static byte[] inflate(byte[] raw) throws DataFormatException {
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(raw);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] buffer = new byte[1 << 16];
            while (!inflater.finished()) {
                int n = inflater.inflate(buffer);
                if (n == 0 && !inflater.finished() && (inflater.needsInput() || inflater.needsDictionary())) {
                    throw new DataFormatException("stream ends before its last block");
                }
                out.write(buffer, 0, n);
            }
            assertEquals(0, inflater.getRemaining(), "bytes after the last block");
            return out.toByteArray();
        } finally {
            inflater.end();
        }
    }

    private static byte[] roundTrip(byte[] data) throws IOException, DataFormatException {
        byte[] raw = deflate(data);
        assertArrayEquals(data, inflate(raw));
        return raw;
    }

    static byte[] gzip(byte[] data) throws IOException {
        try (InputStream in = new GzipCompressingStream(new ByteArrayInputStream(data))) {
            return in.readAllBytes();
        }
    }

    static byte[] gunzip(byte[] gz) throws IOException {
        try (InputStream in = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            return in.readAllBytes();
        }
    }

    static byte[] random(int size, long seed) {
        byte[] data = new byte[size];
        new Random(seed).nextBytes(data);
        return data;
    }

    static byte[] text(int size, long seed) {
        String[] words = {"the", "layer", "registry", "push", "of", "compressed", "image", "manifest", "and", "digest",
            "blob", "upload", "a", "to", "container", "Jenkins", "agent", "is", "with", "tar"};
        Random r = new Random(seed);
        StringBuilder s = new StringBuilder();
        while (s.length() < size) {
            s.append(words[r.nextInt(words.length)]).append(r.nextInt(12) == 0 ? ".\n" : " ");
        }
        return Arrays.copyOf(s.toString().getBytes(StandardCharsets.US_ASCII), size);
    }

    /** Random runs, copies from earlier offsets (lengths and distances of all sizes) and noise. */
    static byte[] mixture(long seed) {
        Random r = new Random(seed);
        byte[] data = new byte[r.nextInt(5) == 0 ? r.nextInt(300) : r.nextInt(3 * BLOCK)];
        int pos = 0;
        while (pos < data.length) {
            int kind = r.nextInt(4);
            int len = Math.min(data.length - pos, kind == 3 ? 1 + r.nextInt(1000) : 1 + r.nextInt(r.nextBoolean() ? 10 : 400));
            if (kind == 0) {
                Arrays.fill(data, pos, pos + len, (byte) r.nextInt(256));
            } else if (kind == 1 && pos > 0) {
                int dist = 1 + r.nextInt(Math.min(pos, r.nextBoolean() ? 40 : 40000));
                for (int i = 0; i < len; i++) {
                    data[pos + i] = data[pos + i - dist];
                }
            } else if (kind == 2) {
                for (int i = 0; i < len; i++) {
                    data[pos + i] = (byte) ('a' + r.nextInt(r.nextBoolean() ? 4 : 26));
                }
            } else {
                for (int i = 0; i < len; i++) {
                    data[pos + i] = (byte) r.nextInt(256);
                }
            }
            pos += len;
        }
        return data;
    }

    @ParameterizedTest
    @ValueSource(ints = {0, 1, 2, 3, 4, 5, 7, 8, 9, 12, 16, 17, 100})
    void tinyInputsRoundTrip(int size) throws Exception {
        roundTrip(text(size, size));
        roundTrip(random(size, size));
        roundTrip(new byte[size]);
    }

    @Test
    void emptyInputIsOneTinyFinalBlock() throws Exception {
        assertTrue(roundTrip(new byte[0]).length <= 2);
    }

    @Test
    void zerosBecomeMaximalMatchesAtDistanceOne() throws Exception {
        byte[] zeros = new byte[4 << 20];
        byte[] raw = roundTrip(zeros);
        // 258-byte matches of a few bits each: DEFLATE's best is about 1:1000.
        assertTrue(raw.length < zeros.length / 500, "size " + raw.length);
    }

    @ParameterizedTest
    @ValueSource(ints = {2, 7})
    void repeatedPatternsRoundTripAndShrink(int period) throws Exception {
        byte[] data = new byte[3 * BLOCK + 123];
        for (int i = 0; i < data.length; i++) {
            data[i] = (byte) ("ab7cdef".charAt(i % period) + i % period);
        }
        byte[] raw = roundTrip(data);
        assertTrue(raw.length < data.length / 150, "size " + raw.length);
    }

    @Test
    void randomBytesAreStoredWithFiveBytesPerBlockAtMost() throws Exception {
        byte[] data = random(5 * BLOCK + 77, 11);
        byte[] raw = roundTrip(data);
        assertTrue(raw.length <= data.length + 6 * 10 + 1, "size " + raw.length);
    }

    @Test
    void textCompressesToLessThanHalf() throws Exception {
        byte[] data = text(1 << 20, 5);
        assertTrue(roundTrip(data).length < data.length / 2);
    }

    @Test
    void mixedCompressibleAndRandomBlocksRoundTrip() throws Exception {
        byte[] data = new byte[16 * BLOCK];
        for (int b = 0; b < 16; b++) {
            byte[] part = b % 3 == 1 ? random(BLOCK, b) : text(BLOCK, b);
            // Blocks of one kind start mid-block, so that some blocks are half and half.
            System.arraycopy(part, 0, data, (b * BLOCK + BLOCK / 3) % data.length, Math.min(part.length, data.length - (b * BLOCK + BLOCK / 3) % data.length));
        }
        byte[] raw = roundTrip(data);
        assertTrue(raw.length < data.length * 3 / 4, "size " + raw.length);
    }

    /** The real thing: this JDK's own large files, and no more than 6 % over zlib level 1 (4 % on JDK 17). */
    @Test
    void jdkFilesRoundTripWithinSixPercentOfZlibLevelOne() throws Exception {
        Path home = Path.of(System.getProperty("java.home"));
        for (Path file : new Path[] {home.resolve("lib/server/libjvm.so"), home.resolve("lib/modules")}) {
            byte[] data = Files.readAllBytes(file);
            data = Arrays.copyOf(data, Math.min(data.length, 12 << 20));
            byte[] raw = roundTrip(data);
            int zlib = DeflateThroughput.zlib(data).length;
            assertTrue(raw.length <= zlib * 1.06, file + ": " + raw.length + " bytes, zlib level 1 " + zlib);
        }
    }

    /**
     * Random filler has no matches; a 1 KiB random piece and its copy D bytes later can only be
     * matched when D ≤ 32768. Pieces sit in the first block, across and in later blocks, so the
     * history carried between blocks is checked too.
     */
    @ParameterizedTest
    @ValueSource(ints = {20000, 50000, 97804, 120000})
    void copiesAreFoundUpTo32768BackAndNoFurther(int at) throws Exception {
        int[] sizes = new int[3];
        for (int d = 32767; d <= 32769; d++) {
            byte[] data = new byte[at + d + 5000];
            byte[] piece = random(1024, at);
            piece[0] = 1;
            System.arraycopy(piece, 0, data, at, piece.length);
            System.arraycopy(piece, 0, data, at + d, piece.length);
            sizes[d - 32767] = roundTrip(data).length;
        }
        assertTrue(sizes[0] + 900 < sizes[2] && sizes[1] + 900 < sizes[2], "sizes for 32767, 32768, 32769: " + Arrays.toString(sizes));
    }

    /**
     * A block's first symbol right after its dynamic header: a 257-byte match 30000 back, the
     * longest codes with the most extra bits. (The bit buffer once overflowed there.)
     */
    @Test
    void blocksOpeningWithALongFarMatchRoundTrip() throws Exception {
        int blocks = 40;
        byte[] data = new byte[blocks * BLOCK];
        for (int b = 0; b < blocks; b++) {
            System.arraycopy(text(BLOCK, b), 0, data, b * BLOCK, BLOCK);
        }
        for (int b = 1; b < blocks; b++) {
            byte[] piece = random(257, b);
            System.arraycopy(piece, 0, data, b * BLOCK - 30000, piece.length);
            System.arraycopy(piece, 0, data, b * BLOCK, piece.length);
            data[b * BLOCK + 257] = (byte) (piece[256] + 1);
        }
        roundTrip(data);
    }

    @ParameterizedTest
    @ValueSource(ints = {BLOCK - 1, BLOCK, BLOCK + 1, 2 * BLOCK - 1, 2 * BLOCK, 2 * BLOCK + 1, 65535, 65537, 2 * BLOCK + 9})
    void inputsAroundBlockBoundariesRoundTrip(int size) throws Exception {
        roundTrip(text(size, size));
        roundTrip(random(size, size));
        roundTrip(new byte[size]);
        byte[] half = text(size, 1);
        System.arraycopy(random(size / 2, 2), 0, half, 0, size / 2);
        roundTrip(half);
    }

    @Test
    void twoHundredMixturesRoundTrip() throws Exception {
        for (long seed = 0; seed < 200; seed++) {
            byte[] data = mixture(seed);
            byte[] raw = deflate(data);
            assertArrayEquals(data, inflate(raw), "seed " + seed);
        }
    }

    /** Counts in the Fibonacci sequence give an unlimited Huffman code one level per symbol. */
    private static int[] fibonacci(int symbols, int used) {
        int[] freq = new int[symbols];
        int a = 1;
        int b = 1;
        for (int i = 0; i < used; i++) {
            freq[(i * 7) % symbols] = a;
            int next = a + b;
            a = b;
            b = next;
        }
        return freq;
    }

    @ParameterizedTest
    @ValueSource(ints = {286, 30, 19})
    void fibonacciFrequenciesGetACompleteCodeWithinTheLengthLimit(int symbols) {
        int limit = symbols == 19 ? 7 : 15;
        int used = Math.min(symbols, 25);
        FastDeflater.Huffman code = new FastDeflater.Huffman(symbols, limit);
        int[] freq = fibonacci(symbols, used);
        code.build(freq);
        long kraft = 0;
        int longest = 0;
        for (int s = 0; s < symbols; s++) {
            assertEquals(freq[s] != 0, code.lengths[s] != 0, "symbol " + s);
            if (code.lengths[s] != 0) {
                kraft += 1L << (15 - code.lengths[s]);
                longest = Math.max(longest, code.lengths[s]);
            }
        }
        // Unlimited, the rarest symbol would be used - 1 bits deep; zlib only takes complete codes.
        assertTrue(used - 1 > limit);
        assertEquals(limit, longest);
        assertEquals(1L << 15, kraft, "Kraft sum");
        for (int s = 0; s < symbols; s++) {
            for (int t = 0; t < symbols; t++) {
                if (freq[s] > freq[t] && freq[t] > 0) {
                    assertTrue(code.lengths[s] <= code.lengths[t], "more frequent symbol " + s + " has the longer code");
                }
            }
        }
    }

    @Test
    void randomFrequenciesGetCompleteCodesWithinTheLimit() {
        Random r = new Random(4);
        for (int iteration = 0; iteration < 3000; iteration++) {
            int symbols = new int[] {19, 30, 286}[iteration % 3];
            int limit = symbols == 19 ? 7 : 15;
            int[] freq = new int[symbols];
            for (int s = 0; s < symbols; s++) {
                freq[s] = r.nextInt(3) == 0 ? 0 : r.nextBoolean() ? 1 + r.nextInt(4) : 1 << r.nextInt(16);
            }
            FastDeflater.Huffman code = new FastDeflater.Huffman(symbols, limit);
            code.build(freq);
            long kraft = 0;
            int usedCount = 0;
            for (int s = 0; s < symbols; s++) {
                assertTrue(code.lengths[s] <= limit);
                if (code.lengths[s] != 0) {
                    kraft += 1L << (15 - code.lengths[s]);
                    usedCount++;
                }
            }
            assertTrue(usedCount >= 2, "a complete code has two symbols at least");
            assertEquals(1L << 15, kraft, "iteration " + iteration);
        }
    }

    /** Literals drawn with Fibonacci weights: the rare ones need codes deeper than 15 bits. */
    @Test
    void skewedLiteralFrequenciesRoundTrip() throws Exception {
        Random r = new Random(9);
        int[] weights = fibonacci(26, 26);
        long total = Arrays.stream(weights).asLongStream().sum();
        byte[] data = new byte[4 * BLOCK];
        for (int i = 0; i < data.length; i++) {
            long x = (long) (r.nextDouble() * total);
            int s = 0;
            while (x >= weights[s]) {
                x -= weights[s++];
            }
            data[i] = (byte) (s * 9);
        }
        // Every symbol at least once per block, so the rarest get counts of one or two.
        for (int b = 0; b < 4; b++) {
            for (int s = 0; s < 26; s++) {
                data[b * BLOCK + 1000 + s * 37] = (byte) (s * 9);
            }
        }
        roundTrip(data);
    }

    /** Reads returning arbitrary counts, often one byte. */
    static final class Trickle extends InputStream {
        private final byte[] data;
        private final Random random;
        private int pos;

        Trickle(byte[] data, long seed) {
            this.data = data;
            this.random = new Random(seed);
        }

        @Override
        public int read() {
            return pos < data.length ? data[pos++] & 0xff : -1;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (pos >= data.length) {
                return -1;
            }
            int n = Math.min(Math.min(len, data.length - pos), random.nextInt(4) == 0 ? 1 : 1 + random.nextInt(random.nextBoolean() ? 100 : 70000));
            System.arraycopy(data, pos, b, off, n);
            pos += n;
            return n;
        }
    }

    @Test
    void outputDependsOnlyOnTheBytesNotOnHowTheyArrive() throws Exception {
        for (long seed = 0; seed < 12; seed++) {
            byte[] data = seed % 4 == 0 ? text(3 * BLOCK + 5, seed) : mixture(seed);
            byte[] whole = gzip(data);
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            Random reads = new Random(seed);
            try (InputStream in = new GzipCompressingStream(new Trickle(data, seed))) {
                byte[] buffer = new byte[5000];
                while (true) {
                    int n;
                    if (reads.nextInt(3) == 0) {
                        int b = in.read();
                        if (b < 0) {
                            break;
                        }
                        out.write(b);
                        continue;
                    }
                    n = in.read(buffer, 0, 1 + reads.nextInt(buffer.length));
                    if (n < 0) {
                        break;
                    }
                    out.write(buffer, 0, n);
                }
            }
            assertArrayEquals(whole, out.toByteArray(), "seed " + seed);
            assertArrayEquals(data, gunzip(whole), "seed " + seed);
        }
    }

    /** Debian's gzip, an implementation independent of the JDK's, decodes and checks the output. */
    @Test
    void gzipCommandAcceptsAndDecodesTheOutput(@TempDir Path dir) throws Exception {
        byte[][] inputs = {
            text(200_000, 1),
            mixture(3),
            mixture(17),
            Arrays.copyOf(Files.readAllBytes(Path.of(System.getProperty("java.home"), "lib/server/libjvm.so")), 6 << 20),
            random(BLOCK + 3, 2),
            new byte[0],
        };
        for (int i = 0; i < inputs.length; i++) {
            Path gz = dir.resolve(i + ".gz");
            Files.write(gz, gzip(inputs[i]));
            Process test = new ProcessBuilder("gzip", "-t", gz.toString()).redirectErrorStream(true).start();
            String said = new String(test.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertEquals(0, test.waitFor(), "gzip -t on input " + i + ": " + said);
            Process decode = new ProcessBuilder("gzip", "-dc", gz.toString()).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            byte[] back = decode.getInputStream().readAllBytes();
            assertEquals(0, decode.waitFor());
            assertArrayEquals(inputs[i], back, "gzip -dc on input " + i);
        }
    }
}
