package io.jenkins.plugins.aliyun.registry.engine.auth;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * FACTS.md "docker config.json": {@code auth} is standard base64 of {@code user:password}, padded, no
 * line breaks; docker splits it at the first ':', so a username may not contain one and must not be
 * empty; credentials with {@code $ : "}, spaces and non-ASCII round-trip.
 */
class RegistryCredentialsTest {

    // Expected values computed independently: printf '%s' 'user:pass' | base64 -w0
    @ParameterizedTest(name = "{0}:{1} -> {2}")
    @CsvSource(delimiter = '|', value = {
        "user              | pa:ss                | dXNlcjpwYTpzcw==",
        "a                 | b                    | YTpi",
        "ab                | c                    | YWI6Yw==",
        "abc               | d                    | YWJjOmQ=",
        "robot$name        | s3cr:et              | cm9ib3QkbmFtZTpzM2NyOmV0",
        "ådmin             | пароль密码           | w6VkbWluOtC/0LDRgNC+0LvRjOWvhueggQ==",
        "lgy@example.com   | 'Pa ss\"word$1'      | bGd5QGV4YW1wbGUuY29tOlBhIHNzIndvcmQkMQ==",
    })
    void authIsStandardPaddedBase64OfUserColonPassword(String user, String password, String expected) throws Exception {
        String auth = RegistryCredentials.of(user, password).auth();
        assertEquals(expected, auth);
        assertFalse(auth.contains("\n"));
        assertFalse(auth.contains("\r"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "robot$ci-builder  | Xy$9:zz:\"q\" w",
        "张三              | 密码 with spaces",
        "lgy@example.com   | ÄÖÜ-ß-€-😀",
        "RAM-user@1234567  | ::::",
    })
    void credentialsRoundTripThroughAuth(String user, String password) throws Exception {
        String decoded = new String(Base64.getDecoder().decode(RegistryCredentials.of(user, password).auth()), StandardCharsets.UTF_8);
        int colon = decoded.indexOf(':');
        assertEquals(user, decoded.substring(0, colon));
        assertEquals(password, decoded.substring(colon + 1));
    }

    @Test
    void gettersReturnWhatWasGiven() throws Exception {
        RegistryCredentials c = RegistryCredentials.of("robot$name", "p:w");
        assertEquals("robot$name", c.getUsername());
        assertEquals("p:w", c.getPassword());
    }

    @Test
    void toStringNeverShowsThePassword() throws Exception {
        RegistryCredentials c = RegistryCredentials.of("lgy", "Sup3r-Secret");
        assertEquals("lgy:****", c.toString());
        assertFalse(c.toString().contains("Sup3r-Secret"));
        assertFalse(c.toString().contains(c.auth()));
    }

    @Test
    void emptyUsernameIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RegistryCredentials.of("", "pw"));
        assertTrue(e.getMessage().startsWith("registry username is empty"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> RegistryCredentials.of(null, "pw"));
    }

    @Test
    void usernameWithColonIsRefusedWithoutShowingWhatFollowsIt() {
        // a username field holding "user:password" must not put the password into the message
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RegistryCredentials.of("lgy:Sup3r-Secret", "pw"));
        assertTrue(e.getMessage().contains("contains ':'"), e.getMessage());
        assertTrue(e.getMessage().contains("\"lgy:…\""), e.getMessage());
        assertFalse(e.getMessage().contains("Sup3r-Secret"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {" lgy", "lgy ", "\tlgy", "lgy\n"})
    void usernameWithLeadingOrTrailingSpacesIsRefused(String username) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RegistryCredentials.of(username, "pw"));
        assertTrue(e.getMessage().contains("leading or trailing spaces"), e.getMessage());
    }

    @Test
    void usernameWithALineBreakInsideIsRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RegistryCredentials.of("a\nb", "pw"));
        assertTrue(e.getMessage().contains("line break"), e.getMessage());
    }

    @Test
    void emptyPasswordIsRefusedNamingTheUser() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RegistryCredentials.of("lgy", ""));
        assertTrue(e.getMessage().startsWith("registry password for \"lgy\" is empty"), e.getMessage());
        assertThrows(InvalidInputException.class, () -> RegistryCredentials.of("lgy", null));
    }

    @Test
    void equalityIsUsernameAndPassword() throws Exception {
        assertEquals(RegistryCredentials.of("u", "p"), RegistryCredentials.of("u", "p"));
        assertEquals(RegistryCredentials.of("u", "p").hashCode(), RegistryCredentials.of("u", "p").hashCode());
        assertNotEquals(RegistryCredentials.of("u", "p"), RegistryCredentials.of("u", "q"));
    }
}
