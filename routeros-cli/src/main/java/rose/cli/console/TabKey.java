package rose.cli.console;

import org.jline.reader.Buffer;
import org.jline.reader.LineReader;
import org.jline.reader.Widget;

/**
 * The Tab key as RouterOS has it: the first Tab completes as far as the word is unambiguous;
 * a second Tab on the same text lists the choices (reference 01 §1 "Banner"). JLine either
 * lists at once or cycles a menu, so we tell the second press from the first ourselves: it
 * finds the line exactly as the first one left it.
 */
final class TabKey implements Widget {
    static final String NAME = "rose-complete";

    private final LineReader reader;
    private String afterLastTab;

    TabKey(LineReader reader) {
        this.reader = reader;
    }

    @Override
    public boolean apply() {
        boolean second = state().equals(afterLastTab);
        reader.callWidget(second ? LineReader.LIST_CHOICES : LineReader.COMPLETE_WORD);
        afterLastTab = state();
        return true;
    }

    private String state() {
        Buffer buf = reader.getBuffer();
        return buf.cursor() + ":" + buf;
    }
}
