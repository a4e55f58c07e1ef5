package rose.appliance.api;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One command sentence split into its parts (reference 05 §3): the command word,
 * {@code =name=value} attributes (the value may hold more {@code =}), API attributes
 * ({@code .tag=}) and {@code ?} query words, in order.
 */
record ApiRequest(String command, Map<String, String> attributes, String tag, List<String> queries) {
    static ApiRequest parse(List<String> words) {
        Map<String, String> attrs = new LinkedHashMap<>();
        List<String> queries = new ArrayList<>();
        String tag = null;
        for (int i = 1; i < words.size(); i++) {
            String w = words.get(i);
            if (w.startsWith("=")) {
                int eq = w.indexOf('=', 1);
                if (eq < 0) attrs.put(w.substring(1), "");
                else attrs.put(w.substring(1, eq), w.substring(eq + 1));
            } else if (w.startsWith(".tag=")) {
                tag = w.substring(5);
            } else if (w.startsWith("?")) {
                queries.add(w.substring(1));
            }
            // other words (.other=, bare words) are ignored, as RouterOS does
        }
        return new ApiRequest(words.get(0), attrs, tag, queries);
    }
}
