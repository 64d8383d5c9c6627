package io.metroscope.train;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Draws random poses inside {@link PoseLimits}: each axis is, by turns, near its typical value (a Gaussian a sixth of
 * its range wide) or anywhere in its range, always clipped to the limits. Hand fingers share one "curl" so fists,
 * open hands and grips come out instead of independent twitches.
 */
public final class PoseSampler {
    private final PoseLimits limits;
    private final boolean hand;
    private final double wideProbability;

    /** {@code wideProbability}: chance that an axis is drawn uniformly over its range rather than near typical. */
    public PoseSampler(PoseLimits limits, double wideProbability) {
        this.limits = limits;
        this.hand = limits.limits().get(0).joint().equals("Wrist");
        this.wideProbability = wideProbability;
    }

    /** A sampler with the default mix (a third of the axes drawn wide). */
    public PoseSampler(PoseLimits limits) {
        this(limits, 1.0 / 3);
    }

    public PoseLimits limits() {
        return limits;
    }

    /** A flat K×3 axis-angle pose. */
    public double[] sample(SplittableRandom random) {
        List<JointLimit> joints = limits.limits();
        double[] typical = limits.typical();
        double[] pose = new double[3 * joints.size()];
        double curl = random.nextDouble();
        for (int j = 0; j < joints.size(); j++) {
            JointLimit l = joints.get(j);
            for (int a = 0; a < 3; a++) {
                double lo = l.min()[a];
                double hi = l.max()[a];
                double v;
                if (hand && j > 0 && a == 0) {
                    // Flexion follows the hand's curl with a per-joint wobble.
                    double t = 0.75 * curl + 0.25 * random.nextDouble();
                    v = lo + (hi - lo) * t;
                } else if (random.nextDouble() < wideProbability) {
                    v = lo + (hi - lo) * random.nextDouble();
                } else {
                    v = typical[3 * j + a] + (hi - lo) / 6 * gaussian(random);
                }
                pose[3 * j + a] = Math.min(hi, Math.max(lo, v));
            }
        }
        return pose;
    }

    /** A standard normal draw (Box–Muller, so it depends only on the generator's stream). */
    static double gaussian(SplittableRandom random) {
        double u = 1 - random.nextDouble();
        double v = random.nextDouble();
        return StrictMath.sqrt(-2 * StrictMath.log(u)) * StrictMath.cos(2 * Math.PI * v);
    }
}
