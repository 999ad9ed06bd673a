package io.jenkins.plugins.aliyun.registry.engine.registry;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** FACTS.md "ACR endpoints" and "Image references" (Docker Hub aliases, hosts with ports). */
class RegistryEndpointTest {

    private static final String PERSONAL = "crpi-v2gqz8jq7d3bxn9e.cn-hangzhou.personal.cr.aliyuncs.com";
    private static final String PERSONAL_VPC = "crpi-v2gqz8jq7d3bxn9e-vpc.cn-hangzhou.personal.cr.aliyuncs.com";
    private static final String ENTERPRISE = "myteam-registry.cn-shanghai.cr.aliyuncs.com";
    private static final String ENTERPRISE_VPC = "myteam-registry-vpc.cn-shanghai.cr.aliyuncs.com";

    private static RegistryEndpoint parse(String text) throws InvalidInputException {
        return RegistryEndpoint.parse(text);
    }

    // --- classification ------------------------------------------------------------------------

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        // host,                                                   kind,           region,          vpc,   intl,  instance
        "crpi-v2gqz8jq7d3bxn9e.cn-hangzhou.personal.cr.aliyuncs.com,     acr-personal,   cn-hangzhou,     false, false, crpi-v2gqz8jq7d3bxn9e",
        "crpi-v2gqz8jq7d3bxn9e-vpc.cn-hangzhou.personal.cr.aliyuncs.com, acr-personal,   cn-hangzhou,     true,  false, crpi-v2gqz8jq7d3bxn9e",
        "crpi-abc.ap-southeast-1.personal.cr.aliyuncs.com,               acr-personal,   ap-southeast-1,  false, false, crpi-abc",
        "myteam-registry.cn-shanghai.cr.aliyuncs.com,                    acr-enterprise, cn-shanghai,     false, false, myteam",
        "myteam-registry-vpc.cn-shanghai.cr.aliyuncs.com,                acr-enterprise, cn-shanghai,     true,  false, myteam",
        "my-team-2-registry.us-west-1.cr.aliyuncs.com,                   acr-enterprise, us-west-1,       false, false, my-team-2",
        "registry.cn-hangzhou.aliyuncs.com,                              acr-legacy,     cn-hangzhou,     false, false, ",
        "registry-vpc.cn-hangzhou.aliyuncs.com,                          acr-legacy,     cn-hangzhou,     true,  false, ",
        "registry-intl.ap-southeast-1.aliyuncs.com,                      acr-legacy,     ap-southeast-1,  false, true,  ",
        "registry-intl-vpc.eu-central-1.aliyuncs.com,                    acr-legacy,     eu-central-1,    true,  true,  ",
    })
    void everyAcrEndpointFormIsClassifiedWithItsRegion(String host, String kind, String region, boolean vpc, boolean intl,
            String instance) throws Exception {
        RegistryEndpoint endpoint = parse(host);
        assertEquals(kind, endpoint.getKind().id());
        assertTrue(endpoint.getKind().isAcr());
        assertEquals(host, endpoint.getHost());
        assertEquals(Optional.of(region), endpoint.getRegion());
        assertEquals(vpc, endpoint.isVpc());
        assertEquals(intl, endpoint.isIntl());
        assertEquals(Optional.ofNullable(instance), endpoint.getInstance());
        assertEquals(Optional.empty(), endpoint.getNamespace());
        assertEquals(host, endpoint.getConfigKey());
    }

    @Test
    void enterpriseInstanceNamesHave3To30Characters() throws Exception {
        assertEquals(RegistryKind.ACR_ENTERPRISE, parse("abc-registry.cn-hangzhou.cr.aliyuncs.com").getKind());
        String thirty = "a" + "b".repeat(28) + "c";
        assertEquals(Optional.of(thirty), parse(thirty + "-registry.cn-hangzhou.cr.aliyuncs.com").getInstance());
        assertThrows(InvalidInputException.class, () -> parse("ab-registry.cn-hangzhou.cr.aliyuncs.com"));
        assertThrows(InvalidInputException.class, () -> parse("a" + "b".repeat(29) + "c-registry.cn-hangzhou.cr.aliyuncs.com"));
    }

    @Test
    void enterpriseInstanceNameMayNotStartOrEndWithDash() {
        assertThrows(InvalidInputException.class, () -> parse("-team-registry.cn-hangzhou.cr.aliyuncs.com"));
        assertThrows(InvalidInputException.class, () -> parse("team--registry.cn-hangzhou.cr.aliyuncs.com"));
    }

    @Test
    void acrHostIsRecognisedInUppercase() throws Exception {
        RegistryEndpoint endpoint = parse(PERSONAL.toUpperCase(java.util.Locale.ROOT));
        assertEquals(RegistryKind.ACR_PERSONAL, endpoint.getKind());
        assertEquals(PERSONAL, endpoint.getHost());
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker.io", "index.docker.io", "registry-1.docker.io", "registry.hub.docker.com"})
    void dockerHubAliasesAreDockerHub(String alias) throws Exception {
        RegistryEndpoint endpoint = parse(alias);
        assertEquals(RegistryKind.DOCKER_HUB, endpoint.getKind());
        assertEquals("docker.io", endpoint.getHost());
        assertEquals("https://index.docker.io/v1/", endpoint.getConfigKey());
        assertFalse(endpoint.getKind().isAcr());
        assertEquals(Optional.empty(), endpoint.getRegion());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource({
        "10.211.55.6:8082,           10.211.55.6:8082",
        "nexus.example.com:8082,     nexus.example.com:8082",
        "my.registry.io,             my.registry.io",
        "localhost,                  localhost",
        "localhost:5000,             localhost:5000",
        "127.0.0.1,                  127.0.0.1",
        "[::1]:5000,                 [::1]:5000",
        "Harbor.Example.com,         harbor.example.com",
    })
    void otherHostsAreGeneric(String text, String host) throws Exception {
        RegistryEndpoint endpoint = parse(text);
        assertEquals(RegistryKind.GENERIC, endpoint.getKind());
        assertEquals(host, endpoint.getHost());
        assertEquals(host, endpoint.getConfigKey());
        assertEquals(Optional.empty(), endpoint.getRegion());
        assertFalse(endpoint.isVpc());
        assertEquals(List.of(), endpoint.getWarnings());
    }

    @Test
    void kindIdsAreTheStableNamesOfTheCommandLine() {
        assertEquals(List.of("acr-personal", "acr-enterprise", "acr-legacy", "docker-hub", "generic"),
                java.util.Arrays.stream(RegistryKind.values()).map(RegistryKind::toString).toList());
    }

    // --- warnings, schemes, namespaces ---------------------------------------------------------

    @Test
    void legacyDomainWarnsAboutPersonalInstancesAndTheDeniedError() throws Exception {
        List<String> warnings = parse("registry.cn-hangzhou.aliyuncs.com").getWarnings();
        assertEquals(1, warnings.size());
        String warning = warnings.get(0);
        assertTrue(warning.contains("crpi-<id>.cn-hangzhou.personal.cr.aliyuncs.com"), warning);
        assertTrue(warning.contains("denied: requested access to the resource is denied"), warning);
        assertFalse(warning.contains("\n"));
    }

    @Test
    void personalAndEnterpriseDomainsHaveNoWarning() throws Exception {
        assertEquals(List.of(), parse(PERSONAL).getWarnings());
        assertEquals(List.of(), parse(ENTERPRISE).getWarnings());
    }

    @Test
    void httpsSchemeIsDroppedWithAWarning() throws Exception {
        RegistryEndpoint endpoint = parse("https://" + PERSONAL + "/");
        assertEquals(PERSONAL, endpoint.getHost());
        assertEquals(RegistryKind.ACR_PERSONAL, endpoint.getKind());
        assertEquals(Optional.empty(), endpoint.getNamespace());
        assertEquals(1, endpoint.getWarnings().size());
        assertTrue(endpoint.getWarnings().get(0).contains("https:// prefix was dropped"), endpoint.getWarnings().get(0));
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://index.docker.io/v1/", "https://registry-1.docker.io/v2/", "https://index.docker.io/v1"})
    void dockerHubUrlWithApiVersionIsDockerHubWithoutNamespace(String url) throws Exception {
        RegistryEndpoint endpoint = parse(url);
        assertEquals(RegistryKind.DOCKER_HUB, endpoint.getKind());
        assertEquals(Optional.empty(), endpoint.getNamespace());
        assertEquals("https://index.docker.io/v1/", endpoint.getConfigKey());
    }

    @Test
    void apiVersionPathIsOnlyDroppedFromAUrl() throws Exception {
        // without a scheme, host/v1 is the build.sh convention: v1 is a namespace
        assertEquals(Optional.of("v1"), parse("harbor.example.com/v1").getNamespace());
    }

    @ParameterizedTest
    @ValueSource(strings = {"https://admin:S3cret!@harbor.example.com", "admin:S3cret!@10.211.55.6:8082/team"})
    void credentialsInTheRegistryAreRefusedWithoutEchoingThem(String text) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(text));
        assertFalse(e.getMessage().contains("S3cret"), e.getMessage());
        assertTrue(e.getMessage().startsWith("registry contains '@'"), e.getMessage());
    }

    @Test
    void httpSchemeIsRefusedWithTheHostAndTheInsecureOption() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse("http://10.211.55.6:8082/"));
        assertEquals("registry \"http://10.211.55.6:8082/\" starts with http://: give the host without a scheme (\"10.211.55.6:8082\")"
                + " and mark the registry insecure to use plain HTTP", e.getMessage());
    }

    @Test
    void hostSlashNamespaceCarriesTheNamespace() throws Exception {
        RegistryEndpoint endpoint = parse(PERSONAL + "/lgy-images");
        assertEquals(PERSONAL, endpoint.getHost());
        assertEquals(Optional.of("lgy-images"), endpoint.getNamespace());
        assertEquals(RegistryKind.ACR_PERSONAL, endpoint.getKind());
    }

    @Test
    void trailingSlashesAfterTheNamespaceAreIgnored() throws Exception {
        assertEquals(Optional.of("team"), parse("harbor.example.com/team//").getNamespace());
    }

    @Test
    void dockerHubWithAccountNamespace() throws Exception {
        RegistryEndpoint endpoint = parse("docker.io/someone");
        assertEquals(RegistryKind.DOCKER_HUB, endpoint.getKind());
        assertEquals(Optional.of("someone"), endpoint.getNamespace());
    }

    @Test
    void withNamespaceReplacesOrRemovesTheNamespace() throws Exception {
        RegistryEndpoint endpoint = parse(ENTERPRISE + "/a");
        assertEquals(Optional.of("b"), endpoint.withNamespace("b").getNamespace());
        assertEquals(Optional.empty(), endpoint.withNamespace(null).getNamespace());
        assertThrows(InvalidInputException.class, () -> endpoint.withNamespace("B"));
    }

    @Test
    void equalityIsHostAndNamespace() throws Exception {
        assertEquals(parse("https://" + ENTERPRISE), parse(ENTERPRISE));
        assertEquals(parse(ENTERPRISE).hashCode(), parse(ENTERPRISE.toUpperCase(java.util.Locale.ROOT)).hashCode());
        assertFalse(parse(ENTERPRISE).equals(parse(ENTERPRISE + "/ns")));
        assertEquals(ENTERPRISE, parse(ENTERPRISE + "/ns").toString());
    }

    // --- VPC switching -------------------------------------------------------------------------

    @ParameterizedTest(name = "{0} <-> {1}")
    @CsvSource({
        "crpi-v2gqz8jq7d3bxn9e.cn-hangzhou.personal.cr.aliyuncs.com, crpi-v2gqz8jq7d3bxn9e-vpc.cn-hangzhou.personal.cr.aliyuncs.com",
        "myteam-registry.cn-shanghai.cr.aliyuncs.com,                myteam-registry-vpc.cn-shanghai.cr.aliyuncs.com",
        "registry.cn-hangzhou.aliyuncs.com,                          registry-vpc.cn-hangzhou.aliyuncs.com",
        "registry-intl.ap-southeast-1.aliyuncs.com,                  registry-intl-vpc.ap-southeast-1.aliyuncs.com",
    })
    void vpcSwitchWorksBothWaysForEveryAcrKind(String publicHost, String vpcHost) throws Exception {
        RegistryEndpoint toVpc = parse(publicHost).withVpc(true);
        assertEquals(vpcHost, toVpc.getHost());
        assertTrue(toVpc.isVpc());
        assertEquals(parse(vpcHost).getKind(), toVpc.getKind());
        assertEquals(parse(vpcHost).getRegion(), toVpc.getRegion());
        assertEquals(parse(vpcHost).getInstance(), toVpc.getInstance());
        assertEquals(parse(vpcHost).isIntl(), toVpc.isIntl());

        RegistryEndpoint toPublic = parse(vpcHost).withVpc(false);
        assertEquals(publicHost, toPublic.getHost());
        assertFalse(toPublic.isVpc());
    }

    @Test
    void vpcSwitchKeepsTheNamespace() throws Exception {
        assertEquals(Optional.of("lgy-images"), parse(PERSONAL + "/lgy-images").withVpc(true).getNamespace());
        assertEquals(PERSONAL_VPC, parse(PERSONAL + "/lgy-images").withVpc(true).getHost());
        assertEquals(ENTERPRISE, parse(ENTERPRISE_VPC).withVpc(false).getHost());
    }

    @Test
    void vpcSwitchToTheSameFormIsANoOp() throws Exception {
        RegistryEndpoint endpoint = parse(PERSONAL_VPC);
        assertSame(endpoint, endpoint.withVpc(true));
    }

    @ParameterizedTest
    @ValueSource(strings = {"docker.io", "10.211.55.6:8082", "harbor.example.com"})
    void vpcIsRefusedForDockerHubAndGenericRegistries(String host) throws Exception {
        RegistryEndpoint endpoint = parse(host);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> endpoint.withVpc(true));
        assertTrue(e.getMessage().contains("only Alibaba Cloud Container Registry has VPC endpoints"), e.getMessage());
        assertSame(endpoint, endpoint.withVpc(false));
    }

    // --- near misses ---------------------------------------------------------------------------

    @ParameterizedTest
    @ValueSource(strings = {
        "crpi-x.cn-hangzhou.cr.aliyuncs.com",                  // personal without 'personal'
        "crpi-x.personal.cr.aliyuncs.com",                     // no region
        "crpi-x-y.cn-hangzhou.personal.cr.aliyuncs.com",       // a dash inside the id
        "myteam.cn-hangzhou.cr.aliyuncs.com",                  // enterprise without '-registry'
        "registry.cn-hangzhou.cr.aliyuncs.com",                // legacy with '.cr'
        "registry-internal.cn-hangzhou.aliyuncs.com",          // not a legacy form
        "crpi-abc.cn-hangzhou.personal.cr.aliyuncs.com:443",   // ACR with a port
    })
    void nearMissAcrHostsAreRefusedWithTheListOfForms(String host) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(host));
        String message = e.getMessage();
        assertTrue(message.contains("looks like Alibaba Cloud Container Registry but matches none of its endpoints"), message);
        assertTrue(message.contains("crpi-<id>.<region>.personal.cr.aliyuncs.com"), message);
        assertTrue(message.contains("<instance>-registry.<region>.cr.aliyuncs.com"), message);
        assertTrue(message.contains("registry.<region>.aliyuncs.com"), message);
    }

    @Test
    void otherAliyuncsHostIsGenericWithAWarning() throws Exception {
        RegistryEndpoint endpoint = parse("oss-cn-hangzhou.aliyuncs.com");
        assertEquals(RegistryKind.GENERIC, endpoint.getKind());
        assertEquals(1, endpoint.getWarnings().size());
        assertTrue(endpoint.getWarnings().get(0).contains("not a Container Registry endpoint"));
    }

    // --- repository rules per kind -------------------------------------------------------------

    @Test
    void personalInstanceRejectsMultiLevelRepository() throws Exception {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(PERSONAL).checkRepository("ns/a/b"));
        assertEquals("repository \"ns/a/b\" has 3 levels, but ACR personal and default instances accept only \"<namespace>/<name>\": "
                + "use e.g. \"ns/a-b\" (multi-level names need an enterprise instance)", e.getMessage());
    }

    @Test
    void legacyInstanceRejectsMultiLevelRepository() throws Exception {
        assertThrows(InvalidInputException.class, () -> parse("registry.cn-hangzhou.aliyuncs.com").checkRepository("ns/a/b"));
    }

    @Test
    void enterpriseInstanceAcceptsMultiLevelRepository() throws Exception {
        assertDoesNotThrow(() -> parse(ENTERPRISE).checkRepository("ns/a/b"));
    }

    @ParameterizedTest
    @ValueSource(strings = {PERSONAL, ENTERPRISE, "registry.cn-hangzhou.aliyuncs.com"})
    void acrRequiresANamespace(String host) throws Exception {
        RegistryEndpoint endpoint = parse(host);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> endpoint.checkRepository("app"));
        assertTrue(e.getMessage().startsWith("repository \"app\" has no namespace"), e.getMessage());
        assertTrue(e.getMessage().contains(host + "/<namespace>"), e.getMessage());
        assertDoesNotThrow(() -> endpoint.checkRepository("ns/app"));
    }

    @Test
    void dockerHubRequiresAnAccountNamespace() throws Exception {
        RegistryEndpoint hub = parse("docker.io");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> hub.checkRepository("app"));
        assertTrue(e.getMessage().contains("write \"<your Docker Hub account>/app\""), e.getMessage());
        assertThrows(InvalidInputException.class, () -> hub.checkRepository("library/nginx"));
        assertDoesNotThrow(() -> hub.checkRepository("someone/app"));
    }

    @Test
    void genericRegistryAcceptsAnyValidDepth() throws Exception {
        RegistryEndpoint generic = parse("10.211.55.6:8082");
        assertDoesNotThrow(() -> generic.checkRepository("jenkins-test"));
        assertDoesNotThrow(() -> generic.checkRepository("a/b/c/d"));
        assertThrows(InvalidInputException.class, () -> generic.checkRepository("Jenkins-Test"));
    }

    // --- host name without the port ------------------------------------------------------------

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "nexus.example.com:8082,     nexus.example.com",
        "nexus.example.com,          nexus.example.com",
        "10.211.55.6:8082,           10.211.55.6",
        "localhost,                  localhost",
        "[::1]:5000,                 [::1]",
        "[::1],                      [::1]",
        "[fd00::5]:443,              [fd00::5]",
        "::1,                        ::1",
        "fd00::5,                    fd00::5",
    })
    void theHostnameIsTheHostWithoutThePortAndAnIpv6AddressKeepsItsBrackets(String hostAndPort, String hostname) throws Exception {
        assertEquals(hostname, RegistryEndpoint.hostname(hostAndPort));
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
        "localhost:5000,                                        localhost",
        "[::1]:5000,                                            [::1]",
        "[::1],                                                 [::1]",
        "crpi-v2gqz8jq7d3bxn9e.cn-hangzhou.personal.cr.aliyuncs.com/team, crpi-v2gqz8jq7d3bxn9e.cn-hangzhou.personal.cr.aliyuncs.com",
        "docker.io,                                             docker.io",
    })
    void anEndpointsHostnameHasNeitherPortNorNamespace(String text, String hostname) throws Exception {
        assertEquals(hostname, parse(text).getHostname());
    }

    @Test
    void theVpcFormsHostnameIsTheVpcHost() throws Exception {
        assertEquals(PERSONAL_VPC, parse(PERSONAL).withVpc(true).getHostname());
    }
}
