package io.jenkins.plugins.aliyun.registry.engine.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** DESIGN.md's command-line contract: names, JSON fields, one-line errors, exit codes 0/2/1. */
class CommandLineContractTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path tmp;

    @Test
    void parseNormalisesLikeDocker() throws Exception {
        CliRun r = CliRun.run("parse", "nginx", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = JSON.readTree(r.out());
        assertEquals("docker.io", o.get("registry").asText());
        assertEquals("library/nginx", o.get("repository").asText());
        assertEquals("latest", o.get("tag").asText());
        assertTrue(o.get("digest").isNull());
        assertEquals("docker.io/library/nginx:latest", o.get("reference").asText());
        assertEquals("localhost:5000/a/b:1\n", CliRun.run("parse", "localhost:5000/a/b:1").out());
    }

    @Test
    void refGivesEveryContractField() throws Exception {
        CliRun r = CliRun.run("ref", "--registry", "crpi-abc123.cn-hangzhou.personal.cr.aliyuncs.com/lgy-images",
                "--repository", "lgy-test-repository", "--build-number", "42", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = JSON.readTree(r.out());
        assertEquals("crpi-abc123.cn-hangzhou.personal.cr.aliyuncs.com", o.get("registry").asText());
        assertEquals("acr-personal", o.get("kind").asText());
        assertEquals("cn-hangzhou", o.get("region").asText());
        assertFalse(o.get("vpc").asBoolean());
        assertEquals("lgy-images", o.get("namespace").asText());
        assertEquals("lgy-images/lgy-test-repository", o.get("repository").asText());
        assertEquals("42", o.get("tag").asText());
        assertEquals("crpi-abc123.cn-hangzhou.personal.cr.aliyuncs.com/lgy-images/lgy-test-repository:42", o.get("reference").asText());
        assertEquals(0, o.get("warnings").size());
    }

    @Test
    void refSwitchesToTheVpcEndpointAndWarnsAboutTheLegacyDomain() throws Exception {
        CliRun r = CliRun.run("ref", "--registry", "registry.cn-shanghai.aliyuncs.com", "--namespace", "team",
                "--repository", "app", "--tag", "1.0.0", "--vpc", "--json");
        assertEquals(0, r.code(), r.err());
        JsonNode o = JSON.readTree(r.out());
        assertEquals("registry-vpc.cn-shanghai.aliyuncs.com", o.get("registry").asText());
        assertTrue(o.get("vpc").asBoolean());
        assertEquals("acr-legacy", o.get("kind").asText());
        assertTrue(o.get("warnings").get(0).asText().contains("crpi-<id>.cn-shanghai.personal.cr.aliyuncs.com"));
    }

    @Test
    void refInSingleRepositoryModePrefixesEveryTag() throws Exception {
        CliRun r = CliRun.run("ref", "--registry", "registry.example.com/ai-infra-matrix", "--repository", "ai-infra-matrix",
                "--component", "backend", "--tag", "v0.0.3.3", "--additional-tag", "latest");
        assertEquals(0, r.code(), r.err());
        assertEquals("registry.example.com/ai-infra-matrix/ai-infra-matrix:backend-v0.0.3.3\n"
                + "registry.example.com/ai-infra-matrix/ai-infra-matrix:backend-latest\n", r.out());
    }

    @Test
    void warningsGoToStderrSoStdoutStaysTheReference() {
        CliRun r = CliRun.run("ref", "--registry", "registry.cn-hangzhou.aliyuncs.com/ns", "--repository", "app", "--build-number", "3");
        assertEquals("registry.cn-hangzhou.aliyuncs.com/ns/app:3\n", r.out());
        assertTrue(r.err().startsWith("aliyun-cr: warning: "), r.err());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {
        "parse|Nginx:1.0",
        "parse|host/app:feature/x",
        "ref|--registry|registry.cn-hangzhou.aliyuncs.com/ns|--repository|a/b|--build-number|1",
        "ref|--registry|my.registry.io|--repository|app",
        "ref|--registry|http://nexus:8082|--repository|app|--tag|1",
        "ref|--registry|my.registry.io|--repository|app|--tag|-x",
        "ref|--unknown-option",
        "kaniko-pod|--secret|Bad_Name",
        "kaniko-secret|--name|s|--namespace|Jenkins|--registry|h.io|--username|u|--password-stdin",
        "docker-config|--registry|h.io|--username|u",
        "docker-config|--registry|h.io|--username|a:b|--password-stdin",
    })
    void invalidInputExitsWithTwoAndOneLineOnStderr(String args) {
        CliRun r = CliRun.withStdin("secret\n", args.split("\\|"));
        assertEquals(2, r.code(), r.all());
        assertEquals("", r.out());
        assertTrue(r.err().startsWith("aliyun-cr: error: "), r.err());
        assertEquals(1, r.err().strip().lines().count(), r.err());
    }

    @Test
    void dockerConfigWritesAnOwnerOnlyFileAndMergesSeveralRegistries() throws Exception {
        Path file = tmp.resolve("docker/config.json");
        assertEquals(0, CliRun.withStdin("p1\n", "docker-config", "--registry", "crpi-a.cn-hangzhou.personal.cr.aliyuncs.com",
                "--username", "u1", "--password-stdin", "--output", file.toString()).code());
        CliRun second = CliRun.withStdin("p2\n", "docker-config", "--registry", "index.docker.io", "--username", "u2",
                "--password-stdin", "--output", file.toString(), "--json");
        assertEquals(0, second.code(), second.err());

        JsonNode o = JSON.readTree(second.out());
        assertEquals(file.toAbsolutePath().toString(), o.get("file").asText());
        assertEquals(2, o.get("registries").size());
        JsonNode written = JSON.readTree(Files.readString(file));
        assertEquals("dTE6cDE=", written.at("/auths/crpi-a.cn-hangzhou.personal.cr.aliyuncs.com/auth").asText());
        assertEquals("dTI6cDI=", written.get("auths").get("https://index.docker.io/v1/").get("auth").asText());
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file.getParent())));
    }

    @Test
    void onlyOneTrailingNewlineIsDroppedFromThePassword() throws Exception {
        CliRun r = CliRun.withStdin("pass \n\n", "docker-config", "--registry", "h.io", "--username", "u", "--password-stdin", "--output", "-");
        assertEquals(0, r.code(), r.err());
        // base64("u:pass \n") - the second newline and the space belong to the password
        assertEquals("dTpwYXNzIAo=", JSON.readTree(r.out()).at("/auths/h.io/auth").asText());
    }

    @Test
    void kanikoPodPrintsTheMountForTheSecret() {
        CliRun r = CliRun.run("kaniko-pod", "--secret", "acr-login", "--image", "registry.example.com/kaniko:debug");
        assertEquals(0, r.code(), r.err());
        assertTrue(r.out().contains("mountPath: \"/kaniko/.docker\""), r.out());
        assertTrue(r.out().contains("path: \"config.json\""), r.out());
        assertTrue(r.out().contains("secretName: \"acr-login\""), r.out());
    }

    @Test
    void dockerConfigSaysItCannotReadAFileItCannotRead() throws Exception {
        Path file = Files.write(tmp.resolve("config.json"), new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'});
        CliRun r = CliRun.withStdin("pw\n", "docker-config", "--registry", "h.io", "--username", "u", "--password-stdin", "--output", file.toString());
        assertEquals(1, r.code(), r.all());
        assertEquals("aliyun-cr: error: cannot read " + file + " to merge the login into it: MalformedInputException; check that it is a readable"
                + " UTF-8 file, overwrite it with --replace (dropping what it holds), or choose another file with --output\n", r.err());

        CliRun replaced = CliRun.withStdin("pw\n", "docker-config", "--registry", "h.io", "--username", "u", "--password-stdin", "--output", file.toString(),
                "--replace");
        assertEquals(0, replaced.code(), replaced.all());
        assertEquals("dTpwdw==", JSON.readTree(Files.readString(file)).at("/auths/h.io/auth").asText());
    }

    @Test
    void dockerConfigSaysItCannotWriteAFileItCannotWrite() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve("config.json"));
        Files.writeString(dir.resolve("x"), "");
        CliRun r = CliRun.withStdin("pw\n", "docker-config", "--registry", "h.io", "--username", "u", "--password-stdin", "--output", dir.toString(),
                "--replace");
        assertEquals(1, r.code(), r.all());
        assertTrue(r.err().startsWith("aliyun-cr: error: cannot write " + dir + ": "), r.err());
        assertTrue(r.err().endsWith("; check that the directory is writable, or choose another file with --output\n"), r.err());
    }

    @ParameterizedTest(name = "through picocli: {0}")
    @ValueSource(booleans = {false, true}) // --json=true is left to picocli by PushArguments
    void pushSaysHowToFixADockerConfigItCannotRead(boolean picocli) throws Exception {
        Path file = Files.write(tmp.resolve("config.json"), new byte[] {(byte) 0xff, (byte) 0xfe, '{', '}'});
        java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of("push", "docker-archive:" + tmp.resolve("image.tar"),
                "h.io/team/app:1", "--docker-config", file.toString()));
        if (picocli) {
            args.add("--json=true");
        }
        CliRun r = CliRun.run(args.toArray(new String[0]));
        assertEquals(1, r.code(), r.all());
        assertEquals("aliyun-cr: error: cannot read docker config " + file + ": MalformedInputException; check that it is a readable UTF-8 file,"
                + " give another with --docker-config, or log in with --username and --password-stdin\n", r.err());
    }

    @Test
    void everyCommandHasHelp() {
        for (String command : new String[] {"parse", "ref", "docker-config", "kaniko-secret", "kaniko-pod"}) {
            CliRun r = CliRun.run(command, "--help");
            assertEquals(0, r.code(), command);
            assertTrue(r.out().startsWith("Usage: aliyun-cr " + command), r.out());
        }
    }

    @Test
    void helpShowsTemplateVariablesAsWrittenNotAsPicocliExpandsThem() {
        // picocli expands ${NAME} in descriptions from system properties and the environment: unescaped,
        // the example read 'null-null', or a Jenkins agent's real build number
        String help = CliRun.run("ref", "--help").out().replaceAll("\\s+", ""); // lines wrap anywhere
        assertTrue(help.contains("Tagtemplatewith${NAME}variablesfrom--build-numberand--variable,e.g.'${BRANCH_NAME}-${BUILD_NUMBER}'"), help);
        for (String command : new String[] {"parse", "ref", "docker-config", "kaniko-secret", "kaniko-pod", "push"}) {
            String text = CliRun.run(command, "--help").out();
            assertFalse(text.contains("null"), command + ": " + text);
        }
    }
}
