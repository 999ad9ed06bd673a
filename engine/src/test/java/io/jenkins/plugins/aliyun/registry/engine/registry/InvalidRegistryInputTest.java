package io.jenkins.plugins.aliyun.registry.engine.registry;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static io.jenkins.plugins.aliyun.registry.engine.testing.InvalidInput.row;

import java.util.stream.Stream;
import io.jenkins.plugins.aliyun.registry.engine.testing.InvalidInput;
import org.junit.jupiter.api.function.Executable;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * DESIGN.md "Targets": bad input is rejected before any network call with one clear line. One row per
 * invalid registry or image target: what is called, and a fragment the message must contain.
 */
class InvalidRegistryInputTest {

    private static final String PERSONAL = "crpi-v2gqz8jq7d3bxn9e.cn-hangzhou.personal.cr.aliyuncs.com";

    static Stream<Arguments> invalidInputs() {
        return Stream.of(
            row("empty registry", () -> RegistryEndpoint.parse(" "),
                "registry is empty: give a host such as \"crpi-xxxx.cn-hangzhou.personal.cr.aliyuncs.com\" or \"nexus.example.com:8082\""),
            row("http:// scheme", () -> RegistryEndpoint.parse("http://10.211.55.6:8082"),
                "registry \"http://10.211.55.6:8082\" starts with http://: give the host without a scheme (\"10.211.55.6:8082\") and mark the registry insecure"),
            row("other URL scheme", () -> RegistryEndpoint.parse("oci://host.io"),
                "registry \"oci://host.io\" has a URL scheme: give the host only, e.g. \"registry.example.com\""),
            row("namespace without host", () -> RegistryEndpoint.parse("/team"),
                "registry \"/team\" has no host: give one such as \"registry.example.com\""),
            row("uppercase namespace", () -> RegistryEndpoint.parse("harbor.example.com/Team"),
                "namespace \"Team\" must be lowercase: use \"team\""),
            row("namespace with a space", () -> RegistryEndpoint.parse("harbor.example.com/my team"),
                "namespace \"my team\" is not valid at \"my team\""),
            row("host with '_'", () -> RegistryEndpoint.parse("my_registry.example.com"),
                "registry host \"my_registry.example.com\" is not a valid host name (part \"my_registry\")"),
            row("port out of range", () -> RegistryEndpoint.parse("nexus.example.com:70000"),
                "registry \"nexus.example.com:70000\" has port \"70000\": a port is a number from 1 to 65535"),
            row("personal host without 'personal'", () -> RegistryEndpoint.parse("crpi-x.cn-hangzhou.cr.aliyuncs.com"),
                "registry \"crpi-x.cn-hangzhou.cr.aliyuncs.com\" looks like Alibaba Cloud Container Registry but matches none of its endpoints: "
                    + "copy the domain from the ACR console (Instance > Access Credentials); personal instances are crpi-<id>.<region>.personal.cr.aliyuncs.com"),
            row("enterprise host without '-registry'", () -> RegistryEndpoint.parse("myteam.cn-shanghai.cr.aliyuncs.com"),
                "registry \"myteam.cn-shanghai.cr.aliyuncs.com\" looks like Alibaba Cloud Container Registry but matches none of its endpoints"),
            row("enterprise instance name of 2 characters", () -> RegistryEndpoint.parse("ab-registry.cn-shanghai.cr.aliyuncs.com"),
                "\"ab-registry.cn-shanghai.cr.aliyuncs.com\" looks like Alibaba Cloud Container Registry but matches none"),
            row("legacy host without region", () -> RegistryEndpoint.parse("registry.aliyuncs.com"),
                "\"registry.aliyuncs.com\" looks like Alibaba Cloud Container Registry but matches none"),
            row("credentials before the host", () -> RegistryEndpoint.parse("https://admin:S3cret@harbor.example.com"),
                "registry contains '@' (credentials such as user:password@host?): give the host only"),
            row("VPC for Docker Hub", () -> RegistryEndpoint.parse("docker.io").withVpc(true),
                "registry \"docker.io\" is docker-hub: only Alibaba Cloud Container Registry has VPC endpoints; turn the VPC option off"),
            row("VPC for a generic registry", () -> RegistryEndpoint.parse("10.211.55.6:8082").withVpc(true),
                "registry \"10.211.55.6:8082\" is generic: only Alibaba Cloud Container Registry has VPC endpoints"),
            row("multi-level repository on a personal instance", () -> RegistryEndpoint.parse(PERSONAL).checkRepository("ns/team/app"),
                "repository \"ns/team/app\" has 3 levels, but ACR personal and default instances accept only \"<namespace>/<name>\": use e.g. \"ns/team-app\""),
            row("ACR repository without namespace", () -> RegistryEndpoint.parse("registry.cn-hangzhou.aliyuncs.com").checkRepository("app"),
                "repository \"app\" has no namespace: ACR repositories live in a namespace, write \"<namespace>/app\""),
            row("Docker Hub library image", () -> RegistryEndpoint.parse("docker.io").checkRepository("library/nginx"),
                "repository \"library/nginx\" on Docker Hub would be an official library image, which you cannot push: write \"<your Docker Hub account>/nginx\""),
            row("uppercase namespace through withNamespace", () -> RegistryEndpoint.parse(PERSONAL).withNamespace("Lgy"),
                "namespace \"Lgy\" must be lowercase: use \"lgy\""),
            row("target without registry", () -> ImageTarget.builder().repository("app").buildNumber("1").resolve(),
                "registry is empty"),
            row("target without repository", () -> ImageTarget.builder().registry("my.registry.io").buildNumber("1").resolve(),
                "repository is empty: give the image's repository name, e.g. \"app\" or \"team/app\""),
            row("target with uppercase repository", () -> ImageTarget.builder().registry("my.registry.io").repository("Serve_Hostname").tag("1").resolve(),
                "repository \"Serve_Hostname\" must be lowercase: use \"serve_hostname\""),
            row("target with uppercase namespace", () -> ImageTarget.builder().registry(PERSONAL).namespace("LGY").repository("app").tag("1").resolve(),
                "namespace \"LGY\" must be lowercase: use \"lgy\""),
            row("namespace given twice", () -> ImageTarget.builder().registry(PERSONAL + "/a").namespace("b").repository("app").tag("1").resolve(),
                "namespace is given twice, \"a\" in the registry and \"b\" on its own: keep one of them"),
            row("repository repeating the namespace", () -> ImageTarget.builder().registry(PERSONAL + "/a").repository("a/app").tag("1").resolve(),
                "repository \"a/app\" already starts with the namespace \"a\": give the repository without it (\"app\")"),
            row("target with an invalid explicit tag", () -> ImageTarget.builder().registry(PERSONAL + "/a").repository("app").tag("v1/2").resolve(),
                "tag \"v1/2\" is not valid"),
            row("target with VPC on a generic registry", () -> ImageTarget.builder().registry("nexus.example.com:8082").repository("app").vpc(true).tag("1").resolve(),
                "registry \"nexus.example.com:8082\" is generic: only Alibaba Cloud Container Registry has VPC endpoints"),
            row("target on Docker Hub without account", () -> ImageTarget.builder().registry("docker.io").repository("app").tag("1").resolve(),
                "repository \"app\" on Docker Hub would be an official library image, which you cannot push: write \"<your Docker Hub account>/app\""),
            row("registry with a line break", () -> RegistryEndpoint.parse("host.io\n/team"),
                "registry host \"host.io\\n\" is not a valid host name")
        );
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalidInputs")
    void invalidInputIsRefusedWithAOneLineMessageNamingThePart(String what, Executable call, String expected) {
        String message = InvalidInput.assertRefusedInOneLine(what, call, expected);
        assertFalse(message.contains("S3cret"), () -> "shows the password: " + message);
    }
}
