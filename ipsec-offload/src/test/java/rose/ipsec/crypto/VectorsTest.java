package rose.ipsec.crypto;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class VectorsTest {
    @Test
    void everyRouterOsAlgorithmHasAtLeastOneVector() {
        Set<EncAlgorithm> enc = Vectors.all().stream().map(v -> v.transform().enc()).collect(Collectors.toCollection(() -> EnumSet.noneOf(EncAlgorithm.class)));
        Set<AuthAlgorithm> auth = Vectors.all().stream().map(v -> v.transform().auth()).collect(Collectors.toCollection(() -> EnumSet.noneOf(AuthAlgorithm.class)));
        assertEquals(EnumSet.allOf(EncAlgorithm.class), enc);
        assertEquals(EnumSet.allOf(AuthAlgorithm.class), auth);
    }

    @Test
    void idsAreUniqueAndEsnVectorsArePresent() {
        List<String> ids = Vectors.all().stream().map(KnownAnswer::id).toList();
        assertEquals(ids.size(), Set.copyOf(ids).size());
        assertTrue(Vectors.all().stream().anyMatch(v -> v.esnHigh().isPresent()));
    }

    @Test
    void aMalformedVectorIsRefusedWithItsName() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Vectors.parse("x.txt",
                List.of("[short-key]", "enc = aes-128-cbc", "key = 00", "iv = 00000000000000000000000000000000")));
        assertTrue(e.getMessage().contains("short-key"), e.getMessage());
    }
}
