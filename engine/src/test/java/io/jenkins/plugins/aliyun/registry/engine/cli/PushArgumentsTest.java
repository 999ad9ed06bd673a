package io.jenkins.plugins.aliyun.registry.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The picocli-free reading of {@code push} arguments gives what picocli gives, or leaves the call to picocli. */
class PushArgumentsTest {

    @TempDir
    Path tmp;

    private static String fields(PushCommand c) {
        return String.join("|", c.source, c.destination, String.valueOf(c.additionalTags), c.username,
                String.valueOf(c.passwordStdin), String.valueOf(c.dockerConfig), String.valueOf(c.caCert), String.valueOf(c.insecure),
                c.sourceUsername, String.valueOf(c.sourcePasswordStdin), String.valueOf(c.sourceCaCert), String.valueOf(c.sourceInsecure),
                String.valueOf(c.cacheDir), String.valueOf(c.noCache), String.valueOf(c.json));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "docker-archive:a.tar h.io/ns/app:1",
        "oci:dir:1 h.io/ns/app:1 --additional-tag latest --additional-tag 1.0 --json",
        "--username u --password-stdin docker-archive:a.tar h.io/ns/app:1 --ca-cert ca.pem",
        "docker://docker.io/library/nginx:1 h.io/mirror/nginx:1 --source-username s --source-password-stdin --source-ca-cert s.pem --source-insecure",
        "docker-archive:a.tar h.io:5000/app:2 --insecure --no-cache --docker-config /tmp/c.json --cache-dir=/tmp/cache --username=u",
    })
    void wellFormedCallsAreReadAsPicocliReadsThem(String line) {
        List<String> args = List.of(line.split(" "));
        PushCommand fast = PushArguments.parse(args);
        assertNotNull(fast, "read without picocli");
        PushCommand reference = new PushCommand();
        new CommandLine(reference).parseArgs(args.toArray(new String[0]));
        assertEquals(fields(reference), fields(fast));
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "--help",
        "-h",
        "docker-archive:a.tar h.io/ns/app:1 --help",
        "docker-archive:a.tar",
        "docker-archive:a.tar h.io/ns/app:1 extra",
        "docker-archive:a.tar h.io/ns/app:1 --unknown",
        "docker-archive:a.tar h.io/ns/app:1 --username",
        "docker-archive:a.tar h.io/ns/app:1 --username --password-stdin",
        "docker-archive:a.tar h.io/ns/app:1 --username a --username b",
        "docker-archive:a.tar h.io/ns/app:1 --json=true",
        "docker-archive:a.tar h.io/ns/app:1 -- --json",
        // picocli reads the arguments in an @file
        "@args.txt h.io/ns/app:1",
        "docker-archive:a.tar h.io/ns/app:1 --username @user.txt",
        "docker-archive:a.tar @dest.txt --json",
    })
    void anythingElseIsLeftToPicocli(String line) {
        assertNull(PushArguments.parse(List.of(line.split(" "))));
    }

    /** Paths.get refuses some strings (a NUL; a name the file-name encoding cannot hold, e.g. non-ASCII under LANG=C). */
    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"--docker-config", "--ca-cert", "--source-ca-cert", "--cache-dir"})
    void aPathJavaCannotHoldIsLeftToPicocli(String option) {
        assertNull(PushArguments.parse(List.of("docker://h.io/a:1", "h.io/ns/app:1", option, "a\0b")));
        assertNull(PushArguments.parse(List.of("docker://h.io/a:1", "h.io/ns/app:1", option + "=a\0b")));
    }

    @ParameterizedTest(name = "through picocli: {0}")
    @ValueSource(booleans = {false, true})
    void aPathJavaCannotHoldIsOneLineOfInvalidInput(boolean picocli) {
        CliRun r = picocli
                ? CliRun.run("push", "docker-archive:a.tar", "h.io/ns/app:1", "--json=true", "--docker-config", "conf\0ig.json")
                : CliRun.run("push", "docker-archive:a.tar", "h.io/ns/app:1", "--docker-config", "conf\0ig.json");
        assertEquals(Main.INVALID, r.code(), r.all());
        assertEquals("aliyun-cr: error: Invalid value for option '--docker-config': 'conf\\u0000ig.json' is not a valid path:"
                + " Nul character not allowed (see: aliyun-cr push --help)\n", r.err());
    }

    @Test
    void otherCommandsPathsAreCheckedTheSameWay() {
        CliRun r = CliRun.run("kaniko-secret", "--name", "s", "--namespace", "ci", "--from-docker-config", "a\0b");
        assertEquals(Main.INVALID, r.code(), r.all());
        assertEquals("aliyun-cr: error: Invalid value for option '--from-docker-config': 'a\\u0000b' is not a valid path:"
                + " Nul character not allowed (see: aliyun-cr kaniko-secret --help)\n", r.err());
    }

    /** picocli replaces an argument "@FILE" with the arguments in FILE; read without picocli it was taken as it stands. */
    @Test
    void anAtFileIsExpandedAsPicocliExpandsIt() throws Exception {
        Path missing = tmp.resolve("missing-config.json");
        Path atFile = Files.writeString(tmp.resolve("args.txt"), missing + "\n");
        CliRun r = CliRun.run("push", "docker-archive:" + tmp.resolve("image.tar"), "h.io/ns/app:1", "--docker-config", "@" + atFile);
        assertEquals(Main.INVALID, r.code(), r.all());
        assertEquals("aliyun-cr: error: docker config " + missing + " does not exist: give the path of a config.json (e.g. written by"
                + " aliyun-cr docker-config)\n", r.err());
    }

    /** PushArguments' own list of push's options must stay picocli's: a renamed or added option would otherwise be read differently. */
    @Test
    void theOptionsReadWithoutPicocliArePushCommandsOptions() {
        Set<String> flags = new TreeSet<>();
        Set<String> withValue = new TreeSet<>();
        Set<String> repeatable = new TreeSet<>();
        for (OptionSpec option : new CommandLine(new PushCommand()).getCommandSpec().options()) {
            if (option.hidden() || option.usageHelp() || option.versionHelp()) {
                continue;
            }
            assertEquals(1, option.names().length, "one name each: " + List.of(option.names()));
            String name = option.longestName();
            CommandLine.Range arity = option.arity();
            if (arity.max() == 0) {
                flags.add(name);
            } else {
                assertEquals(1, arity.min(), name);
                assertEquals(1, arity.max(), name);
                withValue.add(name);
            }
            if (option.isMultiValue()) {
                repeatable.add(name);
            }
        }
        assertEquals(flags, new TreeSet<>(PushArguments.FLAGS));
        assertEquals(withValue, new TreeSet<>(PushArguments.WITH_VALUE));
        assertEquals(repeatable, new TreeSet<>(PushArguments.REPEATABLE));
        assertTrue(PushArguments.WITH_VALUE.containsAll(PushArguments.REPEATABLE));
    }
}
