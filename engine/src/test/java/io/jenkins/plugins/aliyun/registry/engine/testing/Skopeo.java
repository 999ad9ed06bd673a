package io.jenkins.plugins.aliyun.registry.engine.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

/**
 * {@code skopeo} as an independent client in tests. Each instance runs skopeo with its own HOME
 * (so its blob-info cache does not leak between tests) and passes credentials only through
 * {@code --authfile}, never on the command line.
 *
 * <pre>{@code
 * Skopeo skopeo = Skopeo.create();
 * String digest = skopeo.digest("docker://" + REGISTRY.host() + "/team/app:1", REGISTRY);
 * skopeo.copy("oci:" + layout + ":1", "docker-archive:" + tar + ":app:1");
 * }</pre>
 */
public final class Skopeo {

    private final Path home;

    private Skopeo(Path home) {
        this.home = home;
    }

    private static Path homes;

    /** A skopeo with a fresh empty HOME. Skips the test when skopeo is not installed. */
    public static Skopeo create() throws IOException {
        LocalRegistry.assumeInstalled("skopeo");
        return new Skopeo(Files.createTempDirectory(homes(), "home"));
    }

    /** One directory for every HOME of this test run, deleted when the JVM exits (skopeo leaves its cache in them). */
    private static synchronized Path homes() throws IOException {
        if (homes == null) {
            Path root = Files.createTempDirectory("skopeo-homes");
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    LocalRegistry.deleteTree(root);
                } catch (IOException e) {
                    // a temporary directory left behind; nothing else to do at exit
                }
            }));
            homes = root;
        }
        return homes;
    }

    /** Runs {@code skopeo ARGS…} and returns its stdout; fails with its stderr. */
    public String run(List<String> args) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add("skopeo");
        command.addAll(args);
        ProcessBuilder pb = new ProcessBuilder(command);
        pb.environment().put("HOME", home.toString());
        pb.environment().remove("DOCKER_CONFIG");
        pb.environment().remove("REGISTRY_AUTH_FILE");
        Path err = Files.createTempFile(home, "stderr", ".txt");
        pb.redirectError(err.toFile());
        Process p = pb.start();
        p.getOutputStream().close();
        byte[] out = p.getInputStream().readAllBytes();
        int rc = p.waitFor();
        String errText = Files.readString(err);
        Files.deleteIfExists(err);
        if (rc != 0) {
            throw new IOException("skopeo " + String.join(" ", args) + " failed (" + rc + "): " + errText.strip());
        }
        return new String(out, StandardCharsets.UTF_8);
    }

    /** The flags that let skopeo reach {@code registry}: authfile, cert dir or plain HTTP. */
    public static List<String> accessFlags(String prefix, LocalRegistry registry) {
        List<String> flags = new ArrayList<>();
        if (registry == null) {
            return flags;
        }
        if (registry.authFile() != null) {
            flags.add("--" + prefix + "authfile=" + registry.authFile());
        }
        if (registry.isTls()) {
            flags.add("--" + prefix + "cert-dir=" + registry.certDir());
        } else {
            flags.add("--" + prefix + "tls-verify=false");
        }
        return flags;
    }

    /** The manifest exactly as the registry serves it ({@code skopeo inspect --raw}). */
    public byte[] rawManifest(String image, LocalRegistry registry) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("inspect", "--raw"));
        args.addAll(accessFlags("", registry));
        args.add(image);
        return run(args).getBytes(StandardCharsets.UTF_8);
    }

    /** The digest of the manifest the registry serves for {@code image}: sha256 of the raw bytes. */
    public String digest(String image, LocalRegistry registry) throws IOException, InterruptedException {
        return sha256(rawManifest(image, registry));
    }

    /** {@code skopeo copy SRC DST} between local transports (oci:, docker-archive:, dir:). */
    public void copy(String source, String destination) throws IOException, InterruptedException {
        run(List.of("copy", "-q", source, destination));
    }

    /** {@code skopeo copy} with access flags for a source and a destination registry (either may be null). */
    public void copy(String source, LocalRegistry sourceRegistry, String destination, LocalRegistry destinationRegistry,
            String... extra) throws IOException, InterruptedException {
        List<String> args = new ArrayList<>(List.of("copy", "-q"));
        args.addAll(accessFlags("src-", sourceRegistry));
        args.addAll(accessFlags("dest-", destinationRegistry));
        args.addAll(List.of(extra));
        args.add(source);
        args.add(destination);
        run(args);
    }

    /** {@code sha256:<hex>} of some bytes. */
    public static String sha256(byte[] bytes) {
        try {
            return "sha256:" + HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
