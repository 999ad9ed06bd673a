package io.jenkins.plugins.aliyun.registry.engine.reference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * DESIGN.md "reference": the tag comes from BUILD_NUMBER by default; explicit tags are validated and
 * never changed; template results are sanitised; ACR single-repository mode prefixes every tag with
 * the component (FACTS.md seed convention {@code host/ns/project:backend-v0.0.3.3}).
 */
class TagPolicyTest {

    private static final Map<String, String> BUILD_42 = Map.of("BUILD_NUMBER", "42");

    @Test
    void defaultTagIsTheBuildNumber() throws Exception {
        TagPolicy.ResolvedTags tags = TagPolicy.fromBuildNumber().resolve(BUILD_42);
        assertEquals("42", tags.primary());
        assertEquals(List.of(), tags.additional());
        assertEquals(List.of("42"), tags.all());
    }

    @Test
    void defaultTemplateIsBuildNumber() {
        assertEquals("${BUILD_NUMBER}", TagPolicy.DEFAULT_TEMPLATE);
    }

    @Test
    void missingBuildNumberWithoutTagIsAClearError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> TagPolicy.fromBuildNumber().resolve(Map.of()));
        assertTrue(e.getMessage().startsWith("no tag: the tag comes from the build number by default"), e.getMessage());
    }

    @Test
    void explicitTagWinsOverBuildNumber() throws Exception {
        assertEquals("0.0.1", TagPolicy.builder().tag("0.0.1").build().resolve(BUILD_42).primary());
    }

    @Test
    void explicitTagIsUsedWithoutABuildNumber() throws Exception {
        assertEquals("0.0.1", TagPolicy.builder().tag("0.0.1").build().resolve(Map.of()).primary());
    }

    @Test
    void explicitTagIsValidatedNeverSanitised() {
        TagPolicy policy = TagPolicy.builder().tag("feature/x").build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> policy.resolve(BUILD_42));
        assertTrue(e.getMessage().startsWith("tag \"feature/x\" is not valid"), e.getMessage());
    }

    @Test
    void explicitTagWinsOverTemplate() throws Exception {
        TagPolicy policy = TagPolicy.builder().template("${BUILD_NUMBER}-x").tag("1.0").build();
        assertEquals("1.0", policy.resolve(BUILD_42).primary());
    }

    @Test
    void blankExplicitTagFallsBackToBuildNumber() throws Exception {
        assertEquals("42", TagPolicy.builder().tag("  ").build().resolve(BUILD_42).primary());
    }

    @Test
    void branchTemplateIsSanitisedIntoAValidTag() throws Exception {
        TagPolicy policy = TagPolicy.builder().template("${BRANCH_NAME}-${BUILD_NUMBER}").build();
        String tag = policy.resolve(Map.of("BRANCH_NAME", "feature/x", "BUILD_NUMBER", "42")).primary();
        assertEquals("feature-x-42", tag);
    }

    @Test
    void templateWithLiteralTextKeepsIt() throws Exception {
        TagPolicy policy = TagPolicy.builder().template("v1.${BUILD_NUMBER}").build();
        assertEquals("v1.42", policy.resolve(BUILD_42).primary());
    }

    @Test
    void templateValueWithRegexCharactersIsInsertedLiterally() throws Exception {
        TagPolicy policy = TagPolicy.builder().template("${X}").build();
        assertEquals("a-1", policy.resolve(Map.of("X", "a$1")).primary());
    }

    @Test
    void templateResultLongerThan128IsCut() throws Exception {
        TagPolicy policy = TagPolicy.builder().template("${BRANCH_NAME}").build();
        String tag = policy.resolve(Map.of("BRANCH_NAME", "b".repeat(200))).primary();
        assertEquals(128, tag.length());
    }

    @Test
    void unknownTemplateVariableIsAClearError() {
        TagPolicy policy = TagPolicy.builder().template("${GIT_COMMIT_SHORT}-${BUILD_NUMBER}").build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> policy.resolve(BUILD_42));
        assertEquals("tag template \"${GIT_COMMIT_SHORT}-${BUILD_NUMBER}\" uses ${GIT_COMMIT_SHORT}, which is not set in this build: "
                + "set it, or use a template with variables that are (e.g. \"${BUILD_NUMBER}\")", e.getMessage());
    }

    @Test
    void emptyTemplateVariableCountsAsUnset() {
        TagPolicy policy = TagPolicy.builder().template("${BRANCH_NAME}").build();
        assertThrows(InvalidInputException.class, () -> policy.resolve(Map.of("BRANCH_NAME", "")));
    }

    @Test
    void malformedTemplateVariableIsAnError() {
        TagPolicy policy = TagPolicy.builder().template("${BUILD_NUMBER").build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> policy.resolve(BUILD_42));
        assertTrue(e.getMessage().contains("malformed variable"), e.getMessage());
    }

    @Test
    void templateWithNothingUsableIsAnError() {
        TagPolicy policy = TagPolicy.builder().template("${X}").build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> policy.resolve(Map.of("X", "///")));
        assertTrue(e.getMessage().contains("has no character a tag may contain"), e.getMessage());
    }

    @Test
    void additionalTagsFollowThePrimaryInOrder() throws Exception {
        TagPolicy policy = TagPolicy.builder().additionalTags(List.of("latest", "stable")).build();
        TagPolicy.ResolvedTags tags = policy.resolve(BUILD_42);
        assertEquals("42", tags.primary());
        assertEquals(List.of("latest", "stable"), tags.additional());
        assertEquals(List.of("42", "latest", "stable"), tags.all());
    }

    @Test
    void additionalTagsAreValidatedNotSanitised() {
        TagPolicy policy = TagPolicy.builder().additionalTags(List.of("latest", "release/1")).build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> policy.resolve(BUILD_42));
        assertTrue(e.getMessage().startsWith("tag \"release/1\" is not valid"), e.getMessage());
    }

    @Test
    void nullAndEmptyAdditionalTagsAreIgnored() throws Exception {
        TagPolicy policy = TagPolicy.builder().additionalTags(Arrays.asList(null, "", "latest")).build();
        assertEquals(List.of("latest"), policy.resolve(BUILD_42).additional());
    }

    @Test
    void duplicateTagsAreRemoved() throws Exception {
        TagPolicy policy = TagPolicy.builder().tag("1.0").additionalTags(List.of("latest", "1.0", "latest")).build();
        TagPolicy.ResolvedTags tags = policy.resolve(Map.of());
        assertEquals(List.of("1.0", "latest"), tags.all());
    }

    @Test
    void componentPrefixesTheTag() throws Exception {
        TagPolicy policy = TagPolicy.builder().component("backend").tag("v0.0.3.3").build();
        assertEquals("backend-v0.0.3.3", policy.resolve(Map.of()).primary());
    }

    @Test
    void componentPrefixesTheBuildNumber() throws Exception {
        TagPolicy policy = TagPolicy.builder().component("frontend").build();
        assertEquals("frontend-42", policy.resolve(BUILD_42).primary());
    }

    @Test
    void componentPrefixesAdditionalTagsAsWell() throws Exception {
        TagPolicy policy = TagPolicy.builder().component("backend").tag("v0.0.3.3").additionalTags(List.of("latest")).build();
        assertEquals(List.of("backend-v0.0.3.3", "backend-latest"), policy.resolve(Map.of()).all());
    }

    @Test
    void componentDuplicatesAreRemovedAfterPrefixing() throws Exception {
        TagPolicy policy = TagPolicy.builder().component("api").additionalTags(List.of("42", "latest")).build();
        assertEquals(List.of("api-42", "api-latest"), policy.resolve(BUILD_42).all());
    }

    @Test
    void invalidComponentIsRefusedWithASuggestion() {
        TagPolicy policy = TagPolicy.builder().component("back end").build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> policy.resolve(BUILD_42));
        assertTrue(e.getMessage().startsWith("component \"back end\" is not valid"), e.getMessage());
        assertTrue(e.getMessage().endsWith("e.g. \"back-end\""), e.getMessage());
    }

    @Test
    void componentPlusTagLongerThan128IsRefused() {
        TagPolicy policy = TagPolicy.builder().component("backend").tag("v".repeat(125)).build();
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> policy.resolve(Map.of()));
        assertTrue(e.getMessage().contains("has 133 characters, at most 128 are allowed"), e.getMessage());
    }

    @Test
    void aComponentIsCheckedOnItsOwnAsAFormFieldDoes() throws Exception {
        TagPolicy.validateComponent("backend");
        TagPolicy.validateComponent("b".repeat(126));
        InvalidInputException bad = assertThrows(InvalidInputException.class, () -> TagPolicy.validateComponent("back end"));
        assertTrue(bad.getMessage().startsWith("component \"back end\" is not valid"), bad.getMessage());
        InvalidInputException longOne = assertThrows(InvalidInputException.class, () -> TagPolicy.validateComponent("b".repeat(127)));
        assertEquals("the component has 127 characters, at most 126 are allowed: it prefixes every tag as COMPONENT-TAG, and a tag has"
                + " at most 128 characters; shorten the component", longOne.getMessage());
        InvalidInputException badAndLong = assertThrows(InvalidInputException.class, () -> TagPolicy.validateComponent("a b" + "c".repeat(200)));
        String suggested = badAndLong.getMessage().replaceAll(".*e\\.g\\. \"([^\"]*)\"$", "$1");
        assertEquals("a-b" + "c".repeat(123), suggested);
        TagPolicy.validateComponent(suggested); // the suggestion is itself accepted
        InvalidInputException inPolicy = assertThrows(InvalidInputException.class,
                () -> TagPolicy.builder().component("b".repeat(130)).build().resolve(BUILD_42));
        assertEquals(longOne.getMessage().replace("127", "130"), inPolicy.getMessage(), "a policy checks its component the same way");
    }

    @Test
    void resolvedTagsAreImmutable() throws Exception {
        TagPolicy.ResolvedTags tags = TagPolicy.builder().additionalTags(List.of("latest")).build().resolve(BUILD_42);
        assertThrows(UnsupportedOperationException.class, () -> tags.additional().add("x"));
    }

    @Test
    void aLongDerivedTagIsCutToLeaveRoomForTheComponent() throws InvalidInputException {
        String branch = "feature/" + "x".repeat(200);
        TagPolicy.ResolvedTags tags = TagPolicy.builder().template("${BRANCH_NAME}").component("backend").build()
                .resolve(Map.of("BRANCH_NAME", branch));
        assertEquals(128, tags.primary().length());
        assertTrue(tags.primary().startsWith("backend-feature-xxx"), tags.primary());
    }

    @Test
    void aLongExplicitTagWithAComponentIsRefusedNotCut() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> TagPolicy.builder().tag("v".repeat(125)).component("backend").build().resolve(Map.of()));
        assertTrue(e.getMessage().contains("at most 128 are allowed"), e.getMessage());
    }
}
