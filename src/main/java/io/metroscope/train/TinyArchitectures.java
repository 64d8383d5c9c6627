package io.metroscope.train;

import io.metroscope.model.BlockSpec;
import io.metroscope.model.MeshKind;
import io.metroscope.model.MetroArchitecture;
import io.metroscope.model.ResidualBlockType;
import io.metroscope.model.ResNetSpec;
import io.metroscope.model.TokenLayout;

import java.util.List;

/**
 * Small METRO networks with the official token layouts (so official templates and labels fit) but a tiny ResNet
 * trunk and narrow one-layer blocks: for tests, demos and CI-sized training runs.
 */
public final class TinyArchitectures {

    private TinyArchitectures() {
    }

    /** Body: BasicBlock ResNet [1,1,1,1] widths 8/8/16/16 (stride 32: 7×7 grid at 224), blocks 19→32→16→3. */
    public static MetroArchitecture body() {
        return of(MeshKind.BODY);
    }

    /** Hand: the same trunk pooled, hand token layout. */
    public static MetroArchitecture hand() {
        return of(MeshKind.HAND);
    }

    /**
     * The bundled demo models' network: BasicBlock ResNet [2,2,2,2] widths 24/48/96/192 and three one-layer blocks
     * (hidden 128/64/32), small enough for CPU training and a ≤ 30 MB fp16 file with the learned upsampling.
     */
    public static MetroArchitecture small(MeshKind kind) {
        boolean body = kind == MeshKind.BODY;
        ResNetSpec trunk = new ResNetSpec(24, ResidualBlockType.BASIC, new int[] {2, 2, 2, 2},
                new int[] {24, 48, 96, 192}, !body);
        int in = 3 + trunk.featureDim();
        TokenLayout tokens = body ? new TokenLayout(14, 431, 1723, 6890, 250) : new TokenLayout(21, 195, 0, 778, 150);
        return new MetroArchitecture(kind, trunk, List.of(
                new BlockSpec(in, 128, 64, 1, 4, 256, 512),
                new BlockSpec(64, 64, 32, 1, 4, 128, 512),
                new BlockSpec(32, 32, 3, 1, 4, 64, 512)), tokens);
    }

    public static MetroArchitecture of(MeshKind kind) {
        boolean body = kind == MeshKind.BODY;
        ResNetSpec trunk = new ResNetSpec(8, ResidualBlockType.BASIC, new int[] {1, 1, 1, 1},
                new int[] {8, 8, 16, 16}, !body);
        int in = 3 + trunk.featureDim();
        TokenLayout tokens = body ? new TokenLayout(14, 431, 1723, 6890, 250) : new TokenLayout(21, 195, 0, 778, 150);
        return new MetroArchitecture(kind, trunk, List.of(
                new BlockSpec(in, 32, 16, 1, 2, 64, 512),
                new BlockSpec(16, 16, 3, 1, 2, 32, 512)), tokens);
    }
}
