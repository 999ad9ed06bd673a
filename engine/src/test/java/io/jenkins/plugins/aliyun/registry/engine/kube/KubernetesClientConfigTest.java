package io.jenkins.plugins.aliyun.registry.engine.kube;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.client.Config;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientBuilder;
import io.jenkins.plugins.aliyun.registry.engine.EngineException;
import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.auth.DockerConfig;
import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The client configuration the command line and the Jenkins step share. */
class KubernetesClientConfigTest {

    @TempDir
    Path tmp;

    private Path kubeconfig(String server) throws Exception {
        Path file = tmp.resolve("kubeconfig");
        Files.writeString(file, """
                apiVersion: v1
                kind: Config
                clusters:
                - name: one
                  cluster: {server: '%1$s', insecure-skip-tls-verify: true}
                - name: two
                  cluster: {server: 'https://two.example.com:6443'}
                users:
                - name: ci
                  user: {token: kube-token-value}
                contexts:
                - name: one
                  context: {cluster: one, user: ci, namespace: builds}
                - name: two
                  context: {cluster: two, user: ci, namespace: other}
                current-context: one
                """.formatted(server));
        return file;
    }

    @Test
    void readsTheCurrentContextAndLimitsRetries() throws Exception {
        Config config = KubernetesClientConfig.load(kubeconfig("https://one.example.com:6443"), null);
        assertEquals("https://one.example.com:6443/", config.getMasterUrl());
        assertEquals("builds", config.getNamespace());
        assertEquals(KubernetesClientConfig.REQUEST_RETRY_BACKOFF_LIMIT, config.getRequestRetryBackoffLimit());
        assertTrue(config.getRequestRetryBackoffLimit() < Config.empty().getRequestRetryBackoffLimit(),
                "fewer retries than fabric8's default");
    }

    @Test
    void readsTheGivenContext() throws Exception {
        Config config = KubernetesClientConfig.load(kubeconfig("https://one.example.com:6443"), "two");
        assertEquals("https://two.example.com:6443/", config.getMasterUrl());
        assertEquals("other", config.getNamespace());
        assertEquals(KubernetesClientConfig.REQUEST_RETRY_BACKOFF_LIMIT, config.getRequestRetryBackoffLimit());
    }

    @Test
    void aMissingFileIsInvalidInput() {
        Path missing = tmp.resolve("nope");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> KubernetesClientConfig.load(missing, null));
        assertTrue(e.getMessage().contains("kubeconfig " + missing + " does not exist"), e.getMessage());
    }

    @Test
    void aDirectoryIsNamedAsOne() throws Exception {
        Path dir = Files.createDirectories(tmp.resolve(".kube"));
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> KubernetesClientConfig.load(dir, null));
        assertEquals("kubeconfig " + dir + " is a directory: give the file, e.g. " + dir.resolve("config"), e.getMessage());
    }

    /** fabric8 alone falls back to the current context, which would write the Secret to another cluster. */
    @Test
    void anUnknownContextIsRefused() throws Exception {
        Path file = kubeconfig("https://one.example.com:6443");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> KubernetesClientConfig.load(file, "three"));
        assertEquals("the kubeconfig " + file + " has no context \"three\" (it has one, two): give one of its contexts (kubectl config get-contexts)",
                e.getMessage());
    }

    /** The YAML parser quotes the lines around the error; they may hold a token. */
    @Test
    void malformedYamlIsReportedWithoutTheFilesContent() throws Exception {
        Path file = tmp.resolve("bad");
        Files.writeString(file, "apiVersion: v1\nusers:\n- name: ci\n  user: {token: kube-token-value\n  - x: [\n");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> KubernetesClientConfig.load(file, null));
        assertEquals("the kubeconfig " + file + " is not valid YAML (line 5, column 6, in what starts at line 4, column 9): correct the file (kubectl config view shows what kubectl makes of it)",
                e.getMessage());
        assertFalse(e.getMessage().contains("kube-token-value"));
    }

    /** The Jenkins step passes no file: fabric8 finds it (here through the {@code kubeconfig} system property). */
    @Test
    void withoutAFileFabric8FindsOneAndRetriesAreStillLimited() throws Exception {
        Path file = kubeconfig("https://one.example.com:6443");
        String before = System.getProperty(Config.KUBERNETES_KUBECONFIG_FILE);
        System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, file.toString());
        try {
            Config config = KubernetesClientConfig.load(null, null);
            assertEquals("https://one.example.com:6443/", config.getMasterUrl());
            assertEquals("builds", config.getNamespace());
            assertEquals(KubernetesClientConfig.REQUEST_RETRY_BACKOFF_LIMIT, config.getRequestRetryBackoffLimit());
        } finally {
            if (before == null) {
                System.clearProperty(Config.KUBERNETES_KUBECONFIG_FILE);
            } else {
                System.setProperty(Config.KUBERNETES_KUBECONFIG_FILE, before);
            }
        }
    }

    /** With fabric8's default retries a refused connection takes about 20 s to report; the step would seem to hang. */
    @Test
    void anUnreachableClusterFailsFast() throws Exception {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        Config config = KubernetesClientConfig.load(kubeconfig("https://127.0.0.1:" + port), null);
        Secret secret = DockerConfigSecret.of("acr-login", "builds",
                DockerConfig.of("registry.example.com", RegistryCredentials.of("u", "registry-password")));
        long start = System.nanoTime();
        try (KubernetesClient client = new KubernetesClientBuilder().withConfig(config).build()) {
            EngineException e = assertThrows(EngineException.class, () -> new SecretApplier(client).apply(secret));
            assertFalse(e.getMessage().contains("registry-password"), e.getMessage());
        }
        long seconds = (System.nanoTime() - start) / 1_000_000_000L;
        assertTrue(seconds < 10, "took " + seconds + " s");
    }

    private Path kubeconfigWithUser(String user) throws Exception {
        return Files.writeString(tmp.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nclusters:\n- name: x\n"
                + "  cluster: {server: 'https://127.0.0.1:1', insecure-skip-tls-verify: true}\n"
                + "users:\n- name: u\n  user:\n" + user
                + "contexts:\n- name: x\n  context: {cluster: x, user: u}\ncurrent-context: x\n");
    }

    private static Secret secret() throws Exception {
        return DockerConfigSecret.of("acr-login", "builds", DockerConfig.of("registry.example.com", RegistryCredentials.of("u", "registry-password")));
    }

    /** fabric8 reads the client key and certificate only when it builds the client, and then says "An error has occurred". */
    @Test
    void aClientKeyFileThatIsNotThereIsNamed() throws Exception {
        Path key = tmp.resolve("missing-key.pem");
        Path cert = Files.writeString(tmp.resolve("cert.pem"), "not a certificate");
        Path file = kubeconfigWithUser("    client-certificate: " + cert + "\n    client-key: " + key + "\n");
        Config config = KubernetesClientConfig.load(file, null);
        EngineException e = assertThrows(EngineException.class, () -> SecretApplier.applyWith(config, secret()));
        assertEquals("cannot set up the Kubernetes client from the kubeconfig " + file + " (NoSuchFileException: " + key + "): check its"
                + " client-certificate, client-key and certificate-authority files or data (kubectl --kubeconfig FILE get ns shows"
                + " whether kubectl can use it)", e.getMessage());
    }

    @Test
    void clientKeyDataThatDoesNotParseIsNotQuoted() throws Exception {
        String data = java.util.Base64.getEncoder().encodeToString("-----BEGIN RSA PRIVATE KEY-----\nS3cret-Key-Material\n".getBytes());
        Path file = kubeconfigWithUser("    client-certificate-data: " + data + "\n    client-key-data: " + data + "\n");
        Config config = KubernetesClientConfig.load(file, null);
        EngineException e = assertThrows(EngineException.class, () -> SecretApplier.applyWith(config, secret()));
        assertTrue(e.getMessage().startsWith("cannot set up the Kubernetes client from the kubeconfig " + file + " ("), e.getMessage());
        assertTrue(e.getMessage().contains("Exception): check its client-certificate, client-key and certificate-authority files or data"),
                e.getMessage());
        assertFalse(e.getMessage().contains("S3cret"), e.getMessage());
        assertFalse(e.getMessage().contains(data), e.getMessage());
        assertFalse(e.getMessage().contains("registry-password"), e.getMessage());
    }

    @Test
    void aCertificateAuthorityFileThatIsNotThereIsNamed() throws Exception {
        Path ca = tmp.resolve("ca.crt");
        Path file = Files.writeString(tmp.resolve("kubeconfig"), "apiVersion: v1\nkind: Config\nclusters:\n- name: x\n"
                + "  cluster: {server: 'https://127.0.0.1:1', certificate-authority: " + ca + "}\n"
                + "users:\n- name: u\n  user: {token: kube-token-value}\n"
                + "contexts:\n- name: x\n  context: {cluster: x, user: u}\ncurrent-context: x\n");
        EngineException e = assertThrows(EngineException.class, () -> SecretApplier.applyWith(KubernetesClientConfig.load(file, null), secret()));
        assertTrue(e.getMessage().contains(" (NoSuchFileException: " + ca + "): check its client-certificate"), e.getMessage());
        assertFalse(e.getMessage().contains("kube-token-value"), e.getMessage());
    }

    /** In a pod, fabric8 reads the service account's files; there is no kubeconfig to name. */
    @Test
    void withoutAKubeconfigTheServiceAccountIsNamed() throws Exception {
        Path ca = tmp.resolve("ca.crt");
        Config config = new io.fabric8.kubernetes.client.ConfigBuilder(Config.empty()).withMasterUrl("https://127.0.0.1:1")
                .withCaCertFile(ca.toString()).withOauthToken("kube-token-value").build();
        EngineException e = assertThrows(EngineException.class, () -> SecretApplier.applyWith(config, secret()));
        assertEquals("cannot set up the Kubernetes client from the configuration found without a kubeconfig (in-cluster service account)"
                + " (NoSuchFileException: " + ca + "): check the service account's token and ca.crt (/var/run/secrets/kubernetes.io/serviceaccount),"
                + " or give a kubeconfig", e.getMessage());
    }
}
