package rose.cli.lang;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

import rose.cli.db.Item;

/**
 * Resolves item references (reference 01 §5): print numbers ({@code 0}, {@code 0,2},
 * {@code 1-3}), internal ids ({@code *1A}), names, and id lists from {@code [find]}.
 */
final class ItemRefs {
    private ItemRefs() {
    }

    /** Ids of the items {@code ref} names, in the order given; "no such item" if any is missing. */
    static List<Integer> resolve(Interpreter in, MenuView view, Ast.Node ref, Frame f) throws CliError {
        Val v = ref instanceof Ast.Word w ? new Val.Str(w.text()) : in.eval(ref, f);
        Set<Integer> out = new LinkedHashSet<>();
        collect(view, v, f, ref.pos(), out);
        return new ArrayList<>(out);
    }

    private static void collect(MenuView view, Val v, Frame f, Pos at, Set<Integer> out) throws CliError {
        if (v instanceof Val.Arr a) {
            for (Val x : a.values()) collect(view, x, f, at, out);
            return;
        }
        if (v instanceof Val.Id id) {
            if (view.find(id.value()) == null) throw CliError.value("no such item", at);
            out.add(id.value());
            return;
        }
        if (v instanceof Val.Num n) {
            out.add(byNumber(view, (int) n.value(), f, at));
            return;
        }
        String text = v.text();
        if (text.isEmpty()) return;
        for (String part : text.split(",")) one(view, part, f, at, out);
    }

    private static void one(MenuView view, String part, Frame f, Pos at, Set<Integer> out) throws CliError {
        if (part.startsWith("*")) {
            int id = Item.parseId(part);
            if (id < 0 || view.find(id) == null) throw CliError.value("no such item", at);
            out.add(id);
            return;
        }
        if (part.matches("\\d{1,6}")) {
            out.add(byNumber(view, Integer.parseInt(part), f, at));
            return;
        }
        if (part.matches("\\d{1,6}-\\d{1,6}")) {
            int dash = part.indexOf('-');
            int a = Integer.parseInt(part.substring(0, dash)), b = Integer.parseInt(part.substring(dash + 1));
            for (int k = a; k <= b; k++) out.add(byNumber(view, k, f, at));
            return;
        }
        for (Item i : view.items) {
            if (part.equals(Names.nameOf(view.ownerOf(i), i))) {
                out.add(i.id());
                return;
            }
        }
        throw CliError.value("no such item", at);
    }

    private static int byNumber(MenuView view, int n, Frame f, Pos at) throws CliError {
        List<Integer> numbering = f.session.numbering(view);
        if (n < 0 || n >= numbering.size()) throw CliError.value("no such item", at);
        int id = numbering.get(n);
        if (view.find(id) == null) throw CliError.value("no such item", at);
        return id;
    }

}
