package io.jenkins.plugins.aliyun.registry.engine.auth;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static io.jenkins.plugins.aliyun.registry.engine.testing.InvalidInput.row;

import java.util.stream.Stream;
import io.jenkins.plugins.aliyun.registry.engine.testing.InvalidInput;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN.md "Targets": secrets are never in exception messages; bad input gives one clear line. One
 * row per invalid credential or config file: what is called, a fragment the message must contain, and
 * the secret it must not contain.
 */
class InvalidCredentialsInputTest {

    private static final String SECRET = "S3cret-pw";
    private static final String SOURCE = "/home/jenkins/.docker/config.json";

    static Stream<Arguments> invalidInputs() {
        return Stream.of(
            row("empty username", () -> RegistryCredentials.of("", SECRET),
                "registry username is empty: use the registry account name"),
            row("null username", () -> RegistryCredentials.of(null, SECRET),
                "registry username is empty"),
            row("username and password joined", () -> RegistryCredentials.of("lgy:" + SECRET, SECRET),
                "registry username \"lgy:…\" contains ':': docker splits the login at the first ':'"),
            row("username with a leading space", () -> RegistryCredentials.of(" lgy", SECRET),
                "registry username has leading or trailing spaces: remove them"),
            row("username with a trailing newline", () -> RegistryCredentials.of("lgy\n", SECRET),
                "registry username has leading or trailing spaces"),
            row("username with a line break inside", () -> RegistryCredentials.of("lgy\nroot", SECRET),
                "registry username contains a line break: give the account name on one line"),
            row("empty password", () -> RegistryCredentials.of("lgy", ""),
                "registry password for \"lgy\" is empty: give the registry password (for ACR the one set under Access Credentials, not the console login password)"),
            row("null password", () -> RegistryCredentials.of("lgy", null),
                "registry password for \"lgy\" is empty"),
            row("config that is not JSON", () -> DockerConfig.parse("{\"auths\": {\"h\": {\"auth\": \"" + SECRET, SOURCE),
                "docker config " + SOURCE + " is not valid JSON (line 1): fix or remove the file"),
            row("config that is a JSON array", () -> DockerConfig.parse("[]", SOURCE),
                "docker config " + SOURCE + " is not a JSON object: it should look like {\"auths\":{...}}"),
            row("empty config file", () -> DockerConfig.parse("", SOURCE),
                "docker config " + SOURCE + " is not a JSON object"),
            row("auths that is not an object", () -> DockerConfig.parse("{\"auths\":[\"" + SECRET + "\"]}", SOURCE),
                "docker config " + SOURCE + ": \"auths\" is not an object"),
            row("entry that is not an object", () -> DockerConfig.parse("{\"auths\":{\"h.example.com\":\"" + SECRET + "\"}}", SOURCE),
                "docker config " + SOURCE + ": the entry for \"h.example.com\" is not an object"),
            row("auth that is not base64", () -> DockerConfig.parse("{\"auths\":{\"h.example.com\":{\"auth\":\"lgy:" + SECRET + "\"}}}", SOURCE),
                "docker config " + SOURCE + ": the \"auth\" of \"h.example.com\" is not base64: write it as base64 of \"username:password\""),
            row("auth without ':'", () -> DockerConfig.parse("{\"auths\":{\"h.example.com\":{\"auth\":\"dXNlcnNlY3JldA==\"}}}", SOURCE),
                "the \"auth\" of \"h.example.com\" does not decode to \"username:password\""),
            row("auth with an empty username", () -> DockerConfig.parse("{\"auths\":{\"h.example.com\":{\"auth\":\"OlMzY3JldC1wdw==\"}}}", SOURCE),
                "the \"auth\" of \"h.example.com\" does not decode to \"username:password\"")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInputs")
    void invalidInputIsRefusedWithAOneLineMessageWithoutTheSecret(String what, Executable call, String expected) {
        String message = InvalidInput.assertRefusedInOneLine(what, call, expected);
        assertFalse(message.contains(SECRET), () -> "shows the password: " + message);
    }
}
