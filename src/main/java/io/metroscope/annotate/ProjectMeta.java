package io.metroscope.annotate;

import io.metroscope.body.TemplateKind;

/**
 * What a project is about: the open template its meshes are of (kept inside the project) and who made it when.
 *
 * @param kind           body or hand
 * @param templateSha256 SHA-256 of the template file's bytes
 * @param templateSource where the template came from (file name), for provenance
 * @param createdAt      creation time, milliseconds since the epoch
 * @param createdBy      the user who created it
 */
public record ProjectMeta(TemplateKind kind, String templateSha256, String templateSource, long createdAt,
        String createdBy) {
}
