package io.microai.cli.gen;

import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.representer.Represent;
import org.yaml.snakeyaml.representer.Representer;

/** Renders maps and lists as block YAML, in insertion order, the same bytes on every run. */
final class YamlText {
    private YamlText() {
    }

    static String render(Object document) {
        DumperOptions options = new DumperOptions();
        options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
        options.setIndent(2);
        options.setIndicatorIndent(2);
        options.setIndentWithIndicator(true);
        options.setLineBreak(DumperOptions.LineBreak.UNIX);
        // Folding long PromQL at column 80 makes it hard to read and to diff.
        options.setSplitLines(false);
        options.setWidth(Integer.MAX_VALUE);
        return new Yaml(new LiteralBlocks(options), options).dump(document);
    }

    /** Writes multi-line strings (long PromQL) as literal blocks instead of escaped one-liners. */
    private static final class LiteralBlocks extends Representer {
        LiteralBlocks(DumperOptions options) {
            super(options);
            Represent plain = representers.get(String.class);
            representers.put(String.class, data -> ((String) data).indexOf('\n') >= 0
                    ? representScalar(org.yaml.snakeyaml.nodes.Tag.STR, (String) data, DumperOptions.ScalarStyle.LITERAL)
                    : plain.representData(data));
        }
    }
}
