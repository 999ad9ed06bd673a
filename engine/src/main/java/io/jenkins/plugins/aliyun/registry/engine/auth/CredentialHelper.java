package io.jenkins.plugins.aliyun.registry.engine.auth;

import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.Text;
import io.jenkins.plugins.aliyun.registry.engine.json.JsonValue;
import io.jenkins.plugins.aliyun.registry.engine.json.MalformedJsonException;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A docker credential helper ({@code docker-credential-NAME}, named by a config's {@code credsStore}
 * or {@code credHelpers}), asked for one registry's login as docker asks it: {@code get} with the
 * server URL on standard input, {@code {"Username":…,"Secret":…}} on standard output. This is how the
 * login of {@code docker login} is kept on macOS ({@code osxkeychain}, {@code desktop}), on Windows
 * ({@code wincred}) and by {@code pass} or {@code secretservice} on Linux. What the helper prints is
 * never shown, except the first line of a failed run when it cannot hold a login ({@link #shownLine}).
 */
public final class CredentialHelper {

    /** How long a helper may take; a keychain may ask its user first. */
    public static final Duration TIMEOUT = Duration.ofSeconds(60);

    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]*");
    private static final int MAX_ANSWER = 64 * 1024;

    private CredentialHelper() {}

    /**
     * The login {@code docker-credential-NAME} holds for {@code registry}.
     *
     * @param name the helper's name as the config gives it, e.g. {@code osxkeychain}
     * @param registry the registry ({@code host[:port]}); asked for under the key docker uses
     * @param environment where {@code PATH} (and on Windows {@code PATHEXT}) come from
     * @return empty if the helper has no login for it
     * @throws InvalidInputException if the name is not a helper's name or no such program is on the PATH
     * @throws EngineException if the helper fails, does not answer in time, or gives what this tool cannot use
     */
    public static Optional<RegistryCredentials> get(String name, String registry, Map<String, String> environment)
            throws EngineException {
        return get(name, registry, environment, TIMEOUT);
    }

    /** True if {@code name} is a helper's name and {@code docker-credential-NAME} is on the {@code PATH}. */
    public static boolean installed(String name, Map<String, String> environment) {
        return name != null && NAME.matcher(name).matches() && find("docker-credential-" + name, environment).isPresent();
    }

    static Optional<RegistryCredentials> get(String name, String registry, Map<String, String> environment, Duration timeout)
            throws EngineException {
        if (name == null || !NAME.matcher(name).matches()) {
            throw new InvalidInputException("the docker config names the credential helper \"" + Text.oneLine(name)
                    + "\", which is not a helper's name: fix credsStore or credHelpers in the config");
        }
        String program = "docker-credential-" + name;
        Path executable = find(program, environment).orElseThrow(() -> new InvalidInputException("the docker config names the"
                + " credential helper " + name + ", but " + program + " is not on the PATH: install it, log in with"
                + " --username and --password-stdin, or give another file with --docker-config"));
        String serverUrl = DockerConfig.keyFor(registry);
        byte[] answer;
        byte[] complaint;
        int exit;
        Process p = null;
        try {
            p = new ProcessBuilder(executable.toString(), "get").start();
            Process helper = p;
            // both outputs read on threads of their own, so that a helper that never closes them still meets the timeout
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readCapped(helper.getInputStream()), READER);
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readCapped(helper.getErrorStream()), READER);
            try (OutputStream in = p.getOutputStream()) {
                in.write((serverUrl + "\n").getBytes(StandardCharsets.UTF_8));
            } catch (IOException closedEarly) {
                // a helper that exits without reading still gives its answer below
            }
            if (!p.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new EngineException(program + " gave no answer within "
                        + (timeout.toMillis() >= 1000 ? timeout.toSeconds() + " s" : timeout.toMillis() + " ms") + " for " + serverUrl
                        + ": check that it can reach its store (a keychain may be locked), or log in with --username and --password-stdin");
            }
            exit = p.exitValue();
            try {
                answer = out.get(10, TimeUnit.SECONDS);
                complaint = err.get(10, TimeUnit.SECONDS);
            } catch (TimeoutException e) {
                // the helper exited, but something it started holds its output open
                throw new EngineException(program + " exited but its output did not end for " + serverUrl
                        + ": check the helper, or log in with --username and --password-stdin");
            } catch (ExecutionException e) {
                throw new EngineException("cannot read what " + program + " answered for " + serverUrl + " ("
                        + e.getCause().getClass().getSimpleName() + "): check the helper, or log in with --username and --password-stdin");
            }
        } catch (IOException e) {
            throw new EngineException("cannot run " + executable + " (" + e.getClass().getSimpleName() + "): check that it is an"
                    + " executable credential helper, or log in with --username and --password-stdin");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EngineException("interrupted while " + program + " looked up " + serverUrl);
        } finally {
            if (p != null && p.isAlive()) {
                // what a wrapper script started goes too, not only the script
                p.descendants().forEach(ProcessHandle::destroyForcibly);
                p.destroyForcibly();
            }
        }
        String text = new String(answer, StandardCharsets.UTF_8).strip();
        if (exit != 0) {
            if (text.toLowerCase(Locale.ROOT).contains("credentials not found")) {
                return Optional.empty();
            }
            throw new EngineException(program + " get failed for " + serverUrl + " (exit " + exit + ")"
                    + shownLine(new String(complaint, StandardCharsets.UTF_8), text)
                    + "; fix the helper's store, or log in with --username and --password-stdin");
        }
        JsonValue json;
        try {
            json = JsonValue.parse(answer);
        } catch (MalformedJsonException e) {
            throw new EngineException(program + " answered something that is not its JSON for " + serverUrl
                    + ": check that it is a docker credential helper");
        }
        String username = json.get("Username").text("");
        String secret = json.get("Secret").text("");
        if (username.isEmpty() && secret.isEmpty()) {
            return Optional.empty();
        }
        if (username.equals("<token>")) {
            throw new EngineException(program + " holds an identity token for " + serverUrl + ", which this tool cannot use:"
                    + " log in with --username and --password-stdin (a registry password or access token)");
        }
        try {
            return Optional.of(RegistryCredentials.of(username, secret));
        } catch (InvalidInputException e) {
            throw new EngineException("the login " + program + " holds for " + serverUrl + " is not usable: " + e.getMessage());
        }
    }

    /**
     * ": " and the first line a failed helper printed (its error output first, then its standard
     * output), or "" if there is none or it might hold a login: a wrapper that printed its JSON answer
     * and then failed must not have the secret in it shown.
     */
    static String shownLine(String... outputs) {
        for (String output : outputs) {
            String first = output.strip().lines().findFirst().orElse("").strip();
            if (first.isEmpty()) {
                continue;
            }
            if (first.contains("{") || first.contains("\"")) { // JSON, or a quoted value
                return ": its output is not shown, as it might hold a login";
            }
            return ": " + Text.oneLine(first.length() > 200 ? first.substring(0, 200) + "…" : first);
        }
        return "";
    }

    /**
     * {@code program} in a directory of {@code PATH}, as a shell would find it (with {@code PATHEXT}
     * on Windows), except in a relative directory such as {@code .}: a build's workspace could put a
     * program there (Go's {@code exec.LookPath}, which docker uses, refuses those too).
     */
    static Optional<Path> find(String program, Map<String, String> environment) {
        String path = environment.getOrDefault("PATH", environment.getOrDefault("Path", ""));
        boolean windows = File.separatorChar == '\\';
        List<String> extensions = windows
                ? Stream.of(environment.getOrDefault("PATHEXT", ".COM;.EXE;.BAT;.CMD").toLowerCase(Locale.ROOT).split(";"))
                        .filter(e -> !e.isBlank())
                        .toList()
                : List.of("");
        for (String entry : path.split(Pattern.quote(File.pathSeparator))) {
            String dir = windows ? entry.strip().replace("\"", "") : entry;
            for (String extension : extensions) {
                try {
                    if (dir.isEmpty() || !Path.of(dir).isAbsolute()) {
                        break;
                    }
                    Path candidate = Path.of(dir, program + extension);
                    if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                        return Optional.of(candidate.toAbsolutePath());
                    }
                } catch (InvalidPathException skipped) {
                    // a PATH entry this file system cannot hold finds nothing
                }
            }
        }
        return Optional.empty();
    }

    private static byte[] readCapped(InputStream in) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        byte[] buf = new byte[8192];
        try (in) {
            int n;
            while ((n = in.read(buf)) > 0) {
                if (out.size() < MAX_ANSWER) {
                    out.write(buf, 0, Math.min(n, MAX_ANSWER - out.size()));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Daemon threads, so that a helper that never ends its output cannot keep the JVM alive. */
    private static final Executor READER = task -> {
        Thread t = new Thread(task, "credential-helper-output");
        t.setDaemon(true);
        t.start();
    };
}
