package io.jenkins.plugins.aliyun.registry.engine.registry;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.jenkins.plugins.aliyun.registry.engine.InvalidInputException;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryCatalogue.Entry;
import io.jenkins.plugins.aliyun.registry.engine.registry.RegistryCatalogue.Resolved;
import java.util.List;
import org.junit.jupiter.api.Test;

/** How a step's registry argument resolves against the administrator's catalogue. */
class RegistryCatalogueTest {

    private static final String WHERE = "Manage Jenkins » System » Aliyun Container Registry";
    private static final Entry PROD = new Entry("acr-prod", "crpi-abc.cn-hangzhou.personal.cr.aliyuncs.com", "team", "acr-login", true,
            false, null);
    private static final Entry NEXUS = new Entry("nexus", "nexus.example.com:8082", null, "nexus-login", false, true, "PEM");

    private static RegistryCatalogue of(Entry... entries) {
        return new RegistryCatalogue(List.of(entries), WHERE);
    }

    @Test
    void nothingGivenMeansTheOnlyEntry() throws Exception {
        assertEquals(new Resolved(PROD.host(), "acr-login", "team", true, false, null), of(PROD).resolve(null, null, " "));
        for (RegistryCatalogue c : new RegistryCatalogue[] {of(), of(PROD, NEXUS)}) {
            InvalidInputException e = assertThrows(InvalidInputException.class, () -> c.resolve("  ", null, null));
            assertEquals("No registry given: pass registry (a name from the catalogue or a host), or define exactly one registry in "
                    + WHERE + ".", e.getMessage());
        }
    }

    @Test
    void aNameTakesItsEntrysSettingsAndTheStepsArgumentsWin() throws Exception {
        assertEquals(new Resolved(NEXUS.host(), "nexus-login", null, false, true, "PEM"), of(PROD, NEXUS).resolve("nexus", null, null));
        assertEquals(new Resolved(PROD.host(), "other", "ns2", true, false, null), of(PROD, NEXUS).resolve("acr-prod", "other", "ns2"));
    }

    @Test
    void anUnknownNameListsTheKnownOnesAndTheFix() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> of(PROD, NEXUS).resolve("acr-test", null, null));
        assertEquals("There is no registry named \"acr-test\" in " + WHERE + "; known: acr-prod, nexus. Give one of those names or a host"
                + " such as crpi-xxxx.cn-hangzhou.personal.cr.aliyuncs.com.", e.getMessage());
    }

    @Test
    void withAnEmptyCatalogueABareWordIsLeftToTheEngine() throws Exception {
        assertEquals(new Resolved("myregistry", "id", null, false, false, null), of().resolve("myregistry", "id", null));
    }

    @Test
    void aHostTakesTheSettingsOfTheEntryForTheSameHostAndKeepsItsOwnNamespace() throws Exception {
        RegistryCatalogue c = of(PROD, NEXUS);
        assertEquals(new Resolved("NEXUS.example.com:8082", "nexus-login", null, false, true, "PEM"),
                c.resolve("NEXUS.example.com:8082", null, null), "hosts compare as the engine normalises them");
        assertEquals(new Resolved("nexus.example.com:8082/builds", "nexus-login", null, false, true, "PEM"),
                c.resolve("nexus.example.com:8082/builds", null, null), "the host's own namespace, not the entry's");
        assertEquals(new Resolved(PROD.host(), "acr-login", "team", true, false, null), c.resolve(PROD.host(), null, null));
        assertEquals(new Resolved("nexus.example.com:9000", null, null, false, false, null), c.resolve("nexus.example.com:9000", null, null),
                "another port is another registry");
    }

    @Test
    void twoEntriesWithOneNameAreAnErrorWithTheFixNotAGuess() {
        Entry twin = new Entry("nexus", "other.example.com", null, null, false, false, null);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> of(NEXUS, twin).resolve("nexus", null, null));
        assertEquals("2 registries are named \"nexus\" in " + WHERE + ": rename all but one, so that steps can tell them apart", e.getMessage());
    }

    @Test
    void namesNeverLookLikeHosts() {
        assertTrue(RegistryCatalogue.looksLikeHost("localhost:5000"));
        assertTrue(RegistryCatalogue.looksLikeHost("registry.example.com"));
        assertTrue(RegistryCatalogue.looksLikeHost("host/ns"));
        assertFalse(RegistryCatalogue.looksLikeHost("acr-prod"));
    }

    @Test
    void aNameWithADotFromConfigurationAsCodeStillFindsItsEntryUnlessAnEntryIsForThatHost() throws Exception {
        Entry dotted = new Entry("acr.prod", "crpi-abc.cn-hangzhou.personal.cr.aliyuncs.com", "team", "acr-login", true, false, null);
        assertEquals(new Resolved(dotted.host(), "acr-login", "team", true, false, null), of(NEXUS, dotted).resolve("acr.prod", null, null),
                "not a push to a machine called acr.prod");
        assertEquals(new Resolved(dotted.host(), "other", "ns2", true, false, null), of(NEXUS, dotted).resolve("acr.prod", "other", "ns2"));
        Entry forThatHost = new Entry("box", "acr.prod", null, "box-login", false, true, null);
        assertEquals(new Resolved("acr.prod", "box-login", null, false, true, null), of(dotted, forThatHost).resolve("acr.prod", null, null),
                "a value with a dot is a host first, as documented");
        assertEquals(new Resolved("elsewhere.example.com", null, null, false, false, null),
                of(NEXUS, dotted).resolve("elsewhere.example.com", null, null));
    }

    @Test
    void aSourceRegistryIsAlwaysAHostEvenWithoutADot() {
        Entry local = new Entry("localhost", "mirror.example.com", null, "mirror-login", false, false, null);
        Entry box = new Entry("box", "localhost:5000", null, "box-login", false, true, "PEM");
        RegistryCatalogue c = of(PROD, local, box);
        assertEquals(new Resolved("localhost", null, null, false, false, null), c.resolveHost("localhost", null),
                "not the entry named localhost");
        assertEquals(new Resolved("localhost:5000", "box-login", null, false, true, "PEM"), c.resolveHost("localhost:5000", null));
        assertEquals(new Resolved("localhost:5000", "src-login", null, false, true, "PEM"), c.resolveHost("localhost:5000", "src-login"));
    }
}
