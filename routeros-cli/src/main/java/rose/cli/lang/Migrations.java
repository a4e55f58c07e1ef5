package rose.cli.lang;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

import rose.cli.RouterOs;
import rose.cli.db.Effective;
import rose.cli.db.Item;
import rose.cli.db.Origin;
import rose.cli.db.Tx;
import rose.cli.lang.Ast.Word;
import rose.cli.schema.Menu;
import rose.cli.schema.Property;

/**
 * Pre-6.43 IPsec syntax, as old exports and forum guides still carry it (reference 02 §14):
 * phase-1 settings and authentication lived on the peer. Such a peer becomes a profile (named
 * after the peer) + the peer + an identity, in the same transaction, and the log says so.
 * Also: {@code exchange-mode=main-l2tp} → {@code main}, {@code generate-policy=yes} →
 * {@code port-override}, {@code xauth-login/-password} → identity {@code username/password},
 * {@code auth-method=rsa-signature} → {@code digital-signature}, short proposal cipher names
 * ({@code aes-256} → {@code aes-256-cbc}), and identity {@code peer-address=} → the peer with
 * that address.
 */
final class Migrations {
    static final String PEER = "ip ipsec peer";
    static final String PROFILE = "ip ipsec profile";
    static final String IDENTITY = "ip ipsec identity";
    static final String PROPOSAL = "ip ipsec proposal";

    static final List<String> PROFILE_PROPS = List.of("hash-algorithm", "enc-algorithm", "dh-group", "lifetime",
            "lifebytes", "nat-traversal", "proposal-check", "dpd-interval", "dpd-maximum-failures");
    static final List<String> IDENTITY_PROPS = List.of("secret", "auth-method", "certificate", "remote-certificate",
            "key", "remote-key", "my-id", "generate-policy", "policy-template-group", "mode-config", "notrack-chain",
            "xauth-login", "xauth-password");
    /** Dropped by RouterOS itself when it moved to profiles. */
    static final List<String> DROPPED = List.of("compatibility-options");

    private Migrations() {
    }

    /** Argument names a menu accepts only for migration. */
    static List<String> legacyNames(String menu) {
        if (menu.equals(PEER)) {
            List<String> out = new java.util.ArrayList<>(PROFILE_PROPS);
            out.addAll(IDENTITY_PROPS);
            out.addAll(DROPPED);
            return out;
        }
        if (menu.equals(IDENTITY)) return List.of("peer-address");
        return List.of();
    }

    /** Rewrites legacy arguments; for a peer, creates its profile and returns the peer values it implies. */
    static Map<String, String> beforeAdd(RouterOs r, Menu m, Args a, Map<String, String> values, Tx tx, Frame f,
                                         Interpreter in) throws CliError {
        renameValues(m, a);
        Map<String, String> out = new LinkedHashMap<>();
        if (m.path().equals(IDENTITY) && a.named.containsKey("peer-address")) {
            Args.Named pa = a.named.remove("peer-address");
            String peer = peerByAddress(r, tx, in.inputText(pa.value(), f));
            if (peer == null) throw CliError.value("input does not match any value of peer-address", pa.valuePos());
            out.put("peer", peer);
        }
        if (m.path().equals(PEER) && hasAny(a, PROFILE_PROPS)) {
            String peerName = a.named.containsKey("name") ? in.inputText(a.named.get("name").value(), f) : values.get("name");
            String profile = createProfile(r, a, tx, f, in, peerName, Map.of());
            out.put("profile", profile);
        }
        return out;
    }

    /** After the peer exists: its identity. */
    static void afterAdd(RouterOs r, Menu m, Item item, Args a, Tx tx, Frame f, Interpreter in) throws CliError {
        if (!m.path().equals(PEER)) return;
        String peerName = Names.nameOf(m, item);
        boolean identity = hasAny(a, IDENTITY_PROPS);
        if (identity) writeIdentity(r, a, tx, f, in, peerName, null);
        if (identity || hasAny(a, PROFILE_PROPS)) {
            r.log().info("ipsec", "migrated pre-6.43 peer " + peerName + ": phase-1 settings to profile "
                    + Effective.value(m, item, "profile") + (identity ? ", authentication to an identity" : ""));
        }
    }

    /** {@code set} on a peer with legacy arguments updates its profile and identity instead. */
    static Map<String, String> beforeSet(RouterOs r, Menu m, Item item, Args a, Tx tx, Frame f, Interpreter in)
            throws CliError {
        renameValues(m, a);
        Map<String, String> out = new LinkedHashMap<>();
        if (!m.path().equals(PEER)) return out;
        String peerName = Names.nameOf(m, item);
        if (hasAny(a, PROFILE_PROPS)) {
            Menu pm = r.schema().require(PROFILE);
            String current = Effective.value(m, item, "profile");
            Item cur = current == null ? null : findByName(pm, tx, current);
            if (cur != null && cur.origin() == Origin.USER && current.equals(peerName)) {
                Map<String, String> v = validated(r, pm, a, PROFILE_PROPS, tx, f, in);
                tx.replace(PROFILE, cur.with(v));
            } else {
                Map<String, String> base = cur == null ? Map.of() : Effective.explicit(cur);
                out.put("profile", createProfile(r, a, tx, f, in, peerName, base));
            }
        }
        if (hasAny(a, IDENTITY_PROPS)) {
            Item existing = null;
            for (Item i : tx.items(IDENTITY)) if (peerName.equals(i.get("peer"))) { existing = i; break; }
            writeIdentity(r, a, tx, f, in, peerName, existing);
        }
        return out;
    }

    private static void renameValues(Menu m, Args a) {
        if (m.path().equals(PEER)) {
            rewrite(a, "exchange-mode", Map.of("main-l2tp", "main"));
            rewrite(a, "generate-policy", Map.of("yes", "port-override"));
            rewrite(a, "auth-method", Map.of("rsa-signature", "digital-signature"));
        }
        if (m.path().equals(PROPOSAL) && a.named.containsKey("enc-algorithms")) {
            Args.Named n = a.named.get("enc-algorithms");
            if (n.value() instanceof Word w) {
                StringBuilder sb = new StringBuilder();
                for (String part : w.text().split(",", -1)) {
                    if (sb.length() > 0) sb.append(',');
                    sb.append(part.matches("aes-(128|192|256)") ? part + "-cbc" : part);
                }
                a.named.put(n.name(), new Args.Named(n.name(), new Word(sb.toString(), w.pos()), n.pos(), n.valuePos()));
            }
        }
    }

    private static void rewrite(Args a, String name, Map<String, String> map) {
        Args.Named n = a.named.get(name);
        if (n != null && n.value() instanceof Word w && map.containsKey(w.text())) {
            a.named.put(name, new Args.Named(name, new Word(map.get(w.text()), w.pos()), n.pos(), n.valuePos()));
        }
    }

    private static boolean hasAny(Args a, List<String> names) {
        for (String n : names) if (a.named.containsKey(n)) return true;
        return false;
    }

    private static String createProfile(RouterOs r, Args a, Tx tx, Frame f, Interpreter in, String peerName,
                                        Map<String, String> base) throws CliError {
        Menu pm = r.schema().require(PROFILE);
        Set<String> taken = Names.names(pm, tx.state());
        String name = peerName;
        for (int n = 2; taken.contains(name); n++) name = peerName + "-" + n;
        Map<String, String> v = new LinkedHashMap<>(base);
        v.putAll(validated(r, pm, a, PROFILE_PROPS, tx, f, in));
        v.put("name", name);
        tx.add(PROFILE, -1, Origin.USER, v);
        return name;
    }

    private static void writeIdentity(RouterOs r, Args a, Tx tx, Frame f, Interpreter in, String peerName,
                                      Item existing) throws CliError {
        Menu im = r.schema().require(IDENTITY);
        Map<String, String> v = new LinkedHashMap<>();
        Map<String, String> renames = Map.of("xauth-login", "username", "xauth-password", "password");
        for (String legacy : IDENTITY_PROPS) {
            Args.Named n = a.named.get(legacy);
            if (n == null) continue;
            String target = renames.getOrDefault(legacy, legacy);
            Property p = im.properties().get(target);
            if (p == null) continue;
            v.put(target, Validator.canonical(r.schema(), p, in.inputText(n.value(), f), tx.state(), n.valuePos()));
        }
        if (existing != null) tx.replace(IDENTITY, existing.with(v));
        else {
            v.put("peer", peerName);
            tx.add(IDENTITY, -1, Origin.USER, v);
        }
    }

    private static Map<String, String> validated(RouterOs r, Menu target, Args a, List<String> names, Tx tx, Frame f,
                                                 Interpreter in) throws CliError {
        Map<String, String> v = new LinkedHashMap<>();
        for (String name : names) {
            Args.Named n = a.named.get(name);
            Property p = target.properties().get(name);
            if (n == null || p == null) continue;
            v.put(name, Validator.canonical(r.schema(), p, in.inputText(n.value(), f), tx.state(), n.valuePos()));
        }
        return v;
    }

    private static Item findByName(Menu m, Tx tx, String name) {
        for (Item i : tx.items(m.path())) if (name.equals(Names.nameOf(m, i))) return i;
        return null;
    }

    private static String peerByAddress(RouterOs r, Tx tx, String address) {
        Menu pm = r.schema().require(PEER);
        String bare = address.endsWith("/32") ? address.substring(0, address.length() - 3) : address;
        for (Item i : tx.items(PEER)) {
            String a = Effective.value(pm, i, "address");
            if (a != null && (a.equals(bare) || a.equals(bare + "/32"))) return Names.nameOf(pm, i);
        }
        return null;
    }
}
