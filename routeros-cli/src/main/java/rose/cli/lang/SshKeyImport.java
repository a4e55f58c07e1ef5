package rose.cli.lang;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import rose.cli.auth.PublicKeyFile;
import rose.cli.auth.StoredForm;
import rose.cli.db.Item;
import rose.cli.db.Origin;
import rose.cli.db.Tx;
import rose.cli.lang.Ast.Node;
import rose.cli.schema.Menu;

/**
 * {@code /user ssh-keys import public-key-file=F user=U}: reads the public key file from the
 * router's files ({@link rose.cli.RouterOs#filesDir}, where {@code /file} and scp put files) and
 * adds each key in it for the user, in one transaction. Formats: {@link PublicKeyFile}. A name
 * outside the files directory is refused as a missing file: import never reads the host's files.
 * A key the user already has is not added twice.
 */
final class SshKeyImport {
    static final String MENU = "user ssh-keys";
    private final Interpreter in;

    SshKeyImport(Interpreter in) {
        this.in = in;
    }

    Val run(Menu m, List<Node> parts, Frame f, Pos pos) throws CliError {
        Args a = Args.bind(parts, new Args.Spec(0, List.of("public-key-file", "user"), List.of(), false, false));
        if (!a.named.containsKey("public-key-file")) throw CliError.value("missing value(s) of argument(s) public-key-file", pos);
        if (!a.named.containsKey("user")) throw CliError.value("missing value(s) of argument(s) user", pos);
        Args.Named fileArg = a.named.get("public-key-file");
        Args.Named userArg = a.named.get("user");
        String text = read(in.inputText(fileArg.value(), f), fileArg.valuePos());
        List<String> keys;
        try {
            keys = PublicKeyFile.keys(text);
        } catch (IllegalArgumentException e) {
            throw CliError.value(e.getMessage(), fileArg.valuePos());
        }
        return in.router.db().write((Tx tx) -> {
            String user = Validator.canonical(in.router.schema(), m.properties().get("user"),
                    in.inputText(userArg.value(), f), tx.state(), userArg.valuePos());
            for (String key : keys) {
                if (has(tx, user, key)) continue;
                Map<String, String> values = new LinkedHashMap<>();
                values.put("user", user);
                values.put("key", key);
                values.putAll(StoredForm.describeKey(key));
                tx.add(MENU, -1, Origin.USER, values);
            }
            return Val.NIL;
        });
    }

    private static boolean has(Tx tx, String user, String key) {
        for (Item k : tx.items(MENU)) {
            if (user.equals(k.get("user")) && k.get("key") != null && StoredForm.keyBlob(k.get("key")).equals(StoredForm.keyBlob(key))) return true;
        }
        return false;
    }

    private String read(String name, Pos pos) throws CliError {
        Path dir = in.router.filesDir().toAbsolutePath().normalize();
        Path file = dir.resolve(name.startsWith("/") ? name.substring(1) : name).normalize();
        if (name.isEmpty() || !file.startsWith(dir) || !Files.isRegularFile(file)) throw CliError.value("failure: no such file", pos);
        try {
            if (Files.size(file) > 64 << 10) throw CliError.value(PublicKeyFile.UNABLE, pos);
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw CliError.value(PublicKeyFile.UNABLE, pos);
        }
    }
}
