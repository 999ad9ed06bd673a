package io.jenkins.plugins.aliyun.registry.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FACTS.md "docker config.json": {@code {"auths":{"<key>":{"auth":"<base64(user:password)>"}}}}, Docker
 * Hub key {@code https://index.docker.io/v1/}, others bare {@code host[:port]}; docker splits
 * {@code auth} at the first ':'; FACTS.md "Kubernetes": kubectl writes username, password and auth.
 */
class DockerConfigTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String PERSONAL = "crpi-v2gqz8jq7d3bxn9e.cn-hangzhou.personal.cr.aliyuncs.com";

    @TempDir
    Path tmp;

    private static RegistryCredentials creds(String user, String password) throws InvalidInputException {
        return RegistryCredentials.of(user, password);
    }

    private static JsonNode tree(String json) throws Exception {
        return JSON.readTree(json);
    }

    private static List<String> keys(DockerConfig config) {
        List<String> keys = new ArrayList<>();
        config.getRegistryKeys().forEach(keys::add);
        return keys;
    }

    // --- shape and keys ------------------------------------------------------------------------

    @Test
    void configJsonHasOnlyAnAuthFieldPerRegistry() throws Exception {
        String json = DockerConfig.of(PERSONAL, creds("lgy@example.com", "pa:ss")).toJson();
        JsonNode root = tree(json);
        assertEquals(List.of("auths"), iterable(root.fieldNames()));
        JsonNode entry = root.get("auths").get(PERSONAL);
        assertEquals(List.of("auth"), iterable(entry.fieldNames()));
        assertEquals(creds("lgy@example.com", "pa:ss").auth(), entry.get("auth").asText());
        assertFalse(json.contains("\"username\""));
        assertFalse(json.contains("\"password\""));
        assertFalse(json.contains("pa:ss"));
    }

    private static List<String> iterable(java.util.Iterator<String> it) {
        List<String> out = new ArrayList<>();
        it.forEachRemaining(out::add);
        return out;
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com",
        "https://index.docker.io/v1/", "https://registry-1.docker.io/v2/", "Docker.IO"})
    void dockerHubKeyIsTheIndexUrlForEveryAlias(String alias) throws Exception {
        assertEquals("https://index.docker.io/v1/", DockerConfig.keyFor(alias));
        DockerConfig config = DockerConfig.of(alias, creds("u", "p"));
        assertEquals(List.of("https://index.docker.io/v1/"), keys(config));
        assertTrue(tree(config.toJson()).get("auths").has("https://index.docker.io/v1/"));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "10.211.55.6:8082,                              10.211.55.6:8082",
        "https://harbor.example.com,                    harbor.example.com",
        "http://10.211.55.6:8082/,                      10.211.55.6:8082",
        "https://harbor.example.com:8443/v2/,           harbor.example.com:8443",
        "harbor.example.com/team,                       harbor.example.com",
        "' Registry.CN-Hangzhou.aliyuncs.com ',         registry.cn-hangzhou.aliyuncs.com",
        "[::1]:5000,                                    [::1]:5000",
    })
    void otherRegistriesAreKeyedByBareHostAndPort(String registry, String key) {
        assertEquals(key, DockerConfig.keyFor(registry));
    }

    @Test
    void severalRegistriesShareOneFile() throws Exception {
        DockerConfig config = DockerConfig.of(PERSONAL, creds("lgy", "p1"))
                .with("10.211.55.6:8082", creds("admin", "p2"))
                .with("docker.io", creds("someone", "p3"));
        assertEquals(3, config.size());
        JsonNode auths = tree(config.toJson()).get("auths");
        assertEquals(3, auths.size());
        assertEquals(creds("admin", "p2").auth(), auths.get("10.211.55.6:8082").get("auth").asText());
        assertEquals(creds("someone", "p3").auth(), auths.get("https://index.docker.io/v1/").get("auth").asText());
        assertEquals(creds("lgy", "p1").auth(), auths.get(PERSONAL).get("auth").asText());
    }

    @Test
    void withReplacesTheEntryForTheSameRegistry() throws Exception {
        DockerConfig config = DockerConfig.of("https://harbor.example.com", creds("old", "p"))
                .with("harbor.example.com", creds("new", "q"));
        assertEquals(1, config.size());
        assertEquals(Optional.of(creds("new", "q")), config.credentialsFor("harbor.example.com"));
    }

    @Test
    void emptyConfigHasAnEmptyAuthsObject() throws Exception {
        assertEquals(0, DockerConfig.empty().size());
        assertEquals("{\"auths\":{}}", tree(DockerConfig.empty().toJson()).toString());
    }

    @Test
    void toJsonRoundTripsThroughParse() throws Exception {
        DockerConfig config = DockerConfig.of(PERSONAL, creds("robot$name", "p:\"w d ü"))
                .with("docker.io", creds("u", "p"));
        assertEquals(config, DockerConfig.parse(config.toJson(), "test"));
    }

    // --- parse ---------------------------------------------------------------------------------

    @Test
    void authIsSplitAtTheFirstColon() throws Exception {
        String json = "{\"auths\":{\"h.example.com\":{\"auth\":\"" + creds("user", "pa:ss:word").auth() + "\"}}}";
        RegistryCredentials c = DockerConfig.parse(json, "test").credentialsFor("h.example.com").orElseThrow();
        assertEquals("user", c.getUsername());
        assertEquals("pa:ss:word", c.getPassword());
    }

    @Test
    void authWinsOverUsernameAndPassword() throws Exception {
        String json = "{\"auths\":{\"h.example.com\":{\"auth\":\"dXNlcjpwYTpzcw==\",\"username\":\"other\",\"password\":\"x\"}}}";
        RegistryCredentials c = DockerConfig.parse(json, "test").credentialsFor("h.example.com").orElseThrow();
        assertEquals("user", c.getUsername());
        assertEquals("pa:ss", c.getPassword());
    }

    @Test
    void usernameAndPasswordOnlyEntriesAreRead() throws Exception {
        String json = "{\"auths\":{\"https://h.example.com\":{\"username\":\"robot$ci\",\"password\":\"a:b\"}}}";
        DockerConfig config = DockerConfig.parse(json, "test");
        assertEquals(Optional.of(creds("robot$ci", "a:b")), config.credentialsFor("h.example.com"));
        // written back with the auth field Kaniko needs
        assertEquals(creds("robot$ci", "a:b").auth(), tree(config.toJson()).get("auths").get("h.example.com").get("auth").asText());
    }

    @Test
    void credentialsForMatchesDockerHubAliases() throws Exception {
        DockerConfig config = DockerConfig.parse("{\"auths\":{\"https://index.docker.io/v1/\":{\"auth\":\"dTpw\"}}}", "test");
        for (String alias : List.of("docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com")) {
            assertEquals(Optional.of(creds("u", "p")), config.credentialsFor(alias), alias);
        }
        assertEquals(Optional.empty(), config.credentialsFor("quay.io"));
    }

    @Test
    void credentialHelperIsFoundByHostOrStore() throws Exception {
        DockerConfig config = DockerConfig.parse("{\"credHelpers\":{\"https://h.example.com\":\"acr\"},\"credsStore\":\"desktop\"}", "test");
        assertEquals(Optional.of("acr"), config.credentialHelperFor("h.example.com"));
        assertEquals(Optional.of("desktop"), config.credentialHelperFor("other.example.com"));
        assertEquals(Optional.empty(), DockerConfig.empty().credentialHelperFor("h.example.com"));
    }

    // --- merge ---------------------------------------------------------------------------------

    @Test
    void mergeKeepsUnknownFieldsAndTheNewerEntryWins() throws Exception {
        String existing = "{\"auths\":{\"h.example.com\":{\"auth\":\"" + creds("old", "old-pw").auth() + "\"},"
                + "\"keep.example.com\":{\"auth\":\"" + creds("k", "kp").auth() + "\"}},"
                + "\"credHelpers\":{\"123.dkr.ecr.us-east-1.amazonaws.com\":\"ecr-login\"},"
                + "\"proxies\":{\"default\":{\"httpProxy\":\"http://proxy:3128\"}}}";
        DockerConfig merged = DockerConfig.parse(existing, "test").merge(DockerConfig.of("h.example.com", creds("new", "new-pw")));
        JsonNode root = tree(merged.toJson());
        assertEquals("ecr-login", root.get("credHelpers").get("123.dkr.ecr.us-east-1.amazonaws.com").asText());
        assertEquals("http://proxy:3128", root.get("proxies").get("default").get("httpProxy").asText());
        assertEquals(creds("new", "new-pw").auth(), root.get("auths").get("h.example.com").get("auth").asText());
        assertEquals(creds("k", "kp").auth(), root.get("auths").get("keep.example.com").get("auth").asText());
        assertEquals(2, merged.size());
    }

    @Test
    void mergeKeepsEntriesItDoesNotManage() throws Exception {
        // docker login with a credential store leaves an empty entry; identity tokens have no password
        String existing = "{\"auths\":{\"https://index.docker.io/v1/\":{},"
                + "\"myacr.azurecr.io\":{\"auth\":\"MDAwMDAwMDAtMDAwMC0wMDAwLTAwMDAtMDAwMDAwMDAwMDAwOg==\",\"identitytoken\":\"eyJ0b2tlbiI6MX0\"}},"
                + "\"credsStore\":\"desktop\"}";
        DockerConfig merged = DockerConfig.parse(existing, "test").merge(DockerConfig.of(PERSONAL, creds("lgy", "pw")));
        JsonNode auths = tree(merged.toJson()).get("auths");
        assertTrue(auths.has("https://index.docker.io/v1/"), auths.toString());
        assertEquals("eyJ0b2tlbiI6MX0", auths.get("myacr.azurecr.io").path("identitytoken").asText(), auths.toString());
        assertTrue(auths.has(PERSONAL));
    }

    @Test
    void newerEntryReplacesAnUnmanagedEntryAsAWhole() throws Exception {
        String existing = "{\"auths\":{\"h.example.com\":{\"auth\":\"dTo=\",\"identitytoken\":\"tok\"}}}";
        DockerConfig old = DockerConfig.parse(existing, "test");
        JsonNode viaMerge = tree(old.merge(DockerConfig.of("h.example.com", creds("new", "pw"))).toJson()).get("auths").get("h.example.com");
        JsonNode viaWith = tree(old.with("h.example.com", creds("new", "pw")).toJson()).get("auths").get("h.example.com");
        String expected = "{\"auth\":\"" + creds("new", "pw").auth() + "\"}";
        assertEquals(expected, viaMerge.toString());
        assertEquals(expected, viaWith.toString());
    }

    @Test
    void unmanagedFieldsRoundTripThroughParse() throws Exception {
        String existing = "{\"auths\":{\"h.example.com\":{\"auth\":\"dTpw\",\"email\":\"u@example.com\"},\"empty.example.com\":{}}}";
        DockerConfig config = DockerConfig.parse(existing, "test");
        assertEquals(1, config.size());
        assertEquals(tree(existing), tree(config.toJson()));
        assertEquals(config, DockerConfig.parse(config.toJson(), "again"));
    }

    // --- invalid files -------------------------------------------------------------------------

    @Test
    void invalidJsonNamesTheSourceAndLine() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> DockerConfig.parse("{\n\"auths\": {\"h\": {\"auth\": \"c2VjcmV0OnNlY3JldA==\"\n", "/home/u/.docker/config.json"));
        assertTrue(e.getMessage().startsWith("docker config /home/u/.docker/config.json is not valid JSON (line "), e.getMessage());
        assertFalse(e.getMessage().contains("c2VjcmV0OnNlY3JldA=="), e.getMessage());
    }

    @Test
    void missingFileReadsAsEmpty() throws Exception {
        assertEquals(DockerConfig.empty(), DockerConfig.read(tmp.resolve("nope/config.json")));
    }

    @Test
    void readParsesAFile() throws Exception {
        Path file = tmp.resolve("config.json");
        Files.writeString(file, "{\"auths\":{\"h.example.com\":{\"auth\":\"dTpw\"}}}");
        assertEquals(Optional.of(creds("u", "p")), DockerConfig.read(file).credentialsFor("h.example.com"));
    }

    // --- files ---------------------------------------------------------------------------------

    @Test
    void writeToCreatesAnOwnerOnlyFileInANewOwnerOnlyDirectory() throws Exception {
        Path dir = tmp.resolve("a/.docker");
        Path file = dir.resolve("config.json");
        DockerConfig config = DockerConfig.of(PERSONAL, creds("lgy", "pw"));
        config.writeTo(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
        assertEquals(config.toJson(), Files.readString(file, StandardCharsets.UTF_8));
        try (Stream<Path> entries = Files.list(dir)) {
            assertEquals(List.of(file), entries.toList(), "no temporary file is left beside config.json");
        }
    }

    @Test
    void writeToReplacesAnExistingFileAndMakesItOwnerOnly() throws Exception {
        Path file = tmp.resolve("config.json");
        Files.writeString(file, "old");
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
        DockerConfig.of("h.example.com", creds("u", "p")).writeTo(file);
        assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
        assertEquals(Optional.of(creds("u", "p")), DockerConfig.read(file).credentialsFor("h.example.com"));
        try (Stream<Path> entries = Files.list(tmp)) {
            assertEquals(List.of(file), entries.toList());
        }
    }

    @Test
    void temporaryConfigIsPrivateAndCloseDeletesFileAndDirectory() throws Exception {
        DockerConfig config = DockerConfig.of(PERSONAL, creds("lgy", "pw"));
        Path dir;
        Path file;
        try (TemporaryDockerConfig temp = config.writeTemporary(tmp.resolve("agent-tmp"))) {
            dir = temp.directory();
            file = temp.file();
            assertEquals(dir.resolve("config.json"), file);
            assertEquals(tmp.resolve("agent-tmp"), dir.getParent());
            assertEquals("rwx------", PosixFilePermissions.toString(Files.getPosixFilePermissions(dir)));
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(file)));
            assertEquals(config.toJson(), Files.readString(file));
            Path marker = dir.resolve(TemporaryDockerConfig.MARKER);
            assertEquals("rw-------", PosixFilePermissions.toString(Files.getPosixFilePermissions(marker)));
            try (Stream<Path> entries = Files.list(dir)) {
                assertEquals(List.of(marker, file), entries.sorted().toList());
            }
        }
        assertFalse(Files.exists(file));
        assertFalse(Files.exists(dir));
    }

    @Test
    void closeAlsoDeletesWhatToolsWroteIntoTheDirectoryAndNeverFollowsALink() throws Exception {
        Path outside = Files.createDirectories(tmp.resolve("outside"));
        Path outsideFile = Files.writeString(outside.resolve("keep.txt"), "not ours");
        Path dir;
        Path file;
        try (TemporaryDockerConfig temp = DockerConfig.of(PERSONAL, creds("lgy", "pw")).writeTemporary(tmp.resolve("agent-tmp"))) {
            dir = temp.directory();
            file = temp.file();
            // what docker buildx, docker contexts and docker login leave in DOCKER_CONFIG
            Files.writeString(Files.createDirectories(dir.resolve("buildx/activity")).resolve("default"), "{}");
            Files.writeString(Files.createDirectories(dir.resolve("contexts/meta")).resolve("x"), "{}");
            Files.writeString(dir.resolve(".token_seed"), "seed");
            Files.createSymbolicLink(dir.resolve("link-to-file"), outsideFile);
            Files.createSymbolicLink(dir.resolve("contexts/link-to-dir"), outside);
        }
        assertFalse(Files.exists(file, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertFalse(Files.exists(dir, java.nio.file.LinkOption.NOFOLLOW_LINKS));
        assertEquals("not ours", Files.readString(outsideFile));
        try (Stream<Path> entries = Files.list(outside)) {
            assertEquals(List.of(outsideFile), entries.toList());
        }
    }

    @Test
    void theLoginIsDeletedFirstEvenWhenTheRestCannotBe() throws Exception {
        TemporaryDockerConfig temp = DockerConfig.of(PERSONAL, creds("lgy", "Sup3r-Secret")).writeTemporary(tmp);
        Path locked = Files.createDirectories(temp.directory().resolve("a-locked-dir"));
        Files.writeString(locked.resolve("f"), "x");
        boolean isLocked = lock(locked);
        try {
            org.junit.jupiter.api.Assumptions.assumeTrue(isLocked, "cannot make a directory undeletable here");
            java.io.IOException e = assertThrows(java.io.IOException.class, temp::close);
            assertFalse(Files.exists(temp.file()), "config.json must be gone");
            assertTrue(e.getMessage().contains("its config.json is deleted"), e.getMessage());
            assertFalse(e.getMessage().contains("Sup3r-Secret"), e.getMessage());
            assertTrue(Files.exists(temp.directory().resolve(TemporaryDockerConfig.MARKER)), "the marker stays for a second attempt");
        } finally {
            unlock(locked);
        }
        temp.close();
        assertFalse(Files.exists(temp.directory()));
    }

    /** Makes {@code dir}'s entries undeletable: read-only for a normal user, immutable (chattr) for root; true if it worked. */
    private static boolean lock(Path dir) throws Exception {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("r-x------"));
        try {
            new ProcessBuilder("chattr", "+i", dir.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (java.io.IOException e) {
            // no chattr: the permissions alone must do
        }
        try {
            Files.delete(Files.createFile(dir.resolve("probe")));
            unlock(dir);
            return false;
        } catch (java.io.IOException e) {
            return true;
        }
    }

    private static void unlock(Path dir) throws Exception {
        try {
            new ProcessBuilder("chattr", "-i", dir.toString()).redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD).start().waitFor();
        } catch (java.io.IOException e) {
            // no chattr
        }
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
    }

    @Test
    void closingATemporaryConfigTwiceIsSafe() throws Exception {
        TemporaryDockerConfig temp = DockerConfig.empty().writeTemporary(tmp);
        temp.close();
        temp.close();
        assertFalse(Files.exists(temp.directory()));
    }

    // --- secrets never shown -------------------------------------------------------------------

    @Test
    void toStringShowsRegistriesAndUsersNeverPasswords() throws Exception {
        DockerConfig config = DockerConfig.of(PERSONAL, creds("lgy", "Sup3r-Secret")).with("docker.io", creds("hub", "H1dden"));
        String text = config.toString();
        assertEquals("DockerConfig[" + PERSONAL + "=lgy, https://index.docker.io/v1/=hub]", text);
        assertFalse(text.contains("Sup3r-Secret"));
        assertFalse(text.contains("H1dden"));
    }

    // --- Kubernetes ----------------------------------------------------------------------------

    @Test
    void kubernetesJsonIsWhatKubectlWritesForDockerHub() throws Exception {
        // kubectl create secret docker-registry s --docker-username=u --docker-password=p --dry-run=client
        assertEquals("{\"auths\":{\"https://index.docker.io/v1/\":{\"username\":\"u\",\"password\":\"p\",\"auth\":\"dTpw\"}}}",
                DockerConfig.of("docker.io", creds("u", "p")).toKubernetesJson());
    }

    @Test
    void kubernetesJsonEscapesLikeGo() throws Exception {
        // kubectl create secret docker-registry s --docker-server=h.example.com:5000 --docker-username='robot$ci'
        //   --docker-password='p<a>&s:s$"x y ü密' --dry-run=client -o jsonpath='{.data.\.dockerconfigjson}' | base64 -d
        String expected = "{\"auths\":{\"h.example.com:5000\":{\"username\":\"robot$ci\","
                + "\"password\":\"p\\u003ca\\u003e\\u0026s:s$\\\"x y ü密\","
                + "\"auth\":\"cm9ib3QkY2k6cDxhPiZzOnMkInggeSDDvOWvhg==\"}}}";
        assertEquals(expected, DockerConfig.of("h.example.com:5000", creds("robot$ci", "p<a>&s:s$\"x y ü密")).toKubernetesJson());
    }

    @Test
    void kubernetesJsonEscapesControlCharactersAndBackslash() throws Exception {
        String json = DockerConfig.of("h", creds("u", "a\\b\tc\u0001\u2028")).toKubernetesJson();
        assertTrue(json.contains("\"password\":\"a\\\\b\\tc\\u0001\\u2028\""), json);
        assertEquals("a\\b\tc\u0001\u2028", tree(json).get("auths").get("h").get("password").asText());
    }

    @Test
    void kubernetesJsonHoldsSeveralRegistriesAndParsesBack() throws Exception {
        DockerConfig config = DockerConfig.of(PERSONAL, creds("lgy", "p:1")).with("10.211.55.6:8082", creds("admin", "p 2"));
        String json = config.toKubernetesJson();
        assertFalse(json.contains("\n"));
        assertFalse(json.contains(" \""));
        assertEquals(config, DockerConfig.parse(json, "secret"));
    }

    @Test
    void deletingATemporaryConfigRefusesADirectoryItDidNotMake(@TempDir Path dir) throws Exception {
        Path userFiles = Files.createDirectories(dir.resolve("docker-config-lookalike"));
        Files.writeString(userFiles.resolve("notes.txt"), "mine");
        Path other = Files.createDirectories(dir.resolve("project"));
        Files.writeString(other.resolve("config.json"), "{}");

        assertThrows(java.io.IOException.class, () -> TemporaryDockerConfig.delete(userFiles));
        assertThrows(java.io.IOException.class, () -> TemporaryDockerConfig.delete(other));

        assertTrue(Files.exists(userFiles.resolve("notes.txt")));
        assertTrue(Files.exists(other.resolve("config.json")));
    }
}
