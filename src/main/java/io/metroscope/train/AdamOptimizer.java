package io.metroscope.train;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;

import ai.djl.ndarray.types.DataType;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Adam on raw parameter arrays, all tensors at once through {@link MultiTensorAdam} (PyTorch's multi-tensor ops), or,
 * where that cannot load, tensor by tensor through DJL's Adam kernel ({@code NDArrayEx.adamUpdate}, the one
 * {@code Optimizer.adam()} uses; the same arithmetic), with the first and second moments held here, so they can be
 * saved and restored for resume (DJL's {@code Adam} keeps them private). Bias correction as DJL's Adam:
 * {@code lr·√(1−β2ᵗ)/(1−β1ᵗ)}; weight decay 0 as METRO; global-norm clipping through the kernel's gradient rescale.
 */
public final class AdamOptimizer {

    public static final float BETA1 = 0.9f;
    public static final float BETA2 = 0.999f;
    public static final float EPSILON = 1e-8f;

    private final Map<String, NDArray> mean = new LinkedHashMap<>();
    private final Map<String, NDArray> variance = new LinkedHashMap<>();
    private final boolean tensorByTensor;
    private long steps;

    /** Multi-tensor where this PyTorch allows it (and {@code -Dmetroscope.adam=per-tensor} does not say otherwise). */
    public AdamOptimizer() {
        this(false);
    }

    private AdamOptimizer(boolean tensorByTensor) {
        this.tensorByTensor = tensorByTensor;
    }

    /** DJL's kernel tensor by tensor, whatever the JVM property says (to compare the two). */
    static AdamOptimizer tensorByTensor() {
        return new AdamOptimizer(true);
    }

    /** Which update runs: {@code multi-tensor} or {@code per-tensor} (for benchmark logs). */
    public String kernel() {
        return multiTensor().isPresent() ? "multi-tensor" : "per-tensor";
    }

    private Optional<MultiTensorAdam> multiTensor() {
        return tensorByTensor ? Optional.empty() : MultiTensorAdam.shared();
    }

    /** Optimizer steps taken so far (t of the bias correction). */
    public long steps() {
        return steps;
    }

    /**
     * One step over all {@code parameters} with their accumulated gradients, at {@code learningRate}; gradients are
     * first scaled so that their global L2 norm is at most {@code clipNorm} (≤ 0: no clipping), as
     * {@code torch.nn.utils.clip_grad_norm_}. Returns the global gradient norm before clipping, or NaN when
     * {@code clipNorm} ≤ 0 (then it is not computed: reading it back would wait for the GPU every step).
     */
    public double step(Map<String, NDArray> parameters, float learningRate, double clipNorm) {
        steps++;
        Map<String, NDArray> grads = new LinkedHashMap<>();
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            NDArray g = gradientOrNull(e.getValue());
            if (g != null) {
                grads.put(e.getKey(), g);
            }
        }
        List<NDArray> gradients = List.copyOf(grads.values());
        Optional<MultiTensorAdam> multi = gradients.isEmpty() ? Optional.empty() : multiTensor();
        double norm = clipNorm <= 0 ? Double.NaN
                : multi.isPresent() ? multi.get().norm(gradients) : globalNorm(gradients);
        float rescale = clipNorm > 0 && norm > clipNorm ? (float) (clipNorm / (norm + 1e-6)) : 1f;
        // As DJL's Adam.update: the kernel takes lr and the bias-corrected step size lr·√(1−β2ᵗ)/(1−β1ᵗ).
        float correction = (float) (learningRate * Math.sqrt(1 - Math.pow(BETA2, steps))
                / (1 - Math.pow(BETA1, steps)));
        List<NDArray> weights = new ArrayList<>(grads.size());
        List<NDArray> means = new ArrayList<>(grads.size());
        List<NDArray> variances = new ArrayList<>(grads.size());
        for (String key : grads.keySet()) {
            NDArray weight = parameters.get(key);
            weights.add(weight);
            means.add(mean.computeIfAbsent(key, k -> detachedZeros(weight)));
            variances.add(variance.computeIfAbsent(key, k -> detachedZeros(weight)));
        }
        if (multi.isPresent()) {
            multi.get().step(weights, gradients, means, variances, BETA1, BETA2, EPSILON, correction, rescale);
        } else {
            for (int i = 0; i < gradients.size(); i++) {
                NDArray weight = weights.get(i);
                NDArray g = gradients.get(i);
                weight.getNDArrayInternal().adamUpdate(new NDList(weight, g, means.get(i), variances.get(i)),
                        new NDList(weight), learningRate, correction, 0f, rescale, -1f, BETA1, BETA2, EPSILON, true,
                        false);
                g.subi(g); // the multi-tensor update zeroes the gradients itself
            }
        }
        for (NDArray g : gradients) {
            g.close();
        }
        return norm;
    }

    /**
     * The L2 norm over all {@code gradients}, summed on their device and read back once: one read per tensor
     * stalls a GPU once per parameter tensor (over a thousand times a step for the full-size body).
     */
    static double globalNorm(Collection<NDArray> gradients) {
        NDArray total = null;
        for (NDArray g : gradients) {
            try (NDArray squares = g.square(); NDArray sum = squares.sum()) {
                NDArray wide = sum.toType(DataType.FLOAT64, true);
                if (total == null) {
                    total = wide;
                } else {
                    total.addi(wide);
                    wide.close();
                }
            }
        }
        if (total == null) {
            return 0;
        }
        try (NDArray t = total) {
            return Math.sqrt(t.getDouble());
        }
    }

    /** Clears accumulated gradients without stepping. */
    public static void zeroGradients(Map<String, NDArray> parameters) {
        for (NDArray p : parameters.values()) {
            NDArray g = gradientOrNull(p);
            if (g != null) {
                g.subi(g);
                g.close();
            }
        }
    }

    private static NDArray gradientOrNull(NDArray p) {
        try {
            return p.getGradient();
        } catch (RuntimeException e) {
            return null; // no backward reached this parameter yet
        }
    }

    private static NDArray detachedZeros(NDArray like) {
        NDArray z = like.getManager().zeros(like.getShape(), like.getDataType(), like.getDevice());
        ai.djl.ndarray.NDScope.unregister(z); // moments outlive the step's scope
        return z;
    }

    /** The moments as {@code exp_avg.<key>} / {@code exp_avg_sq.<key>} arrays (for saving). */
    public Map<String, NDArray> moments() {
        Map<String, NDArray> out = new LinkedHashMap<>();
        mean.forEach((k, a) -> out.put("exp_avg." + k, a));
        variance.forEach((k, a) -> out.put("exp_avg_sq." + k, a));
        return out;
    }

    /** Restores moments saved by {@link #moments()} into arrays shaped like {@code parameters}, and the step count. */
    public void restore(Map<String, NDArray> parameters, Map<String, float[]> saved, long stepCount) {
        steps = stepCount;
        for (Map.Entry<String, NDArray> e : parameters.entrySet()) {
            float[] m = saved.get("exp_avg." + e.getKey());
            float[] v = saved.get("exp_avg_sq." + e.getKey());
            if (m == null || v == null) {
                continue;
            }
            NDArray w = e.getValue();
            NDArray ma = w.getManager().create(m, w.getShape());
            NDArray va = w.getManager().create(v, w.getShape());
            ai.djl.ndarray.NDScope.unregister(ma, va);
            mean.put(e.getKey(), ma);
            variance.put(e.getKey(), va);
        }
    }
}
