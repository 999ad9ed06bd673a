package io.jenkins.plugins.aliyun.registry.engine.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FACTS.md "Image references": {@code [host[:port]/]path[:tag][@digest]}, parsed as the distribution
 * reference grammar does (docker, skopeo and jib agree).
 */
class ImageReferenceTest {

    private static final String SHA = "sha256:" + "0123456789abcdef".repeat(4);

    private static ImageReference parse(String text) throws InvalidInputException {
        return ImageReference.parse(text);
    }

    // --- host detection ------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        // one component: Docker Hub official image
        "nginx,                                   docker.io/library/nginx:latest",
        // first component without '.', ':' and not localhost: Docker Hub user namespace
        "team/app,                                docker.io/team/app:latest",
        "team/sub/app:1.0,                        docker.io/team/sub/app:1.0",
        // '.' makes it a host
        "registry.example.com/app,                registry.example.com/app:latest",
        // ':' (a port) makes it a host
        "nexus:8082/app,                          nexus:8082/app:latest",
        "10.211.55.6:8082/jenkins-test:42,        10.211.55.6:8082/jenkins-test:42",
        // localhost is a host, with or without port
        "localhost/app,                           localhost/app:latest",
        "localhost:5000/team/app:7,               localhost:5000/team/app:7",
        // a bare 'localhost' is a Docker Hub repository name
        "localhost,                               docker.io/library/localhost:latest",
        // 'host:5000' alone is Docker Hub repository 'host' with tag '5000'
        "host:5000,                               docker.io/library/host:5000",
    })
    void firstComponentIsAHostOnlyWithDotColonOrLocalhost(String text, String expected) throws Exception {
        assertEquals(expected, parse(text).toString());
    }

    @Test
    void uppercaseFirstComponentIsAHostNotADockerHubNamespace() throws Exception {
        ImageReference ref = parse("MyHost/app");
        assertFalse(ref.isDockerHub());
        // hosts are case-insensitive; the engine writes them lowercase
        assertEquals("myhost", ref.getRegistry());
        assertEquals("app", ref.getRepository());
    }

    @Test
    void dockerHubOneComponentNameGetsLibraryPrefix() throws Exception {
        ImageReference ref = parse("busybox:1.36");
        assertEquals("docker.io", ref.getRegistry());
        assertEquals("library/busybox", ref.getRepository());
        assertEquals(Optional.of("1.36"), ref.getTag());
        assertTrue(ref.isDockerHub());
        assertEquals("docker.io/library/busybox", ref.getName());
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com", "Docker.IO"})
    void dockerHubAliasesNormaliseToDockerIo(String alias) throws Exception {
        assertEquals("docker.io/library/nginx:latest", parse(alias + "/nginx").toString());
        assertEquals("docker.io/someone/app:1", parse(alias + "/someone/app:1").toString());
    }

    @Test
    void dockerHubAliasWithAPortIsNotDockerHub() throws Exception {
        ImageReference ref = parse("docker.io:443/someone/app");
        assertFalse(ref.isDockerHub());
        assertEquals("docker.io:443", ref.getRegistry());
    }

    @Test
    void referenceWithoutTagOrDigestGetsLatest() throws Exception {
        assertEquals(Optional.of(ImageReference.DEFAULT_TAG), parse("registry.example.com/team/app").getTag());
        assertEquals("latest", ImageReference.DEFAULT_TAG);
    }

    // --- tags and digests ----------------------------------------------------------------------

    @Test
    void digestOnlyReferenceHasNoTag() throws Exception {
        ImageReference ref = parse("registry.example.com/app@" + SHA);
        assertEquals(Optional.empty(), ref.getTag());
        assertEquals(Optional.of(SHA), ref.getDigest());
        assertEquals(SHA, ref.getTagOrDigest());
        assertEquals("registry.example.com/app@" + SHA, ref.toString());
    }

    @Test
    void tagAndDigestAreBothKept() throws Exception {
        ImageReference ref = parse("registry.example.com:5000/team/app:1.0@" + SHA);
        assertEquals("registry.example.com:5000", ref.getRegistry());
        assertEquals("team/app", ref.getRepository());
        assertEquals(Optional.of("1.0"), ref.getTag());
        assertEquals(Optional.of(SHA), ref.getDigest());
        assertEquals("1.0", ref.getTagOrDigest());
        assertEquals("registry.example.com:5000/team/app:1.0@" + SHA, ref.toString());
    }

    @Test
    void dockerHubDigestReferenceGetsLibraryPrefix() throws Exception {
        assertEquals("docker.io/library/nginx@" + SHA, parse("nginx@" + SHA).toString());
    }

    @Test
    void tagOf128CharactersIsAccepted() throws Exception {
        String tag = "a" + "1".repeat(127);
        assertEquals(Optional.of(tag), parse("host.io/app:" + tag).getTag());
    }

    @Test
    void tagOf129CharactersIsRefusedWithItsLength() {
        String tag = "a" + "1".repeat(128);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse("host.io/app:" + tag));
        assertTrue(e.getMessage().contains("it has 129 characters, at most 128 are allowed"), e.getMessage());
    }

    @Test
    void digestIsNotMistakenForAPort() throws Exception {
        // the ':' inside the digest must not be read as a tag or port separator
        ImageReference ref = parse("localhost:5000/app@" + SHA);
        assertEquals("localhost:5000", ref.getRegistry());
        assertEquals("app", ref.getRepository());
    }

    // --- ports and IPv6 ------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "host.io:1/app,          host.io:1",
        "host.io:65535/app,      host.io:65535",
        "[::1]/app,              [::1]",
        "[::1]:5000/app:1.0,     [::1]:5000",
        "[2001:DB8::1]:443/a/b,  [2001:db8::1]:443",
    })
    void portsAndBracketedIpv6AddressesAreRegistries(String text, String registry) throws Exception {
        assertEquals(registry, parse(text).getRegistry());
    }

    @Test
    void ipv6ReferenceKeepsTagAfterBracketedPort() throws Exception {
        ImageReference ref = parse("[fe80::1]:5000/team/app:v2");
        assertEquals("[fe80::1]:5000", ref.getRegistry());
        assertEquals("team/app", ref.getRepository());
        assertEquals(Optional.of("v2"), ref.getTag());
    }

    // --- name length and repository grammar ----------------------------------------------------

    @Test
    void nameOf255CharactersIsAccepted() throws Exception {
        String path = "a".repeat(255 - "host.io/".length());
        assertEquals(255, parse("host.io/" + path).getName().length());
    }

    @Test
    void nameOf256CharactersIsRefusedWithItsLength() {
        String path = "a".repeat(256 - "host.io/".length());
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse("host.io/" + path + ":1"));
        assertTrue(e.getMessage().contains("is 256 characters long"), e.getMessage());
        assertTrue(e.getMessage().contains("at most 255"), e.getMessage());
    }

    @Test
    void nameLengthCountsTheNormalisedDockerHubName() {
        // docker.io/library/ is part of the name the grammar limits
        String path = "a".repeat(255 - "docker.io/library/".length() + 1);
        assertThrows(InvalidInputException.class, () -> parse(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a.b", "a_b", "a__b", "a-b", "a--b", "a---b", "a1.b2_c3__d4-e5", "0", "ns/a.b/c-d"})
    void separatorsDotUnderscoreDoubleUnderscoreAndDashRunsAreAllowed(String path) throws Exception {
        assertEquals(path, parse("host.io/" + path).getRepository());
        assertTrue(RepositoryNames.isValid(path));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a___b", "a..b", "a._b", "a-.b", "-a", "a-", "_a", "a_", ".a", "a.", "ns//a", "ns/", "/a", "A", "a b"})
    void invalidSeparatorsAndEmptyComponentsAreRefused(String path) {
        assertFalse(RepositoryNames.isValid(path));
        assertThrows(InvalidInputException.class, () -> RepositoryNames.validate(path, path));
    }

    @Test
    void uppercaseRepositoryIsRefusedWithTheLowercaseForm() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse("host.io/Team/App:1"));
        assertEquals("repository \"Team/App\" must be lowercase: use \"team/app\"", e.getMessage());
    }

    // --- factories and withers -----------------------------------------------------------------

    @Test
    void ofBuildsANormalisedReference() throws Exception {
        assertEquals("docker.io/library/nginx:1", ImageReference.of("index.docker.io", "nginx", "1").toString());
        assertEquals("docker.io/library/nginx:latest", ImageReference.of(null, "nginx", null).toString());
        assertEquals("nexus.example.com:8082/team/app:latest", ImageReference.of("NEXUS.example.com:8082", "team/app", null).toString());
    }

    @Test
    void withTagReplacesTagAndDropsDigest() throws Exception {
        ImageReference ref = parse("host.io/app:1@" + SHA).withTag("2");
        assertEquals("host.io/app:2", ref.toString());
        assertEquals(Optional.empty(), ref.getDigest());
    }

    @Test
    void withDigestKeepsTheTag() throws Exception {
        assertEquals("host.io/app:1@" + SHA, parse("host.io/app:1").withDigest(SHA).toString());
    }

    @Test
    void withRepositoryKeepsRegistryAndTag() throws Exception {
        assertEquals("host.io/other/app:1", parse("host.io/app:1").withRepository("other/app").toString());
    }

    @Test
    void equalReferencesHaveTheSameNormalisedForm() throws Exception {
        assertEquals(parse("nginx"), parse("docker.io/library/nginx:latest"));
        assertEquals(parse("nginx").hashCode(), parse("index.docker.io/library/nginx:latest").hashCode());
        assertFalse(parse("nginx:1").equals(parse("nginx:2")));
    }

    @Test
    void sha256DigestNeeds64LowercaseHexDigits() {
        assertTrue(Digests.isSha256(SHA));
        assertFalse(Digests.isSha256(SHA.toUpperCase(java.util.Locale.ROOT)));
        assertFalse(Digests.isSha256(SHA.substring(0, SHA.length() - 1)));
        assertFalse(Digests.isSha256(null));
    }

    @Test
    void otherDigestAlgorithmsFollowTheGenericGrammar() throws Exception {
        String sha512 = "sha512:" + "ab".repeat(64);
        assertEquals(Optional.of(sha512), parse("host.io/app@" + sha512).getDigest());
    }

    @ParameterizedTest(name = "{0}")
    @ValueSource(strings = {"user:s3cr3tpw@registry.example.com/team/app:1", "https://user:s3cr3tpw@registry.example.com/team/app",
        "ghp_s3cr3tpw@ghcr.io", "s3cr3tpw@registry.example.com:5000", "s3cr3tpw@registry.example.com:5000/x"})
    void aLoginPastedIntoAReferenceIsRefusedWithoutEchoingIt(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageReference.parse(text));
        assertTrue(e.getMessage().contains("never put credentials into an image reference"), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3tpw"), e.getMessage());
    }
}
