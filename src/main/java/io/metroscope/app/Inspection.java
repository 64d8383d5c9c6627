package io.metroscope.app;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * What a file holds, as {@code metroscope inspect} prints it.
 *
 * @param kind e.g. "PyTorch checkpoint (zip)", "NumPy archive", "SMPL model (pickle)", "mesh (PLY)"
 * @param entries one row per tensor, array or mesh element, in file order
 * @param summary facts about the whole file, in display order
 */
public record Inspection(Path file, String kind, List<Entry> entries, Map<String, String> summary) {

    /** One tensor or array: its name, element type, shape, and a free note (e.g. "sparse, 6890 non-zeros"). */
    public record Entry(String name, String dtype, List<Integer> shape, String note) {
    }

    /** A fixed-width table followed by the summary. */
    public String toText() {
        StringBuilder sb = new StringBuilder();
        sb.append(file).append(": ").append(kind).append('\n');
        int width = entries.stream().mapToInt(e -> e.name().length()).max().orElse(4);
        for (Entry e : entries) {
            String note = e.note() == null ? "" : e.note();
            sb.append(String.format("  %-" + width + "s  %-8s  %-18s  %s", e.name(), e.dtype(), e.shape(), note)
                    .stripTrailing()).append('\n');
        }
        if (!summary.isEmpty()) {
            sb.append('\n');
            summary.forEach((k, v) -> sb.append(String.format("%s: %s%n", k, v)));
        }
        return sb.toString();
    }
}
