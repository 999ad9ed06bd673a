package io.jenkins.plugins.aliyun.registry.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A config.json given on the command line ({@code push --docker-config}, {@code kaniko-secret
 * --from-docker-config}) is read one way, with one message per problem; a directory (such as
 * {@code ~/.docker}) is named as one, with the file to give instead.
 */
class DockerConfigFileTest {

    @TempDir
    Path tmp;

    private CliRun push(boolean picocli, Path config) {
        List<String> args = new ArrayList<>(List.of("push", "docker-archive:" + tmp.resolve("image.tar"), "h.io/team/app:1",
                "--docker-config", config.toString()));
        if (picocli) {
            args.add("--json=true"); // PushArguments leaves this to picocli
        }
        return CliRun.run(args.toArray(new String[0]));
    }

    private static CliRun kanikoSecret(Path config) {
        return CliRun.run("kaniko-secret", "--name", "s", "--namespace", "ci", "--from-docker-config", config.toString());
    }

    @ParameterizedTest(name = "through picocli: {0}")
    @ValueSource(booleans = {false, true})
    void pushNamesADirectoryAsOne(boolean picocli) throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(".docker"));
        CliRun r = push(picocli, dir);
        assertEquals(2, r.code(), r.all());
        assertEquals("aliyun-cr: error: docker config " + dir + " is a directory: give the file, e.g. " + dir.resolve("config.json") + "\n", r.err());
    }

    @Test
    void kanikoSecretNamesADirectoryAsOne() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(".docker"));
        CliRun r = kanikoSecret(dir);
        assertEquals(2, r.code(), r.all());
        assertEquals("aliyun-cr: error: docker config " + dir + " is a directory: give the file, e.g. " + dir.resolve("config.json") + "\n", r.err());
    }

    @Test
    void bothSayTheSameOfAMissingFile() {
        Path missing = tmp.resolve("nope.json");
        String expected = "aliyun-cr: error: docker config " + missing + " does not exist: give the path of a config.json (e.g. written by"
                + " aliyun-cr docker-config)\n";
        for (CliRun r : new CliRun[] {push(false, missing), push(true, missing), kanikoSecret(missing)}) {
            assertEquals(2, r.code(), r.all());
            assertEquals(expected, r.err());
        }
    }

    @Test
    void kanikoSecretSaysHowToFixAFileThatIsNotUtf8() throws Exception {
        Path file = Files.write(tmp.resolve("config.json"), new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'});
        CliRun r = kanikoSecret(file);
        assertEquals(1, r.code(), r.all());
        assertEquals("aliyun-cr: error: cannot read docker config " + file + ": MalformedInputException; check that it is a readable UTF-8 file,"
                + " give another with --from-docker-config, or give one login with --registry, --username and --password-stdin\n", r.err());
    }

    @Test
    void aKubeconfigDirectoryIsNamedAsOne() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(".kube"));
        CliRun r = CliRun.withStdin("pw\n", "kaniko-secret", "--name", "s", "--namespace", "ci", "--registry", "h.io", "--username", "u",
                "--password-stdin", "--apply", "--kubeconfig", dir.toString());
        assertEquals(2, r.code(), r.all());
        assertEquals("aliyun-cr: error: kubeconfig " + dir + " is a directory: give the file, e.g. " + dir.resolve("config") + "\n", r.err());
    }

    @Test
    void aConfigWhoseLoginsAreInAKeychainIsSaidToBeSoForASecret() throws Exception {
        // what docker login leaves on macOS and Windows
        Path config = tmp.resolve("keychain.json");
        Files.writeString(config, "{\"auths\":{\"registry.example.com\":{}},\"credsStore\":\"desktop\","
                + "\"credHelpers\":{\"123.dkr.ecr.us-east-1.amazonaws.com\":\"ecr-login\"}}");
        CliRun r = kanikoSecret(config);
        assertEquals(2, r.code(), r.all());
        assertEquals("aliyun-cr: error: " + config + " holds no login of its own: its logins are kept by the credential helper desktop,"
                + " ecr-login, which a Kubernetes Secret cannot use; give one login with --registry, --username and --password-stdin\n", r.err());
    }
}
