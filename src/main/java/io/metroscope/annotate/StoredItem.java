package io.metroscope.annotate;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/** One item with everything stored about it, read in one transaction (for exports). */
record StoredItem(AnnotatedItem item, MeshState mesh, Joints2d joints, List<Comment> comments,
        List<HistoryEntry> history) {

    static StoredItem read(Connection c, long id) throws SQLException {
        AnnotatedItem item = ItemTable.item(c, id);
        if (item == null) {
            throw new SQLException("item " + id + " does not exist");
        }
        return new StoredItem(item, MeshTable.get(c, id), JointTable.get(c, id, false), CommentTable.list(c, id),
                HistoryTable.list(c, id));
    }
}
