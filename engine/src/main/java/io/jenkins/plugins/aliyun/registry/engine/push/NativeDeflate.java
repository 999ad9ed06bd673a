package io.jenkins.plugins.aliyun.registry.engine.push;

import com.intel.gkl.compression.IntelDeflater;
import java.io.IOException;
import java.io.InputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Arrays;
import java.util.Locale;
import java.util.concurrent.ConcurrentLinkedDeque;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.zip.DataFormatException;
import java.util.zip.Inflater;

/**
 * ISA-L's deflate (Intel's igzip, as GKL ships it with its JNI binding for Linux x86-64), used on
 * whole 1 MiB chunks when this JVM can load it. On the layers of a JDK image it deflates ~4× faster
 * than zlib level 1, to 0.6 % fewer bytes ({@link #LEVEL}); compression was two thirds of the CPU a
 * fresh push spent.
 *
 * <p>The library is loaded at most once per JVM: copied from the jar into a new owner-only
 * directory, loaded, and deleted at once (the mapping stays), so nothing is left in the temporary
 * directory, even when the process is killed. Then a round trip through {@link Inflater} checks it
 * on data that compresses and data that does not. Anything that fails (another OS or CPU, a
 * {@code noexec} temporary directory, a JVM that forbids native code) leaves {@link #available()}
 * false, and the caller uses zlib. {@code -D}{@value #PROPERTY}{@code =false} turns it off.
 *
 * <p>GKL's {@code IntelDeflater} compresses {@code setInput}'s array from index 0 and writes from
 * index 0 (it ignores offsets), and holds native memory that only {@code end()} frees; so deflaters
 * are kept in a process-wide free list (one per concurrent chunk at most) and always given whole
 * arrays.
 */
final class NativeDeflate {

    /** System property: {@code false} keeps zlib. */
    static final String PROPERTY = "io.jenkins.plugins.aliyun.registry.nativeDeflate";
    /**
     * ISA-L level 2 (of 0-3; GKL binds 1 and 2). On the bench's JDK image (211 MiB, 1 MiB chunks, 2
     * cores) it gave 112,224,943 bytes in 280 ms; level 1 113,156,944 bytes in 276 ms, zlib level 1
     * 112,897,725 bytes in 1,060 ms.
     */
    static final int LEVEL = 2;
    private static final String LIBRARY = "libgkl_compression.so";

    private static final ConcurrentLinkedDeque<IntelDeflater> FREE = new ConcurrentLinkedDeque<>();
    private static final boolean TURNED_OFF = "false".equalsIgnoreCase(System.getProperty(PROPERTY));
    private static final boolean PLATFORM = platform(System.getProperty("os.name", ""), System.getProperty("os.arch", ""));
    private static final String UNAVAILABLE = load();

    private NativeDeflate() {
    }

    /**
     * Loads the library on a daemon thread unless done or under way, so that it overlaps the
     * requests that open the first uploads (~30 ms in a fresh JVM: copy, load, check).
     */
    static void warmUp() {
        if (WarmUp.STARTED.compareAndSet(false, true)) {
            new WarmUp().start();
        }
    }

    /** A Thread subclass, not a lambda: linking a lambda costs ~5 ms in a fresh JVM. */
    private static final class WarmUp extends Thread {
        static final AtomicBoolean STARTED = new AtomicBoolean();

        WarmUp() {
            super("deflate-warm-up");
            setDaemon(true);
        }

        @Override
        public void run() {
            available();
        }
    }

    /** True when ISA-L is loaded and passed its check. */
    static boolean available() {
        return UNAVAILABLE == null;
    }

    /** Why it is not available (for logs and tests), or null when it is. */
    static String unavailableReason() {
        return UNAVAILABLE;
    }

    /**
     * A line for the push's log when ISA-L should have loaded here and did not, so that a slower
     * push has a visible cause; null when it loaded, was turned off, or is not made for this platform.
     */
    static String notice() {
        return notice(UNAVAILABLE, PLATFORM, TURNED_OFF);
    }

    static String notice(String unavailable, boolean platform, boolean turnedOff) {
        if (unavailable == null || !platform || turnedOff) {
            return null;
        }
        String fix = unavailable.contains("IllegalCallerException")
                // a JDK that enforces JEP 472: native code from the class path needs the JVM's permission
                ? "the JVM does not allow native code from the class path: give it --enable-native-access=ALL-UNNAMED (on a Jenkins"
                        + " agent, in its JVM options)"
                : "a temporary directory mounted noexec is the usual cause: give the JVM -Djava.io.tmpdir=<a directory that allows"
                        + " executables>";
        return "compressing layers with zlib, about 4 times the CPU: ISA-L's deflate did not load here (" + unavailable + "); " + fix;
    }

    static boolean platform(String osName, String osArch) {
        return osName.toLowerCase(Locale.ROOT).startsWith("linux") && (osArch.equals("amd64") || osArch.equals("x86_64"));
    }

    /**
     * Deflates {@code input[0, length)} as one final raw deflate stream into {@code output} from
     * index 0, and returns the number of bytes written; -1 when it failed (the caller then uses
     * zlib for this input). {@code output} must hold the input stored: {@link #bound(int)} bytes.
     */
    static int deflate(byte[] input, int length, byte[] output) {
        if (length == 0 || output.length < bound(length)) {
            return -1; // the binding refuses empty input; a short output would make ISA-L fail
        }
        IntelDeflater d = FREE.poll();
        try {
            if (d == null) {
                d = new IntelDeflater(LEVEL, true);
            }
            d.reset();
            d.setInput(input, 0, length);
            d.finish();
            int n = d.deflate(output, 0, output.length);
            if (n <= 0 || !d.finished()) {
                return -1;
            }
            return n;
        } catch (RuntimeException | OutOfMemoryError e) { // the binding's failures: this input goes to zlib
            return -1;
        } finally {
            if (d != null) {
                FREE.push(d);
            }
        }
    }

    /** The most bytes {@link #deflate} can write for {@code length} bytes of input: all stored. */
    static int bound(int length) {
        return length + 5 * (length / 65535 + 1) + 64;
    }

    /** Loads and checks the library; returns null on success, otherwise why not. */
    private static String load() {
        if (TURNED_OFF) {
            return "turned off by -D" + PROPERTY + "=false";
        }
        if (!PLATFORM) {
            return "GKL ships ISA-L for Linux x86-64 only, this is " + System.getProperty("os.name") + " " + System.getProperty("os.arch");
        }
        try {
            loadLibrary();
            Method init = IntelDeflater.class.getDeclaredMethod("initNative");
            init.setAccessible(true);
            init.invoke(null);
            return selfCheck();
        } catch (Throwable e) { // any failure to load native code leaves zlib in use
            return "cannot load " + LIBRARY + ": " + e.getClass().getSimpleName();
        }
    }

    private static void loadLibrary() throws IOException {
        Path dir = FileSystems.getDefault().supportedFileAttributeViews().contains("posix")
                ? Files.createTempDirectory("aliyun-cr-deflate", PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")))
                : Files.createTempDirectory("aliyun-cr-deflate");
        Path file = dir.resolve(LIBRARY);
        try (InputStream in = IntelDeflater.class.getResourceAsStream("/com/intel/gkl/native/" + LIBRARY)) {
            if (in == null) {
                throw new IOException("not in the jar");
            }
            Files.copy(in, file);
            System.load(file.toAbsolutePath().toString());
        } finally {
            Files.deleteIfExists(file);
            Files.deleteIfExists(dir);
        }
    }

    /** Null if text and random bytes come back unchanged through zlib's inflater; why not otherwise. */
    private static String selfCheck() {
        byte[] sample = new byte[192 * 1024];
        byte[] text = "layer.tar usr/lib/jvm/bin/java 0000644 0000000 ustar  root root\n".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < 128 * 1024; i++) {
            sample[i] = text[(i * 7 + i / 4096) % text.length];
        }
        long x = 0x9E3779B97F4A7C15L;
        for (int i = 128 * 1024; i < sample.length; i++) { // 64 KiB that do not compress (xorshift)
            x ^= x << 13;
            x ^= x >>> 7;
            x ^= x << 17;
            sample[i] = (byte) x;
        }
        byte[] out = new byte[bound(sample.length)];
        int n = deflate(sample, sample.length, out);
        if (n <= 0) {
            return "ISA-L failed its check";
        }
        Inflater inflater = new Inflater(true);
        try {
            inflater.setInput(out, 0, n);
            byte[] back = new byte[sample.length + 1];
            int m = inflater.inflate(back);
            if (!inflater.finished() || m != sample.length || !Arrays.equals(back, 0, m, sample, 0, m)) {
                return "ISA-L's output did not inflate to its input";
            }
        } catch (DataFormatException e) {
            return "ISA-L's output is not valid deflate";
        } finally {
            inflater.end();
        }
        return null;
    }
}
