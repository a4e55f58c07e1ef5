package rose.image;

import java.io.BufferedInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

import rose.appliance.upgrade.UpdateBundle;

/**
 * An update bundle taken apart into files, for the tests that rewrite one (a journal drop-in in
 * its root, a root of zeros) and write it again with {@link UpdateBundle#write}.
 *
 * @param values the manifest's values (built, version, ...)
 * @param parts  each part's name to the file it was copied into, in the manifest's order
 */
record UpdateParts(Map<String, String> values, Map<String, Path> parts) {
    static UpdateParts unpack(Path update, Path dir) throws Exception {
        Files.createDirectories(dir);
        Map<String, Path> parts = new LinkedHashMap<>();
        try (InputStream in = new BufferedInputStream(Files.newInputStream(update))) {
            UpdateBundle.Manifest m = UpdateBundle.readManifest(in);
            for (UpdateBundle.Part p : m.parts()) {
                Path f = dir.resolve(p.name());
                try (OutputStream o = Files.newOutputStream(f)) {
                    UpdateBundle.copyPart(in, p, o);
                }
                parts.put(p.name(), f);
            }
            return new UpdateParts(new LinkedHashMap<>(m.values()), parts);
        }
    }
}
