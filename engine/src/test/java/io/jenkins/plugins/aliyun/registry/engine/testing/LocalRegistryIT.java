package io.jenkins.plugins.aliyun.registry.engine.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class LocalRegistryIT {

    @RegisterExtension
    static final LocalRegistry SECURED = LocalRegistry.tls().withUser("tester", "pa$$ w:rd");

    @Test
    void tlsRegistryWithUserAnswersSkopeoWithTheAuthFileAndRejectsAnonymousRequests() throws Exception {
        Skopeo skopeo = Skopeo.create();
        // An empty repository: skopeo gets through TLS and auth and is told the tag is unknown.
        IOException unknown = assertThrows(IOException.class,
                () -> skopeo.run(List.of("inspect", "--raw", "--authfile=" + SECURED.authFile(), "--cert-dir=" + SECURED.certDir(),
                        "docker://" + SECURED.host() + "/nothing/here:1")));
        assertTrue(unknown.getMessage().contains("manifest unknown") || unknown.getMessage().contains("not found"), unknown.getMessage());
        IOException anonymous = assertThrows(IOException.class,
                () -> skopeo.run(List.of("inspect", "--raw", "--cert-dir=" + SECURED.certDir(), "docker://" + SECURED.host() + "/nothing/here:1")));
        assertTrue(anonymous.getMessage().contains("authentication required") || anonymous.getMessage().contains("unauthorized"),
                anonymous.getMessage());
        assertTrue(SECURED.requests().stream().anyMatch(r -> r.startsWith("GET /v2/nothing/here/manifests/1 404")), SECURED.requests().toString());
    }

    @Test
    void plainHttpRegistryStartsAndStops() throws Exception {
        try (LocalRegistry plain = LocalRegistry.http().start()) {
            assertEquals("http", plain.scheme());
            plain.stop();
            assertThrows(IOException.class, () -> new java.net.Socket("127.0.0.1", plain.port()).close());
        }
    }
}
