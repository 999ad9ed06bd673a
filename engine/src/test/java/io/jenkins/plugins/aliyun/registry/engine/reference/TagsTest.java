package io.jenkins.plugins.aliyun.registry.engine.reference;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** FACTS.md "Image references": a tag is {@code [A-Za-z0-9_][A-Za-z0-9_.-]{0,127}}. */
class TagsTest {

    @ParameterizedTest
    @ValueSource(strings = {"42", "1.0.42", "latest", "_x", "V1", "backend-v0.0.3.3", "a_b.c-d", "9"})
    void validTagsAreAccepted(String tag) {
        assertTrue(Tags.isValid(tag));
        assertDoesNotThrow(() -> Tags.validate(tag));
    }

    @ParameterizedTest
    @ValueSource(strings = {"-x", ".x", "feature/x", "a b", "a:b", "a@b", "ü"})
    void invalidTagsAreRefused(String tag) {
        assertFalse(Tags.isValid(tag));
        assertThrows(InvalidInputException.class, () -> Tags.validate(tag));
    }

    @Test
    void tagOf128CharactersIsValidAnd129IsNot() {
        assertTrue(Tags.isValid("x".repeat(128)));
        assertFalse(Tags.isValid("x".repeat(129)));
        assertEquals(128, Tags.MAX_LENGTH);
    }

    @Test
    void nullAndEmptyAreNotValidTags() {
        assertFalse(Tags.isValid(null));
        assertFalse(Tags.isValid(""));
    }

    @Test
    void invalidTagMessageSuggestsAValidTag() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Tags.validate("feature/x"));
        assertEquals("tag \"feature/x\" is not valid: a tag may contain only letters, digits, '_', '.' and '-' (max 128), e.g. \"feature-x\"",
                e.getMessage());
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "feature/x,        feature-x",
        "feature//x,       feature-x",
        "-x,               x",
        ".hidden,          hidden",
        "'release 1.0 ',   release-1.0",
        "ä-umlaut,         umlaut",
        "x/,               x",
        "_keep,            _keep",
    })
    void sanitiseTurnsDerivedValuesIntoValidTags(String value, String expected) {
        String tag = Tags.sanitiseOrNull(value);
        assertEquals(expected, tag);
        assertTrue(Tags.isValid(tag));
    }

    @Test
    void sanitiseCutsTo128Characters() {
        String tag = Tags.sanitiseOrNull("b".repeat(300));
        assertEquals(128, tag.length());
        assertTrue(Tags.isValid(tag));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "/", "---", "..", "///"})
    void sanitiseGivesNullWhenNothingValidIsLeft(String value) {
        assertNull(Tags.sanitiseOrNull(value));
    }

    @Test
    void sanitiseOfNullIsNull() {
        assertNull(Tags.sanitiseOrNull(null));
    }

    @Test
    void aFormsListOfTagsIsSplitOnCommasAndWhiteSpaceAsTyped() {
        assertEquals(List.of("latest", "stable", "v1.2", "feature/x"), Tags.splitList(" latest, stable\tv1.2,,\nfeature/x ,"));
        assertEquals(List.of(), Tags.splitList(" , "));
        assertEquals(List.of(), Tags.splitList(""));
        assertEquals(List.of(), Tags.splitList(null));
        assertEquals(List.of("${BRANCH_NAME}"), Tags.splitList("${BRANCH_NAME}"));
    }
}
