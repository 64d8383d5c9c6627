package io.metroscope.annotate;

import java.nio.file.Path;

/**
 * Child process of {@link CrashSafetyTest}: edits one item as fast as it can (2D joint moves, visibility, joint
 * rotations that rewrite the whole mesh) and prints {@code committed <history id>} after each commit returns, until
 * it is killed.
 */
public final class CrashBurstMain {

    private CrashBurstMain() {
    }

    public static void main(String[] args) throws Exception {
        try (AnnotationProject p = AnnotationProject.open(Path.of(args[0]))) {
            long item = Long.parseLong(args[1]);
            ItemEditor e = p.editor();
            int joints = e.snapshot(item).joints().count();
            System.out.println("ready");
            System.out.flush();
            for (int i = 0; ; i++) {
                long id = switch (i % 3) {
                    case 0 -> e.moveJoint2d(item, i % joints, i % 97, i % 89);
                    case 1 -> e.rotateJoint(item, 1 + i % 5, new double[] {0.01, 0.02, -0.01});
                    default -> e.setVisibility(item, i % joints, i % 2 == 0);
                };
                System.out.println("committed " + id);
                System.out.flush();
            }
        }
    }
}
