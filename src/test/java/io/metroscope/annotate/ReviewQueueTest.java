package io.metroscope.annotate;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The review queue: filters, orders, progress, next/previous and the review actions. */
class ReviewQueueTest {

    @TempDir
    Path temp;

    @Test
    void filtersSortsMovesAndReviews() throws Exception {
        try (AnnotationProject p = AnnotateFixtures.handProject(temp, 5)) {
            // Estimated errors as a model import would give them: 40, 10, none, 30, 20 mm.
            Double[] errors = {40.0, 10.0, null, 30.0, 20.0};
            ReviewQueue q = new ReviewQueue(p, p.editor());
            List<ItemSummary> rows = q.refresh();
            assertThat(rows).hasSize(5);
            for (int i = 0; i < 5; i++) {
                long id = rows.get(i).id();
                Double e = errors[i];
                p.database().write(c -> c.createStatement().executeUpdate("UPDATE items SET estimated_error = "
                        + (e == null ? "NULL" : e) + " WHERE id = " + id));
            }
            long[] ids = rows.stream().mapToLong(ItemSummary::id).toArray();
            assertThat(q.progress().total()).isEqualTo(5);
            assertThat(q.progress().count(ItemStatus.TODO)).isEqualTo(5);

            assertThat(q.current()).isEqualTo(ids[0]);
            assertThat(q.previous()).as("no row before the first").isNull();
            assertThat(q.next()).isEqualTo(ids[1]);
            p.setAuthor("bo");
            assertThat(q.accept()).isPositive();
            assertThat(q.next()).isEqualTo(ids[2]);
            p.setAuthor("cy");
            q.reject();
            q.next();
            q.flag();
            q.comment("the left wrist is hidden");
            assertThat(q.rows().get(3).status()).as("the row is updated in place").isEqualTo(ItemStatus.NEEDS_REVIEW);
            assertThat(q.next()).isEqualTo(ids[4]);
            assertThat(q.next()).as("no row after the last").isNull();
            assertThat(q.current()).isEqualTo(ids[4]);

            QueueProgress progress = q.progress();
            assertThat(progress.count(ItemStatus.ACCEPTED)).isEqualTo(1);
            assertThat(progress.count(ItemStatus.REJECTED)).isEqualTo(1);
            assertThat(progress.count(ItemStatus.NEEDS_REVIEW)).isEqualTo(1);
            assertThat(progress.count(ItemStatus.TODO)).isEqualTo(2);
            assertThat(progress.done()).isEqualTo(2);
            assertThat(progress.fractionDone()).isEqualTo(0.4);
            assertThat(q.labelers()).containsExactly("bo", "cy");
            assertThat(p.editor().snapshot(ids[3]).comments()).extracting(Comment::text, Comment::author)
                    .containsExactly(org.assertj.core.groups.Tuple.tuple("the left wrist is hidden", "cy"));

            assertThat(ids(q.setFilter(QueueFilter.all().withStatuses(Set.of(ItemStatus.TODO)))))
                    .containsExactly(ids[0], ids[4]);
            assertThat(q.current()).as("the current item stays when it still passes").isEqualTo(ids[4]);
            assertThat(ids(q.setFilter(QueueFilter.all().withStatuses(EnumSet.of(ItemStatus.ACCEPTED,
                    ItemStatus.REJECTED))))).containsExactly(ids[1], ids[2]);
            assertThat(ids(q.setFilter(QueueFilter.all().withLabeler("cy")))).containsExactly(ids[2], ids[3]);
            assertThat(ids(q.setFilter(QueueFilter.all().withErrorRange(15.0, 35.0)))).containsExactly(ids[3], ids[4]);
            assertThat(ids(q.setFilter(QueueFilter.all().withErrorRange(null, 20.0)))).containsExactly(ids[1], ids[4]);

            q.setFilter(QueueFilter.all());
            assertThat(ids(q.setSort(QueueSort.ERROR_HIGH_FIRST))).containsExactly(ids[0], ids[3], ids[4], ids[1],
                    ids[2]);
            assertThat(ids(q.setSort(QueueSort.ERROR_LOW_FIRST))).containsExactly(ids[1], ids[4], ids[3], ids[0],
                    ids[2]);
            assertThat(q.select(ids[3])).isTrue();
            assertThat(q.position()).isEqualTo(2);
            assertThat(q.next()).isEqualTo(ids[0]);

            // Review actions are undoable like edits.
            q.select(ids[1]);
            assertThat(p.editor().undo(ids[1])).isNotNull();
            q.reloadCurrent();
            assertThat(q.rows().get(q.position()).status()).isEqualTo(ItemStatus.TODO);
        }
    }

    private static List<Long> ids(List<ItemSummary> rows) {
        return rows.stream().map(ItemSummary::id).toList();
    }
}
