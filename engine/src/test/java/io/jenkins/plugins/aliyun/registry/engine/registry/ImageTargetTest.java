package io.jenkins.plugins.aliyun.registry.engine.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/**
 * The seed scenarios' image names (FACTS.md seed convention: {@code --registry host/namespace}
 * carries the namespace; ACR components share one repository and differ by tag).
 */
class ImageTargetTest {

    private static final String PERSONAL = "crpi-v2gqz8jq7d3bxn9e.cn-hangzhou.personal.cr.aliyuncs.com";
    private static final String ENTERPRISE = "myteam-registry.cn-shanghai.cr.aliyuncs.com";

    private static List<String> references(ResolvedImage image) {
        return image.references().stream().map(Object::toString).toList();
    }

    @Test
    void personalInstanceWithNamespaceInRegistryIsTaggedWithTheBuildNumber() throws Exception {
        ResolvedImage image = ImageTarget.builder()
                .registry(PERSONAL + "/lgy-images")
                .repository("lgy-test-repository")
                .buildNumber("42")
                .resolve();
        assertEquals(PERSONAL + "/lgy-images/lgy-test-repository:42", image.reference().toString());
        assertEquals(PERSONAL + "/lgy-images/lgy-test-repository", image.imageName());
        assertEquals("lgy-images/lgy-test-repository", image.repository());
        assertEquals(Optional.of("lgy-images"), image.namespace());
        assertEquals(RegistryKind.ACR_PERSONAL, image.endpoint().getKind());
        assertEquals(Optional.of("cn-hangzhou"), image.endpoint().getRegion());
        assertEquals("42", image.tags().primary());
        assertEquals(List.of(), image.warnings());
    }

    @Test
    void namespaceMayBeGivenOnItsOwn() throws Exception {
        ResolvedImage image = ImageTarget.builder()
                .registry(PERSONAL)
                .namespace("lgy-images")
                .repository("lgy-test-repository")
                .buildNumber("42")
                .resolve();
        assertEquals(PERSONAL + "/lgy-images/lgy-test-repository:42", image.reference().toString());
        assertEquals(Optional.of("lgy-images"), image.namespace());
    }

    @Test
    void sameNamespaceInRegistryAndOnItsOwnIsAccepted() throws Exception {
        ResolvedImage image = ImageTarget.builder()
                .registry(PERSONAL + "/lgy-images").namespace("lgy-images").repository("app").buildNumber("1").resolve();
        assertEquals(PERSONAL + "/lgy-images/app:1", image.reference().toString());
    }

    @Test
    void nexusGenericRegistryTakesASingleLevelRepositoryTaggedFromTheBuildNumber() throws Exception {
        ResolvedImage image = ImageTarget.builder()
                .registry("10.211.55.6:8082")
                .repository("jenkins-test")
                .buildNumber("7")
                .resolve();
        assertEquals("10.211.55.6:8082/jenkins-test:7", image.reference().toString());
        assertEquals(RegistryKind.GENERIC, image.endpoint().getKind());
        assertEquals(Optional.empty(), image.namespace());
        assertEquals("jenkins-test", image.repository());
    }

    @Test
    void explicitTagIsUsedAsGiven() throws Exception {
        ResolvedImage image = ImageTarget.builder()
                .registry("my.registry.io")
                .repository("serve_hostname")
                .tag("0.0.1")
                .buildNumber("42")
                .resolve();
        assertEquals("my.registry.io/serve_hostname:0.0.1", image.reference().toString());
        assertEquals(List.of("my.registry.io/serve_hostname:0.0.1"), references(image));
    }

    @Test
    void componentSharesOneRepositoryAndPrefixesTheTag() throws Exception {
        ResolvedImage image = ImageTarget.builder()
                .registry("host.example.com/ai-infra-matrix")
                .repository("ai-infra-matrix")
                .component("backend")
                .tag("v0.0.3.3")
                .additionalTags(List.of("latest"))
                .resolve();
        assertEquals("host.example.com/ai-infra-matrix/ai-infra-matrix:backend-v0.0.3.3", image.reference().toString());
        assertEquals(List.of("host.example.com/ai-infra-matrix/ai-infra-matrix:backend-v0.0.3.3",
                "host.example.com/ai-infra-matrix/ai-infra-matrix:backend-latest"), references(image));
        assertEquals(Optional.of("ai-infra-matrix"), image.namespace());
    }

    @Test
    void componentModeOnAcrPersonal() throws Exception {
        ResolvedImage image = ImageTarget.builder()
                .registry(PERSONAL + "/ai-infra-matrix").repository("ai-infra-matrix")
                .component("frontend").tag("v0.0.3.3").resolve();
        assertEquals(PERSONAL + "/ai-infra-matrix/ai-infra-matrix:frontend-v0.0.3.3", image.reference().toString());
    }

    @Test
    void branchTemplateGivesASanitisedTag() throws Exception {
        ResolvedImage image = ImageTarget.builder()
                .registry("harbor.example.com/team").repository("app")
                .tagTemplate("${BRANCH_NAME}-${BUILD_NUMBER}")
                .variables(Map.of("BRANCH_NAME", "feature/x"))
                .buildNumber("42")
                .resolve();
        assertEquals("harbor.example.com/team/app:feature-x-42", image.reference().toString());
    }

    @Test
    void namespaceGivenTwiceDifferentlyIsAnError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageTarget.builder()
                .registry(PERSONAL + "/lgy-images").namespace("other").repository("app").buildNumber("1").resolve());
        assertEquals("namespace is given twice, \"lgy-images\" in the registry and \"other\" on its own: keep one of them", e.getMessage());
    }

    @Test
    void repositoryAlreadyStartingWithTheNamespaceIsAnError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageTarget.builder()
                .registry(PERSONAL + "/lgy-images").repository("lgy-images/app").buildNumber("1").resolve());
        assertEquals("repository \"lgy-images/app\" already starts with the namespace \"lgy-images\": give the repository without it (\"app\")",
                e.getMessage());
    }

    @Test
    void vpcSwitchThroughTheBuilder() throws Exception {
        ResolvedImage image = ImageTarget.builder()
                .registry(PERSONAL + "/lgy-images").repository("app").vpc(true).buildNumber("42").resolve();
        assertEquals("crpi-v2gqz8jq7d3bxn9e-vpc.cn-hangzhou.personal.cr.aliyuncs.com/lgy-images/app:42", image.reference().toString());
        assertTrue(image.endpoint().isVpc());
    }

    @Test
    void vpcSwitchThroughTheBuilderOnAGenericRegistryIsAnError() {
        assertThrows(InvalidInputException.class, () -> ImageTarget.builder()
                .registry("10.211.55.6:8082").repository("app").vpc(true).buildNumber("1").resolve());
    }

    @Test
    void personalInstanceWithNamespaceRejectsMultiLevelRepository() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageTarget.builder()
                .registry(PERSONAL + "/ns").repository("a/b").buildNumber("1").resolve());
        assertTrue(e.getMessage().contains("has 3 levels"), e.getMessage());
    }

    @Test
    void acrWithoutNamespaceIsAnError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ImageTarget.builder()
                .registry(PERSONAL).repository("app").buildNumber("1").resolve());
        assertTrue(e.getMessage().startsWith("repository \"app\" has no namespace"), e.getMessage());
    }

    @Test
    void namespaceInTheRepositoryIsTheFirstLevel() throws Exception {
        ResolvedImage image = ImageTarget.builder().registry(ENTERPRISE).repository("team/a/b").buildNumber("1").resolve();
        assertEquals(ENTERPRISE + "/team/a/b:1", image.reference().toString());
        assertEquals(Optional.of("team"), image.namespace());
    }

    @Test
    void legacyRegistryWarningReachesTheResolvedImage() throws Exception {
        ResolvedImage image = ImageTarget.builder()
                .registry("registry.cn-hangzhou.aliyuncs.com/ns").repository("app").vpc(true).buildNumber("1").resolve();
        assertEquals("registry-vpc.cn-hangzhou.aliyuncs.com/ns/app:1", image.reference().toString());
        assertEquals(1, image.warnings().size());
        assertTrue(image.warnings().get(0).contains("denied: requested access to the resource is denied"));
    }

    @Test
    void dockerHubNeedsTheAccountAsNamespace() throws Exception {
        ResolvedImage image = ImageTarget.builder().registry("index.docker.io/someone").repository("app").tag("1").resolve();
        assertEquals("docker.io/someone/app:1", image.reference().toString());
        assertThrows(InvalidInputException.class,
                () -> ImageTarget.builder().registry("docker.io").repository("app").tag("1").resolve());
    }

    @Test
    void repositoryIsTrimmed() throws Exception {
        ResolvedImage image = ImageTarget.builder().registry("my.registry.io").repository(" app ").tag("1").resolve();
        assertEquals("my.registry.io/app:1", image.reference().toString());
    }

    @Test
    void variablesWithNullValuesAreIgnored() throws Exception {
        Map<String, String> env = new java.util.HashMap<>();
        env.put("BRANCH_NAME", null);
        env.put("BUILD_NUMBER", "5");
        ResolvedImage image = ImageTarget.builder().registry("my.registry.io").repository("app").variables(env).resolve();
        assertEquals("my.registry.io/app:5", image.reference().toString());
    }
}
