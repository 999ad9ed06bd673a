package io.jenkins.plugins.aliyun.registry.engine.push;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class TokenScopeTest {

    private static final List<String> ASKED = List.of("repository:team/b:pull,push", "repository:team/a:pull");

    @Test
    void challengeScopeAlreadyAskedForIsCovered() {
        assertTrue(RegistryClient.covered("repository:team/b:pull", ASKED));
        assertTrue(RegistryClient.covered("repository:team/b:push,pull", ASKED));
        assertTrue(RegistryClient.covered("repository:team/a:pull", ASKED));
    }

    @Test
    void challengeScopeWithAnotherActionOrRepositoryIsNotCovered() {
        assertFalse(RegistryClient.covered("repository:team/a:pull,push", ASKED));
        assertFalse(RegistryClient.covered("repository:team/c:pull", ASKED));
        assertFalse(RegistryClient.covered("repository:team/b/sub:pull", ASKED));
        assertFalse(RegistryClient.covered("repository:team:pull", ASKED));
        assertFalse(RegistryClient.covered("registry:catalog:*", ASKED));
    }
}
