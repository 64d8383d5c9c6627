package io.metroscope.annotate;

import java.util.List;

/**
 * What an import did: the ids of the items added, and one message per input that was skipped (naming the file,
 * what is wrong and the fix). Items already in the project are never touched by an import.
 */
public record ImportReport(List<Long> imported, List<String> problems) {

    public ImportReport {
        imported = List.copyOf(imported);
        problems = List.copyOf(problems);
    }

    /** A one-line summary. */
    public String summary() {
        return imported.size() + " item" + (imported.size() == 1 ? "" : "s") + " imported"
                + (problems.isEmpty() ? "" : ", " + problems.size() + " skipped");
    }
}
