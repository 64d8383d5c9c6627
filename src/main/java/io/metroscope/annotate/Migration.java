package io.metroscope.annotate;

import java.util.List;

/**
 * One schema step: after it the database's {@code PRAGMA user_version} is {@code version}.
 *
 * @param version     the schema version it leads to (1, 2, … without gaps)
 * @param description what it changes, for logs and messages
 * @param statements  SQL statements run in order inside one transaction
 */
public record Migration(int version, String description, List<String> statements) {

    public Migration {
        if (version < 1) {
            throw new IllegalArgumentException("migration versions start at 1");
        }
        statements = List.copyOf(statements);
    }
}
