package io.jenkins.plugins.aliyun.registry.engine.reference;

import static io.jenkins.plugins.aliyun.registry.engine.testing.InvalidInput.row;

import java.util.Map;
import java.util.stream.Stream;
import io.jenkins.plugins.aliyun.registry.engine.push.ImageSource;
import io.jenkins.plugins.aliyun.registry.engine.push.RegistryAccess;
import io.jenkins.plugins.aliyun.registry.engine.testing.InvalidInput;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN.md "Targets": bad input is rejected before any network call with one clear line that says
 * what is wrong and names the offending part. One row per invalid input: what is called, and a
 * fragment the message must contain.
 */
class InvalidReferenceInputTest {

    private static final String HEX64 = "0123456789abcdef".repeat(4);
    private static final Map<String, String> BUILD_42 = Map.of("BUILD_NUMBER", "42");
    /** A password some rows put into the input: no message may show it. */
    private static final String PASSWORD = "S3cret-pw";
    private static final String LOGIN_IN_REFERENCE = "image reference contains a login before '@' (user:password@host): never put credentials"
            + " into an image reference; give them as registry credentials and write the reference as \"host/namespace/name:tag\"";

    static Stream<Arguments> invalidInputs() {
        return Stream.of(
            row("empty reference", () -> ImageReference.parse(""),
                "image reference is empty: give one such as \"registry.example.com/team/app:1.0\""),
            row("reference with a leading space", () -> ImageReference.parse(" nginx"),
                "image reference \" nginx\" has leading or trailing spaces: remove them"),
            row("reference with a URL scheme", () -> ImageReference.parse("https://host.io/app"),
                "image reference \"https://host.io/app\" contains a URL scheme: write it without \"https://\", e.g. \"host.io/app\""),
            row("short digest", () -> ImageReference.parse("host.io/app@sha256:abc"),
                "digest \"sha256:abc\" in \"host.io/app@sha256:abc\" is not valid: write it as \"sha256:\" followed by 64 hex digits"),
            row("digest without algorithm", () -> ImageReference.parse("host.io/app@" + HEX64),
                "digest \"" + HEX64 + "\" in \"host.io/app@" + HEX64 + "\" is not valid"),
            row("uppercase sha256 digest", () -> ImageReference.parse("host.io/app@sha256:" + HEX64.toUpperCase(java.util.Locale.ROOT)),
                "is not valid: a sha256 digest has exactly 64 lowercase hex digits after \"sha256:\""),
            row("sha256 digest with 63 digits", () -> ImageReference.parse("host.io/app@sha256:" + HEX64.substring(1)),
                "a sha256 digest has exactly 64 lowercase hex digits"),
            row("withDigest of a non-digest", () -> ImageReference.parse("host.io/app").withDigest("latest"),
                "digest \"latest\" in \"latest\" is not valid"),
            row("empty tag after ':'", () -> ImageReference.parse("host.io/app:"),
                "tag is empty: give a tag such as \"1.0.42\", or leave it out to tag from the build number"),
            row("tag starting with '-'", () -> ImageReference.parse("host.io/app:-x"),
                "tag \"-x\" is not valid: a tag may not start with '-', e.g. \"x\""),
            row("tag starting with '.'", () -> ImageReference.parse("host.io/app:.x"),
                "tag \".x\" is not valid: a tag may not start with '.', e.g. \"x\""),
            row("tag of 129 characters", () -> Tags.validate("t".repeat(129)),
                "tag \"" + "t".repeat(129) + "\" is not valid: it has 129 characters, at most 128 are allowed"),
            row("tag with '/'", () -> Tags.validate("feature/x"),
                "tag \"feature/x\" is not valid: a tag may contain only letters, digits, '_', '.' and '-' (max 128), e.g. \"feature-x\""),
            row("tag with a space", () -> ImageReference.parse("host.io/app").withTag("1 0"),
                "tag \"1 0\" is not valid: a tag may contain only letters, digits, '_', '.' and '-' (max 128), e.g. \"1-0\""),
            row("tag with a line break", () -> Tags.validate("1\n0"),
                "tag \"1\\n0\" is not valid"),
            row("no repository before the tag", () -> ImageReference.parse(":1.0"),
                "image reference \":1.0\" has no repository name: write it as \"registry/namespace/name:tag\""),
            row("uppercase Docker Hub name", () -> ImageReference.parse("Nginx"),
                "repository \"library/Nginx\" must be lowercase: use \"library/nginx\""),
            row("uppercase repository", () -> ImageReference.parse("host.io/Team/App:1"),
                "repository \"Team/App\" must be lowercase: use \"team/app\""),
            row("three underscores", () -> ImageReference.parse("host.io/a___b"),
                "repository \"a___b\" is not valid at \"a___b\": use lowercase letters and digits, separated by '.', '_', '__' or '-', and '/' between levels, e.g. \"a__b\""),
            row("leading separator", () -> ImageReference.parse("host.io/team/-app"),
                "repository \"team/-app\" is not valid at \"-app\""),
            row("trailing separator", () -> ImageReference.parse("host.io/app_"),
                "repository \"app_\" is not valid at \"app_\""),
            row("two dots", () -> ImageReference.parse("host.io/a..b"),
                "repository \"a..b\" is not valid at \"a..b\""),
            row("double slash", () -> ImageReference.parse("host.io/team//app"),
                "repository \"team//app\" has an empty path component (a leading, trailing or double '/')"),
            row("trailing slash", () -> ImageReference.parse("host.io/team/app/"),
                "repository \"team/app/\" has an empty path component"),
            row("empty repository", () -> RepositoryNames.validate("", ""),
                "repository name is empty: give one such as \"team/app\""),
            row("name of 256 characters", () -> ImageReference.parse("host.io/" + "n".repeat(248)),
                "image name \"host.io/" + "n".repeat(248) + "\" is 256 characters long: registry and repository together may have at most 255"),
            row("port 0", () -> ImageReference.parse("host.io:0/app"),
                "registry \"host.io:0\" has port \"0\": a port is a number from 1 to 65535, e.g. \"nexus.example.com:8082\""),
            row("port above 65535", () -> ImageReference.parse("host.io:99999/app"),
                "registry \"host.io:99999\" has port \"99999\""),
            row("port that is not a number", () -> ImageReference.of("host.io:http", "app", null),
                "registry \"host.io:http\" has port \"http\""),
            row("port without host", () -> ImageReference.parse(":5000/app"),
                "registry \":5000\" has no host name before the port: write it as \"host:port\""),
            row("empty host component", () -> ImageReference.parse("host..io/app"),
                "registry host \"host..io\" is not a valid host name (it has an empty part between dots)"),
            row("host component starting with '-'", () -> ImageReference.parse("-host.io/app"),
                "registry host \"-host.io\" is not a valid host name (part \"-host\")"),
            row("unclosed IPv6 bracket", () -> ImageReference.parse("[::1/app"),
                "registry \"[::1\" is not a valid IPv6 address in brackets, e.g. \"[::1]:5000\""),
            row("not an IPv6 address", () -> ImageReference.parse("[zz::1]/app"),
                "registry \"[zz::1]\" is not a valid IPv6 address in brackets"),
            row("text after the IPv6 bracket", () -> ImageReference.parse("[::1]x/app"),
                "registry \"[::1]x\" is not valid: write it as \"[address]:port\""),
            row("unknown template variable", () -> TagPolicy.builder().template("${GIT_BRANCH}").build().resolve(BUILD_42),
                "tag template \"${GIT_BRANCH}\" uses ${GIT_BRANCH}, which is not set in this build"),
            row("malformed template variable", () -> TagPolicy.builder().template("v${BUILD_NUMBER").build().resolve(BUILD_42),
                "tag template \"v${BUILD_NUMBER\" has a malformed variable: write variables as ${NAME}"),
            row("template with no usable character", () -> TagPolicy.builder().template("${B}").build().resolve(Map.of("B", "//")),
                "tag template \"${B}\" gives \"//\", which has no character a tag may contain"),
            row("no build number and no tag", () -> TagPolicy.fromBuildNumber().resolve(Map.of()),
                "no tag: the tag comes from the build number by default, and there is none here"),
            row("component starting with '-'", () -> TagPolicy.builder().component("-backend").build().resolve(BUILD_42),
                "component \"-backend\" is not valid: it prefixes the tag, so it may contain only letters, digits, '_', '.' and '-' and may not start with '.' or '-', e.g. \"backend\""),
            row("component with '/'", () -> TagPolicy.builder().component("svc/api").build().resolve(BUILD_42),
                "component \"svc/api\" is not valid"),
            row("component plus tag too long", () -> TagPolicy.builder().component("backend").tag("v".repeat(128)).build().resolve(BUILD_42),
                "(component \"backend\" + tag) has 136 characters, at most 128 are allowed: shorten the component or the tag"),
            row("additional tag invalid", () -> TagPolicy.builder().additionalTags(java.util.List.of(".hidden")).build().resolve(BUILD_42),
                "tag \".hidden\" is not valid: a tag may not start with '.'"),
            row("reference with a line break", () -> ImageReference.parse("host.io/app\n:1"),
                "is not valid"),
            row("login before the host", () -> ImageReference.parse("alice:" + PASSWORD + "@registry.example.com"),
                LOGIN_IN_REFERENCE),
            row("login before host:port", () -> ImageReference.parse("alice:" + PASSWORD + "@registry.example.com:5000"),
                LOGIN_IN_REFERENCE),
            row("login before an IP address", () -> ImageReference.parse("alice:" + PASSWORD + "@10.0.0.5"),
                LOGIN_IN_REFERENCE),
            row("login before an IPv6 address", () -> ImageReference.parse("alice:" + PASSWORD + "@[::1]:5000"),
                LOGIN_IN_REFERENCE),
            row("login before host/path", () -> ImageReference.parse("alice:" + PASSWORD + "@registry.example.com/team/app:1"),
                LOGIN_IN_REFERENCE),
            row("login with an e-mail user", () -> ImageReference.parse("dev@example.com:" + PASSWORD + "@registry.example.com"),
                LOGIN_IN_REFERENCE),
            row("login whose password holds '@'", () -> ImageReference.parse("alice:x@" + PASSWORD + "@registry.example.com"),
                LOGIN_IN_REFERENCE),
            row("login whose password holds '/'", () -> ImageReference.parse("alice:" + PASSWORD + "/x@registry.example.com"),
                LOGIN_IN_REFERENCE),
            row("login with nothing after '@'", () -> ImageReference.parse("alice:" + PASSWORD + "@"),
                LOGIN_IN_REFERENCE),
            row("login with a leading space", () -> ImageReference.parse(" alice:" + PASSWORD + "@registry.example.com"),
                LOGIN_IN_REFERENCE),
            row("login with a trailing space", () -> ImageReference.parse("alice:" + PASSWORD + "@registry.example.com "),
                LOGIN_IN_REFERENCE),
            row("login in a URL", () -> ImageReference.parse("https://alice:" + PASSWORD + "@registry.example.com/app"),
                LOGIN_IN_REFERENCE),
            row("login in the registry of of()", () -> ImageReference.of("alice:" + PASSWORD + "@registry.example.com", "app", "1"),
                LOGIN_IN_REFERENCE),
            row("token alone before the host", () -> ImageReference.parse("ghp_" + PASSWORD + "@ghcr.io"),
                LOGIN_IN_REFERENCE),
            row("token alone before host:port", () -> ImageReference.parse(PASSWORD + "@registry.example.com:5000"),
                LOGIN_IN_REFERENCE),
            row("token alone before host:port/path", () -> ImageReference.parse(PASSWORD + "@registry.example.com:5000/x"),
                LOGIN_IN_REFERENCE),
            row("token alone before an IP address", () -> ImageReference.parse(PASSWORD + "@10.0.0.5"),
                LOGIN_IN_REFERENCE),
            row("token alone with nothing after '@'", () -> ImageReference.parse(PASSWORD + "@"),
                LOGIN_IN_REFERENCE),
            row("token alone with a trailing space", () -> ImageReference.parse(PASSWORD + "@ghcr.io "),
                LOGIN_IN_REFERENCE),
            row("docker:// source with a token alone", () -> ImageSource.parse("docker://" + PASSWORD + "@ghcr.io", RegistryAccess.anonymous()),
                LOGIN_IN_REFERENCE),
            row("source without transport holding a token alone", () -> ImageSource.parse(PASSWORD + "@ghcr.io", RegistryAccess.anonymous()),
                "image source contains a login before '@'"),
            row("bad digest after something with ':'", () -> ImageReference.parse("alice:" + PASSWORD + "@sha256:abc"),
                "digest \"sha256:abc\" is not valid: write it as \"sha256:\" followed by 64 hex digits"),
            row("short digest after a tag", () -> ImageReference.parse("host.io:5000/app:1.0@sha256:abc"),
                "digest \"sha256:abc\" is not valid: write it as \"sha256:\" followed by 64 hex digits"),
            row("docker:// source with a login", () -> ImageSource.parse("docker://alice:" + PASSWORD + "@registry.example.com", RegistryAccess.anonymous()),
                LOGIN_IN_REFERENCE),
            row("source without transport holding a login", () -> ImageSource.parse("alice:" + PASSWORD + "@registry.example.com/app:1", RegistryAccess.anonymous()),
                "image source contains a login before '@' (user:password@host): never put credentials into an image source;"
                    + " give them as registry credentials and write the source as docker://host/namespace/name:tag"),
            row("source with a URL holding a login", () -> ImageSource.parse("https://alice:" + PASSWORD + "@registry.example.com/app", RegistryAccess.anonymous()),
                "image source contains a login before '@'"),
            row("daemon source holding a login", () -> ImageSource.parse("docker-daemon:alice:" + PASSWORD + "@registry.example.com", RegistryAccess.anonymous()),
                "image source contains a login before '@'")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInputs")
    void invalidInputIsRefusedWithAOneLineMessageNamingThePart(String what, Executable call, String expected) {
        InvalidInput.assertRefusedInOneLineWithout(what, call, expected, PASSWORD);
    }
}
