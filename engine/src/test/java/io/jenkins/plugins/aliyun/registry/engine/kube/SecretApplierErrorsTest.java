package io.jenkins.plugins.aliyun.registry.engine.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Status;
import io.fabric8.kubernetes.api.model.StatusBuilder;
import io.fabric8.kubernetes.api.model.StatusCauseBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.server.mock.EnableKubernetesMockClient;
import io.fabric8.kubernetes.client.server.mock.KubernetesMockServer;
import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.auth.DockerConfig;
import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import java.io.IOException;
import java.net.ConnectException;
import org.junit.jupiter.api.Test;

/** What the API server's refusals turn into (mock server in expectation mode). */
@EnableKubernetesMockClient
class SecretApplierErrorsTest {

    KubernetesMockServer server;
    KubernetesClient client;

    private EngineException applyAndFail() throws Exception {
        var secret = DockerConfigSecret.of("acr-login", "ci", DockerConfig.of("h.io", RegistryCredentials.of("u", "s3cr3t")));
        return assertThrows(EngineException.class, () -> new SecretApplier(client).apply(secret));
    }

    @Test
    void forbiddenSaysWhichRbacRuleIsMissing() throws Exception {
        server.expect().get().withPath("/api/v1/namespaces/ci/secrets/acr-login").andReturn(403, "{}").always();
        EngineException e = applyAndFail();
        assertTrue(e.getMessage().contains("HTTP 403"), e.getMessage());
        assertTrue(e.getMessage().contains("grant get, create, update and delete on secrets in \"ci\""), e.getMessage());
        assertFalse(e.getMessage().contains("s3cr3t"));
    }

    @Test
    void aMissingNamespaceIsNamed() throws Exception {
        server.expect().get().withPath("/api/v1/namespaces/ci/secrets/acr-login").andReturn(404, "{}").always();
        server.expect().post().withPath("/api/v1/namespaces/ci/secrets").andReturn(404, "{}").always();
        EngineException e = applyAndFail();
        assertTrue(e.getMessage().contains("namespace \"ci\" probably does not exist"), e.getMessage());
        assertTrue(e.getMessage().contains("kubectl create namespace ci"), e.getMessage());
    }

    private EngineException failWith422(Status status) throws Exception {
        server.expect().get().withPath("/api/v1/namespaces/ci/secrets/acr-login").andReturn(404, "{}").always();
        server.expect().post().withPath("/api/v1/namespaces/ci/secrets").andReturn(422, status).always();
        return applyAndFail();
    }

    private static Status invalid() {
        return new StatusBuilder().withStatus("Failure").withCode(422).withReason("Invalid").build();
    }

    private static void assertOneCleanLine(String message) {
        assertTrue(message.chars().noneMatch(c -> c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029),
                message);
        assertFalse(message.contains("s3cr3t"), message);
    }

    @Test
    void anInvalidSecretNamesEachRejectedFieldAndWhy() throws Exception {
        Status status = new StatusBuilder(invalid())
                .withMessage("Secret \"acr-login\" is invalid: [metadata.name: Invalid value: \"Bad_Name\", metadata.labels: Invalid value]")
                .withNewDetails().withName("acr-login").withKind("secrets")
                .withCauses(
                        new StatusCauseBuilder().withReason("FieldValueInvalid").withField("metadata.name")
                                .withMessage("Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters").build(),
                        new StatusCauseBuilder().withReason("FieldValueInvalid").withField("metadata.labels")
                                .withMessage("Invalid value: \"x\u001b[31m\nforged line\": name part must be 63 characters or less").build())
                .endDetails().build();

        String message = failWith422(status).getMessage();

        assertTrue(message.startsWith("Kubernetes found the Secret \"acr-login\" in namespace \"ci\" invalid (HTTP 422): "), message);
        assertTrue(message.contains("metadata.name: Invalid value: \"Bad_Name\": a lowercase RFC 1123 subdomain must consist of"), message);
        assertTrue(message.contains("metadata.labels: Invalid value: \"x\\u001b[31m forged line\": name part must be 63 characters or less"), message);
        assertTrue(message.endsWith("; fix those fields"), message);
        assertFalse(message.contains(": Invalid;"), message);
        assertOneCleanLine(message);
    }

    @Test
    void anInvalidSecretWithoutCausesQuotesTheStatusMessage() throws Exception {
        Status status = new StatusBuilder(invalid())
                .withMessage("Secret \"acr-login\" is invalid:\n metadata.name: Invalid value").build();

        String message = failWith422(status).getMessage();

        assertTrue(message.contains("(HTTP 422): Secret \"acr-login\" is invalid: metadata.name: Invalid value; fix the Secret's name, namespace or labels"),
                message);
        assertOneCleanLine(message);
    }

    @Test
    void anInvalidSecretWithoutDetailsStillSaysWhatToCheck() throws Exception {
        String message = failWith422(invalid()).getMessage();

        assertTrue(message.contains("invalid (HTTP 422): the API server gave no details (reason \"Invalid\")"), message);
        assertTrue(message.contains("check that the Secret's name and namespace are lowercase RFC 1123 names"), message);
        assertOneCleanLine(message);
    }

    @Test
    void anInvalidSecretWithAnEmptyAnswerStillSaysWhatToCheck() throws Exception {
        server.expect().get().withPath("/api/v1/namespaces/ci/secrets/acr-login").andReturn(404, "{}").always();
        server.expect().post().withPath("/api/v1/namespaces/ci/secrets").andReturn(422, "").always();

        String message = applyAndFail().getMessage();

        assertTrue(message.contains("invalid (HTTP 422): the API server gave no details"), message);
        assertOneCleanLine(message);
    }

    @Test
    void theQuotedServerTextIsCapped() throws Exception {
        String longText = "Invalid value: " + "y".repeat(5000);
        Status status = new StatusBuilder(invalid()).withNewDetails()
                .withCauses(new StatusCauseBuilder().withField("metadata.name").withMessage(longText).build(),
                        new StatusCauseBuilder().withField("metadata.namespace").withMessage(longText).build())
                .endDetails().build();

        String message = failWith422(status).getMessage();

        String quoted = message.substring(message.indexOf("(HTTP 422): ") + "(HTTP 422): ".length(), message.lastIndexOf(" (2 causes in all)"));
        assertEquals(SecretApplier.MAX_QUOTED + 1, quoted.length(), message);
        assertTrue(quoted.endsWith("…"), message);
        assertFalse(message.contains("metadata.namespace"), message);
        assertTrue(message.endsWith("… (2 causes in all); fix those fields"), message);
        assertOneCleanLine(message);
    }

    @Test
    void aCauseWithoutMessageOrFieldIsQuotedByItsReason() {
        Status status = new StatusBuilder(invalid()).withNewDetails()
                .withCauses(new StatusCauseBuilder().withField("data").withReason("FieldValueRequired").build(),
                        new StatusCauseBuilder().withReason("FieldValueForbidden").withMessage("immutable").build(),
                        new StatusCauseBuilder().build())
                .endDetails().build();

        assertEquals("data: FieldValueRequired; immutable; fix that field", SecretApplier.whyInvalid(status));
        assertTrue(SecretApplier.whyInvalid(null).startsWith("the API server gave no details; "));
    }

    /** The connection error's text comes from outside (a proxy, a resolver): one line, escaped and capped like the API server's. */
    @Test
    void anUnreachableServersErrorTextIsOneLineAndCapped() {
        var e = new KubernetesClientException("An error has occurred.",
                new IOException("wrapped", new ConnectException("refused\r\nforged: line \u001b[31m" + "z".repeat(5000))));
        String message = SecretApplier.explain(e, "ci", "acr-login").getMessage();
        assertTrue(message.startsWith("cannot reach the Kubernetes API to write the Secret \"acr-login\" in namespace \"ci\": "
                + "ConnectException: refused forged: line \\u001b[31mzzz"), message);
        assertTrue(message.endsWith("z…; check the kubeconfig's server address and that the cluster is up"), message);
        String quoted = message.substring(message.indexOf(": ") + 2, message.indexOf("; check the kubeconfig"));
        assertEquals(SecretApplier.MAX_QUOTED + 1, quoted.length(), message);
        assertOneCleanLine(message);
    }
}
