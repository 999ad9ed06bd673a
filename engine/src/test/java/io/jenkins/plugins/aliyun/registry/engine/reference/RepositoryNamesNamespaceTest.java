package io.jenkins.plugins.aliyun.registry.engine.reference;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** A namespace is checked by the repository path grammar, but its messages call it a namespace. */
class RepositoryNamesNamespaceTest {

    @ParameterizedTest
    @ValueSource(strings = {"team", "my-team", "team_1", "a.b", "team/sub"})
    void validNamespacesPass(String namespace) {
        assertDoesNotThrow(() -> RepositoryNames.validateNamespace(namespace));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', quoteCharacter = '\'', value = {
        "''              | namespace name is empty: give one such as \"team\"",
        "Team            | namespace \"Team\" must be lowercase: use \"team\"",
        "my team         | namespace \"my team\" is not valid at \"my team\": use lowercase letters and digits, separated by '.', '_', '__' or '-', and '/' between levels, e.g. \"my-team\"",
        "-team           | namespace \"-team\" is not valid at \"-team\"",
        "team/           | namespace \"team/\" has an empty path component (a leading, trailing or double '/'): write it as \"team\" or \"team/sub\"",
        "/team           | namespace \"/team\" has an empty path component",
    })
    void invalidNamespacesAreCalledNamespaces(String namespace, String expected) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RepositoryNames.validateNamespace(namespace));

        assertTrue(e.getMessage().startsWith(expected), e.getMessage());
        assertFalse(e.getMessage().contains("repository"), e.getMessage());
        assertFalse(e.getMessage().contains("namespace/name"), e.getMessage());
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\nb", "team\u001b[31m"})
    void aNamespaceWithControlCharactersStaysOneLine(String namespace) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> RepositoryNames.validateNamespace(namespace));

        assertFalse(e.getMessage().chars().anyMatch(c -> c < 0x20), e.getMessage());
        assertFalse(e.getMessage().contains("repository"), e.getMessage());
    }
}
