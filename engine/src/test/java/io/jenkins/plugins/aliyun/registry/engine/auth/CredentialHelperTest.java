package io.jenkins.plugins.aliyun.registry.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/**
 * Asking a docker credential helper, a program on the PATH, for a registry's login. The helpers here
 * are shell scripts that speak the helpers' protocol: {@code get}, the server URL on standard input,
 * JSON or an error on standard output.
 */
@DisabledOnOs(OS.WINDOWS)
class CredentialHelperTest {

    private static final String SECRET = "helper-Secret-9f3b";

    @TempDir
    Path bin;

    private Map<String, String> path() {
        return Map.of("PATH", bin + ":/usr/bin:/bin");
    }

    private void helper(String name, String script) throws Exception {
        Path p = bin.resolve("docker-credential-" + name);
        Files.writeString(p, "#!/bin/sh\n" + script, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(p, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void theHelperIsAskedWithGetAndTheServerUrlDockerUsesAsItsKey() throws Exception {
        // answers only for what it was asked, as a keychain does
        helper("store", """
                [ "$1" = get ] || exit 3
                read url
                case "$url" in
                  registry.example.com:5000) echo '{"ServerURL":"registry.example.com:5000","Username":"alice","Secret":"%s"}' ;;
                  https://index.docker.io/v1/) echo '{"ServerURL":"https://index.docker.io/v1/","Username":"hub-user","Secret":"%s"}' ;;
                  *) echo "credentials not found in native keychain"; exit 1 ;;
                esac
                """.formatted(SECRET, SECRET));

        RegistryCredentials c = CredentialHelper.get("store", "Registry.Example.com:5000", path()).orElseThrow();
        assertEquals("alice", c.getUsername());
        assertEquals(SECRET, c.getPassword());
        assertEquals("hub-user", CredentialHelper.get("store", "docker.io", path()).orElseThrow().getUsername());
        assertEquals(Optional.empty(), CredentialHelper.get("store", "other.example.com", path()), "none for that registry");
        assertTrue(CredentialHelper.installed("store", path()));
    }

    @Test
    void aMissingHelperOrABadNameIsSaidWithTheFix() {
        assertFalse(CredentialHelper.installed("osxkeychain", path()));
        InvalidInputException missing = assertThrows(InvalidInputException.class,
                () -> CredentialHelper.get("osxkeychain", "h.example.com", path()));
        assertEquals("the docker config names the credential helper osxkeychain, but docker-credential-osxkeychain is not on the PATH:"
                + " install it, log in with --username and --password-stdin, or give another file with --docker-config", missing.getMessage());
        assertFalse(CredentialHelper.installed("../../bin/sh", path()));
        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> CredentialHelper.get("../../bin/sh", "h.example.com", path()));
        assertTrue(bad.getMessage().contains("is not a helper's name"), bad.getMessage());
    }

    @Test
    void aFailingHelperIsReportedWithItsFirstLineAndNothingOfASecret() throws Exception {
        helper("locked", "cat > /dev/null; echo 'error: keychain is locked'; echo 'second line'; exit 2\n");
        EngineException e = assertThrows(EngineException.class, () -> CredentialHelper.get("locked", "h.example.com", path()));
        assertEquals("docker-credential-locked get failed for h.example.com (exit 2): error: keychain is locked; fix the helper's store,"
                + " or log in with --username and --password-stdin", e.getMessage());
    }

    @Test
    void anIdentityTokenOrAnAnswerThatIsNotJsonIsRefusedWithoutShowingIt() throws Exception {
        helper("token", "cat > /dev/null; echo '{\"Username\":\"<token>\",\"Secret\":\"" + SECRET + "\"}'\n");
        EngineException token = assertThrows(EngineException.class, () -> CredentialHelper.get("token", "h.example.com", path()));
        assertTrue(token.getMessage().contains("identity token"), token.getMessage());
        helper("garbage", "cat > /dev/null; echo 'Secret " + SECRET + "'\n");
        EngineException garbage = assertThrows(EngineException.class, () -> CredentialHelper.get("garbage", "h.example.com", path()));
        for (EngineException e : new EngineException[] {token, garbage}) {
            assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        }
    }

    @Test
    void aHelperThatNeverAnswersMeetsTheTimeout() throws Exception {
        helper("hangs", "exec sleep 30\n");
        long start = System.nanoTime();
        EngineException e = assertThrows(EngineException.class,
                () -> CredentialHelper.get("hangs", "h.example.com", path(), Duration.ofMillis(500)));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 10_000, "the timeout was not kept");
        assertTrue(e.getMessage().startsWith("docker-credential-hangs gave no answer within 500 ms for h.example.com"), e.getMessage());
    }

    @Test
    void aHelperThatPrintsItsAnswerAndThenFailsHasNothingOfItShown() throws Exception {
        helper("leaky", "cat > /dev/null; echo '{\"ServerURL\":\"h\",\"Username\":\"bob\",\"Secret\":\"" + SECRET + "\"}'; exit 1\n");
        EngineException e = assertThrows(EngineException.class, () -> CredentialHelper.get("leaky", "h.example.com", path()));
        assertFalse(e.getMessage().contains(SECRET), e.getMessage());
        assertEquals("docker-credential-leaky get failed for h.example.com (exit 1): its output is not shown, as it might hold a login;"
                + " fix the helper's store, or log in with --username and --password-stdin", e.getMessage());
    }

    @Test
    void whatAFailedHelperSaysOnItsErrorOutputComesFirst() throws Exception {
        helper("gcloud", "cat > /dev/null; echo 'ERROR: (gcloud.auth) You do not currently have an active account selected.' >&2; exit 1\n");
        EngineException e = assertThrows(EngineException.class, () -> CredentialHelper.get("gcloud", "h.example.com", path()));
        assertTrue(e.getMessage().contains("(exit 1): ERROR: (gcloud.auth) You do not currently have an active account selected.;"), e.getMessage());
    }

    @Test
    void aRelativeDirectoryOfThePathIsNeverSearched() throws Exception {
        // a workspace could hold a program of that name; PATH=.:... must not make it run
        Path relative = Path.of("target", "relative-path-helper-" + ProcessHandle.current().pid());
        Files.createDirectories(relative);
        try {
            Path program = relative.resolve("docker-credential-rel");
            Files.writeString(program, "#!/bin/sh\necho '{\"Username\":\"u\",\"Secret\":\"s\"}'\n");
            Files.setPosixFilePermissions(program, PosixFilePermissions.fromString("rwx------"));
            Map<String, String> env = Map.of("PATH", relative + ":" + relative.toAbsolutePath().getParent() + "/nothing-here");
            assertFalse(CredentialHelper.installed("rel", env));
            assertTrue(CredentialHelper.installed("rel", Map.of("PATH", relative.toAbsolutePath().toString())), "found where the PATH is absolute");
        } finally {
            Files.deleteIfExists(relative.resolve("docker-credential-rel"));
            Files.deleteIfExists(relative);
        }
    }

    @Test
    void onTimeoutWhatTheHelperStartedIsStoppedToo() throws Exception {
        Path pidFile = bin.resolve("child.pid");
        helper("wrapper", "sleep 30 &\necho $! > " + pidFile + "\nwait\n");
        assertThrows(EngineException.class, () -> CredentialHelper.get("wrapper", "h.example.com", path(), Duration.ofMillis(700)));
        long child = Long.parseLong(Files.readString(pidFile).strip());
        long deadline = System.nanoTime() + 5_000_000_000L;
        while (ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false) && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertFalse(ProcessHandle.of(child).map(ProcessHandle::isAlive).orElse(false), "the helper's child still runs");
    }
}
