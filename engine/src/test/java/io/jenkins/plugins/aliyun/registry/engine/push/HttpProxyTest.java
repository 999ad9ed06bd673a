package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The proxy chosen from the environment, as curl and Go programs (docker, skopeo) choose it. */
class HttpProxyTest {

    @Test
    void httpsRegistriesUseHttpsProxyAndPlainOnesHttpProxy() throws Exception {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://secure-proxy:3128", "HTTP_PROXY", "plain-proxy:8080");
        assertEquals("secure-proxy:3128", HttpProxy.fromEnvironment(env, "crpi-a.cn-hangzhou.personal.cr.aliyuncs.com", true).orElseThrow().toString());
        assertEquals("plain-proxy:8080", HttpProxy.fromEnvironment(env, "nexus.example.com:8082", false).orElseThrow().toString());
    }

    @Test
    void lowercaseVariablesWinAsInCurl() throws Exception {
        Map<String, String> env = Map.of("https_proxy", "http://lower:1", "HTTPS_PROXY", "http://upper:2");
        assertEquals(1, HttpProxy.fromEnvironment(env, "h.io", true).orElseThrow().getPort());
    }

    @Test
    void noVariableMeansDirect() throws Exception {
        assertEquals(Optional.empty(), HttpProxy.fromEnvironment(Map.of("HTTP_PROXY", "http://p:1"), "h.io", true));
    }

    @ParameterizedTest(name = "NO_PROXY={0} registry={1} bypassed={2}")
    @CsvSource(delimiter = '|', value = {
        "*                                 | registry.cn-hangzhou.aliyuncs.com      | true",
        "aliyuncs.com                      | registry.cn-hangzhou.aliyuncs.com      | true",
        ".aliyuncs.com                     | registry.cn-hangzhou.aliyuncs.com      | true",
        "*.aliyuncs.com                    | registry.cn-hangzhou.aliyuncs.com      | true",
        "localhost,127.0.0.1               | 127.0.0.1:5000                          | true",
        "nexus.example.com:8082            | nexus.example.com:8082                  | true",
        "nexus.example.com:8082            | nexus.example.com:8083                  | false",
        "example.com                       | notexample.com                          | false",
        "other.io, docker.io               | registry-1.docker.io                    | true",
        "''                                | h.io                                    | false",
    })
    void noProxyListsHostsDomainsAndPorts(String noProxy, String registry, boolean bypassed) {
        assertEquals(bypassed, HttpProxy.bypassed(noProxy, registry));
    }

    @Test
    void credentialsInTheUrlAreDecodedAndNeverShown() throws Exception {
        HttpProxy proxy = HttpProxy.fromEnvironment(Map.of("https_proxy", "http://corp%5Cci:p%40ss%3Aw0rd@proxy.corp:3128"), "h.io", true).orElseThrow();
        assertEquals("corp\\ci", proxy.getCredentials().orElseThrow().getUsername());
        assertEquals("p@ss:w0rd", proxy.getCredentials().orElseThrow().getPassword());
        assertFalse(proxy.toString().contains("p@ss"), proxy.toString());
        assertFalse(RegistryAccess.anonymous().withProxy(proxy).toString().contains("p@ss"));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "socks5://proxy:1080             | uses socks5://, which is not supported: use an http:// proxy",
        "https://proxy:443               | uses https://, which is not supported",
        "http://user@proxy:3128          | names proxy user \"user\" without a password",
        "http://proxy:99999              | is not valid",
        "http:// bad host                | is not a proxy URL",
    })
    void badProxyVariablesAreInvalidInput(String value, String message) {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> HttpProxy.fromEnvironment(Map.of("HTTPS_PROXY", value), "h.io", true));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void anInsecureRegistryFallsBackToHttpProxyOnlyWithoutHttpsProxy() throws Exception {
        Map<String, String> plainOnly = Map.of("HTTP_PROXY", "http://plain:8080");
        assertEquals("plain:8080", HttpProxy.forRegistry(plainOnly, "nexus:8082", true).orElseThrow().toString());
        assertEquals(Optional.empty(), HttpProxy.forRegistry(plainOnly, "secure.example.com", false));
        Map<String, String> both = Map.of("HTTP_PROXY", "http://plain:8080", "HTTPS_PROXY", "http://tls:3128");
        assertEquals("tls:3128", HttpProxy.forRegistry(both, "nexus:8082", true).orElseThrow().toString());
    }

    @ParameterizedTest(name = "NO_PROXY={0} registry={1} bypassed={2}")
    @CsvSource(delimiter = '|', value = {
        "''                                | localhost:5000                          | true",
        "''                                | localhost                               | true",
        "''                                | 127.0.0.1:5000                          | true",
        "''                                | 127.1.2.3                               | true",
        "''                                | [::1]:5000                              | true",
        "''                                | [::ffff:127.0.0.1]:5000                 | true",
        "''                                | 128.0.0.1:5000                          | false",
        "''                                | [::2]:5000                              | false",
        "''                                | localhost.example.com                   | false",
        "other.io                          | localhost:5000                          | true",
    })
    void localhostAndLoopbackAddressesAreNeverProxiedAsInGo(String noProxy, String registry, boolean bypassed) {
        assertEquals(bypassed, HttpProxy.bypassed(noProxy, registry));
    }

    @ParameterizedTest(name = "NO_PROXY={0} registry={1} bypassed={2}")
    @CsvSource(delimiter = '|', value = {
        "10.0.0.0/8                        | 10.211.55.6:8082                        | true",
        "10.0.0.0/8                        | 11.0.0.1                                | false",
        "192.168.0.0/16                    | 192.168.5.1                             | true",
        "172.16.0.0/12                     | 172.31.255.255:5000                     | true",
        "172.16.0.0/12                     | 172.32.0.1:5000                         | false",
        "0.0.0.0/0                         | 203.0.113.9                             | true",
        "fd00::/8                          | [fd12::5]:5000                          | true",
        "fd00::/8                          | [fe80::1]:5000                          | false",
        "10.0.0.0/8                        | [fd12::5]:5000                          | false",
        "10.0.0.0/8                        | ten.example.com                         | false",
        "10.0.0.0/33                       | 10.0.0.1                                | false",
        "10.0.0.0/x, nexus.example.com     | nexus.example.com:8082                  | true",
        "fd00::5                           | [fd00::5]:5000                          | true",
        "[fd00::5]                         | [fd00::5]:5000                          | true",
        "10.0.0.5                          | 10.0.0.50                               | false",
    })
    void noProxyAddressRangesMatchHostsGivenAsAddresses(String noProxy, String registry, boolean bypassed) {
        assertEquals(bypassed, HttpProxy.bypassed(noProxy, registry));
    }

    @Test
    void aRegistryOnThisMachineIsReachedDirectlyEvenWithoutNoProxy() throws Exception {
        Map<String, String> env = Map.of("HTTPS_PROXY", "http://proxy.corp:3128", "HTTP_PROXY", "http://proxy.corp:3128");
        assertEquals(Optional.empty(), HttpProxy.forRegistry(env, "localhost:5000", true));
        assertEquals(Optional.empty(), HttpProxy.forRegistry(env, "127.0.0.1:5000", false));
        assertEquals(Optional.empty(), HttpProxy.forRegistry(env, "[::1]:5000", true));
        assertEquals("proxy.corp:3128", HttpProxy.forRegistry(env, "10.211.55.6:8082", true).orElseThrow().toString());
    }
}
