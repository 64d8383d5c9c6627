package io.metroscope.train;

import io.metroscope.format.FormatException;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where the files of a METRO TSV dataset are, as {@code MeshTSVYamlDataset} finds them: a yaml with {@code img},
 * {@code label}, {@code hw} and {@code linelist} entries (paths relative to the yaml's folder, or as given), or a
 * folder holding such a yaml or {@code <split>.img.tsv} with its siblings. {@code label}, {@code hw} and
 * {@code linelist} may be null.
 *
 * @param source the yaml or folder it was found from (for messages)
 */
public record MetroTsvLayout(Path source, Path img, Path label, Path hw, Path linelist) {

    /** Whether {@code path} looks like a TSV dataset (a yaml file, or a folder with a yaml or an image TSV). */
    public static boolean looksLike(Path path) {
        if (Files.isRegularFile(path)) {
            return isYaml(path);
        }
        if (!Files.isDirectory(path)) {
            return false;
        }
        try (Stream<Path> files = Files.list(path)) {
            return files.anyMatch(p -> isYaml(p) || p.getFileName().toString().endsWith(".img.tsv"));
        } catch (IOException e) {
            return false;
        }
    }

    /** Whether {@code p} names a yaml file ({@code .yaml} or {@code .yml}, any case). */
    public static boolean isYaml(Path p) {
        String n = p.getFileName() == null ? "" : p.getFileName().toString().toLowerCase(Locale.ROOT);
        return n.endsWith(".yaml") || n.endsWith(".yml");
    }

    /** Finds the files from a yaml or a folder; a missing or foreign layout is a {@link FormatException}. */
    public static MetroTsvLayout locate(Path path) throws IOException {
        if (Files.isDirectory(path)) {
            return fromFolder(path);
        }
        if (!Files.isRegularFile(path)) {
            throw new FormatException(path, "no such file or folder", "give a METRO dataset yaml (e.g. train.yaml)"
                    + " or the folder holding its TSV files");
        }
        return fromYaml(path);
    }

    private static MetroTsvLayout fromFolder(Path dir) throws IOException {
        List<Path> yamls = new ArrayList<>();
        List<Path> images = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            files.sorted().forEach(p -> {
                if (isYaml(p)) {
                    yamls.add(p);
                } else if (p.getFileName().toString().endsWith(".img.tsv")) {
                    images.add(p);
                }
            });
        }
        if (yamls.size() == 1) {
            return fromYaml(yamls.get(0));
        }
        if (yamls.isEmpty() && images.size() == 1) {
            Path img = images.get(0);
            String name = img.getFileName().toString();
            String split = name.substring(0, name.length() - ".img.tsv".length());
            return new MetroTsvLayout(dir, img, existing(dir.resolve(split + ".label.tsv")),
                    existing(dir.resolve(split + ".hw.tsv")), existing(dir.resolve(split + ".linelist.tsv")));
        }
        String found = yamls.size() > 1 ? yamls.size() + " yaml files" : images.size() > 1
                ? images.size() + " image TSVs and no yaml" : "no yaml and no *.img.tsv";
        throw new FormatException(dir, "the folder holds " + found + ", so the dataset is ambiguous or absent",
                "give the dataset's yaml file itself (e.g. " + dir.resolve("train.yaml") + ")");
    }

    private static Path existing(Path p) {
        return Files.isRegularFile(p) ? p : null;
    }

    /** Reads the flat {@code key: value} yaml the official scripts write. */
    static Map<String, String> readYaml(Path yaml) throws IOException {
        Map<String, String> out = new LinkedHashMap<>();
        List<String> lines = Files.readAllLines(yaml, StandardCharsets.UTF_8);
        for (int i = 0; i < lines.size(); i++) {
            String line = lines.get(i);
            int hash = line.indexOf(" #");
            String content = (line.startsWith("#") ? "" : hash >= 0 ? line.substring(0, hash) : line).strip();
            if (content.isEmpty() || content.equals("---")) {
                continue;
            }
            int colon = content.indexOf(':');
            if (colon <= 0 || Character.isWhitespace(line.charAt(0))) {
                throw new FormatException(yaml, "line " + (i + 1) + " is not a 'key: value' entry: '" + content + "'",
                        "a METRO dataset yaml holds lines such as 'img: train.img.tsv' and 'label: train.label.tsv'");
            }
            String value = content.substring(colon + 1).strip();
            if (value.length() >= 2 && (value.startsWith("'") && value.endsWith("'")
                    || value.startsWith("\"") && value.endsWith("\""))) {
                value = value.substring(1, value.length() - 1);
            }
            out.put(content.substring(0, colon).strip(), value);
        }
        return out;
    }

    private static MetroTsvLayout fromYaml(Path yaml) throws IOException {
        Map<String, String> cfg = readYaml(yaml);
        if (Boolean.parseBoolean(cfg.getOrDefault("composite", "false"))) {
            throw new FormatException(yaml, "composite TSV datasets (several TSVs joined by a sequence file) are not"
                    + " supported", "train on each part's own yaml, or merge the parts into one TSV");
        }
        String img = cfg.get("img");
        if (img == null || img.isEmpty()) {
            throw new FormatException(yaml, "it has no 'img' entry, so it is not a METRO TSV dataset yaml",
                    "add 'img: <split>.img.tsv' (and 'label:', 'hw:', 'linelist:'), or choose the dataset's yaml");
        }
        return new MetroTsvLayout(yaml, resolve(yaml, "img", img), optional(yaml, cfg, "label"),
                optional(yaml, cfg, "hw"), optional(yaml, cfg, "linelist"));
    }

    private static Path optional(Path yaml, Map<String, String> cfg, String key) throws FormatException {
        String v = cfg.get(key);
        return v == null || v.isEmpty() || v.equals("null") ? null : resolve(yaml, key, v);
    }

    /** As {@code find_file_path_in_yaml}, but the yaml's folder first: a dataset folder moves as a whole. */
    private static Path resolve(Path yaml, String key, String name) throws FormatException {
        Path parent = yaml.toAbsolutePath().getParent();
        Path beside = parent.resolve(name);
        if (Files.isRegularFile(beside)) {
            return beside;
        }
        Path asGiven = Path.of(name);
        if (Files.isRegularFile(asGiven)) {
            return asGiven;
        }
        throw new FormatException(yaml, "its '" + key + "' file " + name + " does not exist (looked in " + parent + ")",
                "put the TSV beside the yaml or correct the yaml's '" + key + "' entry");
    }
}
