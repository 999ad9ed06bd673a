package io.jenkins.plugins.aliyun.registry.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import picocli.CommandLine;

/** The picocli-free reading of {@code push} arguments gives what picocli gives, or leaves the call to picocli. */
class PushArgumentsTest {

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
    })
    void anythingElseIsLeftToPicocli(String line) {
        assertNull(PushArguments.parse(List.of(line.split(" "))));
    }
}
