package io.metroscope.model;

import static org.assertj.core.api.Assertions.assertThat;

import io.metroscope.body.TemplateKind;
import org.junit.jupiter.api.Test;

class MeshKindTest {

    @Test
    void eachNetworkReadsTheTemplateKindOfItsName() {
        assertThat(MeshKind.of(TemplateKind.BODY)).isEqualTo(MeshKind.BODY);
        assertThat(MeshKind.of(TemplateKind.HAND)).isEqualTo(MeshKind.HAND);
        for (MeshKind kind : MeshKind.values()) {
            assertThat(kind.templateKind().name()).isEqualTo(kind.name());
            assertThat(MeshKind.of(kind.templateKind())).isEqualTo(kind);
        }
    }

    @Test
    void idsAreReadAsUsersTypeThem() {
        assertThat(MeshKind.fromId(" Hand ")).isEqualTo(MeshKind.HAND);
        assertThat(MeshKind.fromId("body")).isEqualTo(MeshKind.BODY);
    }
}
