package io.jenkins.plugins.aliyun.registry.engine.push;

import static io.jenkins.plugins.aliyun.registry.engine.push.GzipCompressingStream.CHUNK;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayInputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import java.util.zip.CRC32;
import java.util.zip.Deflater;
import java.util.zip.GZIPInputStream;
import java.util.zip.Inflater;
import org.junit.jupiter.api.Test;

/** ISA-L through GKL: loaded here (Linux x86-64), framed as one gzip member per chunk, and off when asked. */
class NativeDeflateTest {

    private static final byte[] HEADER = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, (byte) 0xff};

    private static boolean linuxX8664() {
        return System.getProperty("os.name").startsWith("Linux") && System.getProperty("os.arch").equals("amd64");
    }

    private static byte[] data(int size) {
        byte[] data = new byte[size];
        Random r = new Random(size);
        byte[] words = "layer digest manifest registry blob upload sha256 tar\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i++) {
            data[i] = i % 100_000 < 20_000 ? (byte) r.nextInt() : words[(i * 31 + r.nextInt(3)) % words.length];
        }
        return data;
    }

    private static byte[] compress(byte[] data, boolean isal) throws IOException {
        try (InputStream in = new GzipCompressingStream(new ByteArrayInputStream(data), Deflater.BEST_SPEED,
                GzipCompressingStream.SharedPool.POOL, GzipCompressingStream.SharedPool.THREADS, isal)) {
            return in.readAllBytes();
        }
    }

    @Test
    void loadsOnLinuxX8664() {
        assumeTrue(linuxX8664(), "GKL ships ISA-L for Linux x86-64 only");
        assertTrue(NativeDeflate.available(), "not loaded: " + NativeDeflate.unavailableReason());
    }

    @Test
    void leavesNoCopyOfTheLibraryInTheTemporaryDirectory() throws IOException {
        NativeDeflate.available();
        try (Stream<Path> files = Files.list(Path.of(System.getProperty("java.io.tmpdir")))) {
            List<Path> left = files.filter(p -> p.getFileName().toString().startsWith("aliyun-cr-deflate")).toList();
            assertEquals(List.of(), left);
        }
    }

    @Test
    void eachChunkIsOneGzipMemberWithItsOwnCrcAndSize() throws Exception {
        assumeTrue(NativeDeflate.available(), "ISA-L not loaded");
        byte[] data = data(3 * CHUNK + CHUNK / 2);
        byte[] gz = compress(data, true);
        int pos = 0;
        int members = 0;
        while (pos < gz.length) {
            assertArrayEquals(HEADER, Arrays.copyOfRange(gz, pos, pos + HEADER.length), "header of member " + members);
            Inflater inflater = new Inflater(true);
            inflater.setInput(gz, pos + HEADER.length, gz.length - pos - HEADER.length);
            byte[] out = new byte[CHUNK + 1];
            int n = inflater.inflate(out);
            assertTrue(inflater.finished(), "member " + members + " ends its deflate stream");
            int from = members * CHUNK;
            int length = Math.min(CHUNK, data.length - from);
            assertEquals(length, n, "member " + members + " holds one chunk");
            assertArrayEquals(Arrays.copyOfRange(data, from, from + length), Arrays.copyOf(out, n));
            int trailer = gz.length - inflater.getRemaining();
            inflater.end();
            CRC32 crc = new CRC32();
            crc.update(data, from, length);
            assertEquals(crc.getValue(), le32(gz, trailer), "CRC-32 of member " + members);
            assertEquals(length, le32(gz, trailer + 4), "size of member " + members);
            pos = trailer + 8;
            members++;
        }
        assertEquals(4, members);
        try (InputStream back = new GZIPInputStream(new ByteArrayInputStream(gz))) {
            assertArrayEquals(data, back.readAllBytes());
        }
    }

    /** The first 6 MiB of this JDK's lib directory (shared libraries, class data, text): real layer bytes. */
    private static byte[] jdkFiles() throws IOException {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        try (Stream<Path> files = Files.walk(Path.of(System.getProperty("java.home"), "lib"))) {
            for (Path f : files.filter(Files::isRegularFile).sorted().toList()) {
                if (out.size() >= 6 * CHUNK) {
                    break;
                }
                byte[] b = Files.readAllBytes(f);
                out.write(b, 0, Math.min(b.length, 6 * CHUNK - out.size()));
            }
        }
        return out.toByteArray();
    }

    @Test
    void isalOutputIsNotZlibsAndNoBiggerOnRealFiles() throws IOException {
        assumeTrue(NativeDeflate.available(), "ISA-L not loaded");
        byte[] data = jdkFiles();
        byte[] isal = compress(data, true);
        byte[] zlib = compress(data, false);
        assertFalse(Arrays.equals(isal, zlib), "the ISA-L stream is its own");
        assertTrue(isal.length < zlib.length * 1.03, "ISA-L " + isal.length + " bytes, zlib " + zlib.length);
        assertArrayEquals(isal, compress(data, true), "equal input, equal output");
    }

    @Test
    void theSystemPropertyKeepsZlib() throws Exception {
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        Process p = new ProcessBuilder(java, "-D" + NativeDeflate.PROPERTY + "=false", "-cp", System.getProperty("java.class.path"),
                NativeDeflateTest.class.getName()).redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
        assertTrue(p.waitFor(60, TimeUnit.SECONDS));
        assertEquals("turned off by -D" + NativeDeflate.PROPERTY + "=false", out);
    }

    @Test
    void thePushLogSaysWhyOnlyWhenIsalShouldHaveLoaded() {
        assertTrue(NativeDeflate.platform("Linux", "amd64"));
        assertFalse(NativeDeflate.platform("Mac OS X", "aarch64"));
        assertFalse(NativeDeflate.platform("Linux", "aarch64"));
        assertEquals(null, NativeDeflate.notice(null, true, false), "loaded");
        assertEquals(null, NativeDeflate.notice("GKL ships ISA-L for Linux x86-64 only", false, false), "not made for this platform");
        assertEquals(null, NativeDeflate.notice("turned off", true, true), "turned off on purpose");
        String notice = NativeDeflate.notice("cannot load libgkl_compression.so: UnsatisfiedLinkError", true, false);
        assertTrue(notice.contains("UnsatisfiedLinkError") && notice.contains("noexec") && notice.contains("-Djava.io.tmpdir="), notice);
        assertFalse(notice.contains("\n"));
        String forbidden = NativeDeflate.notice("cannot load libgkl_compression.so: IllegalCallerException", true, false);
        assertTrue(forbidden.contains("--enable-native-access=ALL-UNNAMED") && !forbidden.contains("noexec"), forbidden);
        if (linuxX8664()) {
            assertEquals(null, NativeDeflate.notice(), "nothing to say in this JVM, where it loads");
        }
    }

    /** For {@link #theSystemPropertyKeepsZlib()}: prints why ISA-L is not in use. */
    public static void main(String[] args) {
        System.out.println(NativeDeflate.unavailableReason());
    }

    private static long le32(byte[] b, int at) {
        return (b[at] & 0xffL) | (b[at + 1] & 0xffL) << 8 | (b[at + 2] & 0xffL) << 16 | (b[at + 3] & 0xffL) << 24;
    }
}
