package io.jenkins.plugins.aliyun.registry.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.testing.LocalRegistry;
import io.jenkins.plugins.aliyun.registry.engine.testing.TestImages;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code engine/bin/aliyun-cr}, the launcher, on the packaged jar: its JVM options (compile hints, the CDS
 * archive) must change nothing the command prints. HotSpot echoes each {@code -XX:CompileCommand} on
 * standard output unless told to be quiet, which would corrupt a result read by a script.
 */
class LauncherIT {

    @RegisterExtension
    static final LocalRegistry HTTP = LocalRegistry.http();

    @TempDir
    static Path tmp;

    private record Result(int code, String out, String err) {}

    private static Result launch(Path jar, String... args) throws IOException, InterruptedException {
        return launchWith(ProcessHandle.current().info().command().orElse("java"), jar, args);
    }

    private static Result launchWith(String java, Path jar, String... args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of("bin", "aliyun-cr").toAbsolutePath().toString());
        command.addAll(List.of(args));
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("ALIYUN_CR_JAR", jar.toString());
        pb.environment().put("ALIYUN_CR_JAVA", java);
        pb.environment().remove("ALIYUN_CR_JAVA_OPTS");
        pb.redirectOutput(tmp.resolve("out.txt").toFile());
        pb.redirectError(tmp.resolve("err.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the launcher did not finish");
        return new Result(
                p.exitValue(),
                Files.readString(tmp.resolve("out.txt"), StandardCharsets.UTF_8),
                Files.readString(tmp.resolve("err.txt"), StandardCharsets.UTF_8));
    }

    private static void assertNoJvmNoise(Result r) {
        for (String stream : List.of(r.out(), r.err())) {
            assertFalse(stream.contains("CompileCommand"), "the JVM echoed its options: " + stream);
            assertFalse(stream.contains("OpenJDK") || stream.contains("[warning]"), "the JVM warned: " + stream);
        }
    }

    @Test
    void aPushThroughTheLauncherPrintsWhatTheCommandPrintsAndMakesItsArchive() throws Exception {
        Path packaged = Path.of("target", "aliyun-cr.jar");
        assertTrue(Files.isRegularFile(packaged), "run after mvn package: " + packaged.toAbsolutePath());
        Path jar = Files.copy(packaged, tmp.resolve("aliyun-cr.jar")); // the archive is made beside it
        Path layout = TestImages.ociImage(tmp.resolve("layout"), "1", 2, 32 * 1024, "amd64", 3);
        Path archive = TestImages.dockerArchive(layout, "1", tmp.resolve("image.tar"));
        String[] push = {
            "push", "docker-archive:" + archive, HTTP.host() + "/launcher/app:5", "--insecure",
            "--cache-dir", tmp.resolve("cache").toString()
        };

        CliRun inProcess = CliRun.run(push);
        assertEquals(0, inProcess.code(), inProcess.err());

        Result first = launch(jar, push); // makes the CDS archive
        assertEquals(0, first.code(), first.err());
        assertTrue(Files.isRegularFile(tmp.resolve("aliyun-cr.jar.jsa")), "the first push made no CDS archive");
        Result second = launch(jar, push); // runs on it
        assertEquals(0, second.code(), second.err());

        for (Result r : List.of(first, second)) {
            assertEquals(inProcess.out(), r.out(), "standard output differs from the command's own");
            assertNoJvmNoise(r);
        }
        assertTrue(second.out().contains("@sha256:"), second.out());
    }

    /** A JDK of at least {@code feature} under /usr/lib/jvm, read from its {@code release} file. */
    private static Optional<Path> jdk(int feature) throws IOException {
        Path jvms = Path.of("/usr/lib/jvm");
        if (!Files.isDirectory(jvms)) {
            return Optional.empty();
        }
        try (Stream<Path> dirs = Files.list(jvms)) {
            for (Path dir : dirs.sorted().toList()) {
                Path release = dir.resolve("release");
                Path java = dir.resolve("bin/java");
                if (Files.isRegularFile(release) && Files.isExecutable(java)) {
                    for (String line : Files.readAllLines(release, StandardCharsets.UTF_8)) {
                        if (line.startsWith("JAVA_VERSION=\"")) {
                            String v = line.substring("JAVA_VERSION=\"".length()).replaceAll("[^0-9].*", "");
                            if (!v.isEmpty() && Integer.parseInt(v) >= feature) {
                                return Optional.of(java);
                            }
                        }
                    }
                }
            }
        }
        return Optional.empty();
    }

    @Test
    void onJdk24AndLaterLoadingTheCompressorPrintsNoNativeAccessWarning() throws Exception {
        Optional<Path> java = jdk(24);
        Assumptions.assumeTrue(java.isPresent(), "no JDK 24 or later under /usr/lib/jvm");
        Path jar = Files.copy(Path.of("target", "aliyun-cr.jar"), tmp.resolve("native-access.jar"));
        Path layout = TestImages.ociImage(tmp.resolve("layout24"), "1", 2, 32 * 1024, "amd64", 5);
        Path archive = TestImages.dockerArchive(layout, "1", tmp.resolve("image24.tar"));

        Result r = launchWith(java.get().toString(), jar, "push", "docker-archive:" + archive, HTTP.host() + "/launcher/app:24",
                "--insecure", "--no-cache");

        assertEquals(0, r.code(), r.err());
        assertFalse(r.err().contains("WARNING"), "JDK 24+ warned about System.load: " + r.err());
        assertNoJvmNoise(r);
    }

    @Test
    void aJvmThatForbidsNativeCodeFallsBackToZlibAndSaysHowToAllowIt() throws Exception {
        Optional<Path> java = jdk(24);
        Assumptions.assumeTrue(java.isPresent(), "no JDK 24 or later under /usr/lib/jvm");
        Path layout = TestImages.ociImage(tmp.resolve("layout-deny"), "1", 2, 32 * 1024, "amd64", 9);
        Path archive = TestImages.dockerArchive(layout, "1", tmp.resolve("image-deny.tar"));
        // what a later JDK does by default (JEP 472), to code on the class path as a Jenkins agent loads it: no manifest applies
        ProcessBuilder pb = new ProcessBuilder(java.get().toString(), "--illegal-native-access=deny", "-cp",
                Path.of("target", "aliyun-cr.jar").toAbsolutePath().toString(), Main.class.getName(), "push", "docker-archive:" + archive,
                HTTP.host() + "/launcher/app:deny", "--insecure", "--no-cache");
        pb.redirectOutput(tmp.resolve("deny-out.txt").toFile());
        pb.redirectError(tmp.resolve("deny-err.txt").toFile());
        Process p = pb.start();
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "the push did not finish");
        String err = Files.readString(tmp.resolve("deny-err.txt"), StandardCharsets.UTF_8);

        assertEquals(0, p.exitValue(), err);
        assertTrue(err.contains("ISA-L's deflate did not load here (cannot load libgkl_compression.so: IllegalCallerException); the JVM does"
                + " not allow native code from the class path: give it --enable-native-access=ALL-UNNAMED"), err);
    }
}
