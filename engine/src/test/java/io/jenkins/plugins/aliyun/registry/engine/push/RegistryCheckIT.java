package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.auth.RegistryCredentials;
import io.jenkins.plugins.aliyun.registry.engine.testing.LocalRegistry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class RegistryCheckIT {

    @RegisterExtension
    static final LocalRegistry REGISTRY = LocalRegistry.tls().withUser("checker", "s3cret:pa$$ wörd");

    private static RegistryAccess access(String password) throws InvalidInputException {
        return RegistryAccess.anonymous()
                .withCaCertificate(REGISTRY.caCertificatePem())
                .withCredentials(RegistryCredentials.of("checker", password));
    }

    @Test
    void theRightPasswordLogsIn() throws Exception {
        RegistryCheck.login(REGISTRY.host(), access("s3cret:pa$$ wörd"));
    }

    @Test
    void aWrongBasicPasswordIsRefusedAtOnceWithoutEchoingIt() {
        RegistryException e = assertThrows(RegistryException.class,
                () -> RegistryCheck.login(REGISTRY.host(), access("wrong-password")));
        assertEquals(RegistryException.Problem.UNAUTHORIZED, e.getProblem());
        assertFalse(e.getMessage().contains("wrong-password"), e.getMessage());
    }

    @Test
    void anUnknownCertificateAuthorityIsExplained() {
        RegistryException e = assertThrows(RegistryException.class, () -> RegistryCheck.login(REGISTRY.host(),
                RegistryAccess.anonymous().withCredentials(RegistryCredentials.of("checker", "s3cret:pa$$ wörd"))));
        assertEquals(RegistryException.Problem.UNKNOWN_CERTIFICATE_AUTHORITY, e.getProblem());
    }
}
