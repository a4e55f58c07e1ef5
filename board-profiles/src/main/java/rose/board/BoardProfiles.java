package rose.board;


import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * The registry of board profiles, in the order of the index file.
 *
 * <ol>
 *   <li>{@link #load()} reads {@code rose/board/boards/index.json}: the ids and the fallback id;
 *   <li>each id is read from {@code rose/board/boards/<id>.json} and checked ({@link BoardProfileReader});
 *   <li>any error names the file and the field and stops the load: a router must not boot on half a profile.
 * </ol>
 *
 * Instances are immutable; load once at start-up and pass the instance on.
 */
public final class BoardProfiles {

    /** Class-path folder of the data files. */
    public static final String RESOURCE_DIR = "rose/board/boards/";
    /** Index file inside {@link #RESOURCE_DIR}. */
    public static final String INDEX = "index.json";

    private final Map<String, BoardProfile> byId;
    private final String fallbackId;

    private BoardProfiles(Map<String, BoardProfile> byId, String fallbackId) {
        this.byId = Collections.unmodifiableMap(byId);
        this.fallbackId = fallbackId;
    }

    /** All profiles shipped with this module. */
    public static BoardProfiles load() {
        return load(BoardProfiles.class.getClassLoader());
    }

    /** All profiles listed by the index found through {@code loader}. */
    public static BoardProfiles load(ClassLoader loader) {
        JsonFields index = JsonFields.of(readTree(loader, INDEX), INDEX);
        List<String> ids = index.texts("boards");
        String fallback = index.text("fallback");
        index.done();
        List<BoardProfile> profiles = new ArrayList<>();
        for (String id : ids) {
            String file = id + ".json";
            profiles.add(BoardProfileReader.read(JsonFields.of(readTree(loader, file), file), id));
        }
        return of(profiles, fallback);
    }

    /** A registry over the given profiles; {@code fallbackId} must be one of them. */
    public static BoardProfiles of(List<BoardProfile> profiles, String fallbackId) {
        Map<String, BoardProfile> map = new LinkedHashMap<>();
        for (BoardProfile p : profiles) {
            if (map.putIfAbsent(p.id(), p) != null) {
                throw new BoardDataException("board id '" + p.id() + "' is listed twice");
            }
        }
        if (!map.containsKey(fallbackId)) {
            throw new BoardDataException("fallback board '" + fallbackId + "' is not among the profiles");
        }
        return new BoardProfiles(map, fallbackId);
    }

    private static Object readTree(ClassLoader loader, String file) {
        try (InputStream in = loader.getResourceAsStream(RESOURCE_DIR + file)) {
            if (in == null) {
                throw new BoardDataException(RESOURCE_DIR + file + ": not found on the class path");
            }
            return JsonTree.read(in);
        } catch (IOException e) {
            throw new BoardDataException(RESOURCE_DIR + file + ": " + e.getMessage(), e);
        }
    }

    /** Every profile, in index order. */
    public List<BoardProfile> all() {
        return List.copyOf(byId.values());
    }

    /** Every id, in index order. */
    public List<String> ids() {
        return List.copyOf(byId.keySet());
    }

    /** The profile with this id (ids are lower-case; the lookup ignores case). */
    public Optional<BoardProfile> byId(String id) {
        Objects.requireNonNull(id, "id");
        return Optional.ofNullable(byId.get(id.toLowerCase(Locale.ROOT)));
    }

    /** The profile used when detection finds nothing better (the generic x86 profile). */
    public BoardProfile fallback() {
        return byId.get(fallbackId);
    }
}
