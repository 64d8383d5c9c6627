package io.metroscope.annotate;

/**
 * One row of the review queue.
 *
 * @param id             the item's id
 * @param imagePath      its image, relative to the project's folder ('/' separators)
 * @param status         review status
 * @param labeler        who works on it (null: nobody yet)
 * @param estimatedError estimated error in millimetres (null: unknown), see {@link ProjectImporter}
 * @param updatedAt      last change, milliseconds since the epoch
 */
public record ItemSummary(long id, String imagePath, ItemStatus status, String labeler, Double estimatedError,
        long updatedAt) {
}
