package io.metroscope.recon;

import io.metroscope.body.MetroTemplate;
import io.metroscope.model.LoadReport;
import io.metroscope.model.MetroArchitecture;
import io.metroscope.model.MetroModel;
import io.metroscope.platform.ComputeDevice;

/**
 * A loaded METRO network with its template, post-processing and device, as {@link ReconstructionService#load}
 * returns it. Runs one forward at a time (calls are serialised on this object). Owns native memory: close it.
 */
public final class ReconstructionModel implements AutoCloseable {

    /** How long each loading stage took, in milliseconds. */
    public record LoadTimings(double deviceMillis, double templateMillis, double checkpointReadMillis,
            double buildMillis, double warmUpMillis) {

        public double totalMillis() {
            return deviceMillis + templateMillis + checkpointReadMillis + buildMillis + warmUpMillis;
        }
    }

    private final MetroModel metro;
    private final MetroTemplate template;
    private final float[] refVertices;
    private final PostProcessor postProcessor;
    private final ComputeDevice device;
    private final String id;
    private final ModelSpec spec;
    private final LoadTimings timings;
    private FlipAverage flipAverage;
    private boolean closed;

    ReconstructionModel(MetroModel metro, MetroTemplate template, float[] refVertices, ComputeDevice device,
            ModelSpec spec, LoadTimings timings) {
        this.metro = metro;
        this.template = template;
        this.refVertices = refVertices.clone();
        this.postProcessor = new PostProcessor(template);
        this.device = device;
        this.spec = spec;
        this.timings = timings;
        this.id = spec.displayName() + " (" + metro.architecture().kind().name().toLowerCase(
                java.util.Locale.ROOT) + ", " + spec.heads() + " heads)";
    }

    /** Checkpoint file name, kind and heads, e.g. {@code metro_3dpw_state_dict.bin (body, 4 heads)}. */
    public String id() {
        return id;
    }

    public ModelSpec spec() {
        return spec;
    }

    public MetroArchitecture architecture() {
        return metro.architecture();
    }

    public LoadReport loadReport() {
        return metro.loadReport();
    }

    public MetroTemplate template() {
        return template;
    }

    /** The N×3 {@code ref_vertices} fed to the network, as float32 (joints then coarse vertices, root-centred). */
    public float[] refVertices() {
        return refVertices.clone();
    }

    /**
     * The flip averaging of this model's template, built on first use (a nearest-neighbour pass over the mesh).
     *
     * @throws IllegalArgumentException for a hand model, which has none
     */
    public synchronized FlipAverage flipAverage() {
        if (flipAverage == null) {
            flipAverage = FlipAverage.of(template);
        }
        return flipAverage;
    }

    public PostProcessor postProcessor() {
        return postProcessor;
    }

    public ComputeDevice device() {
        return device;
    }

    public LoadTimings timings() {
        return timings;
    }

    /** The network itself, for callers that hold this object's lock (see {@link ReconstructionService}). */
    MetroModel metro() {
        if (closed) {
            throw new IllegalStateException("model " + id + " is closed");
        }
        return metro;
    }

    public synchronized boolean isClosed() {
        return closed;
    }

    @Override
    public synchronized void close() {
        if (!closed) {
            closed = true;
            metro.close();
        }
    }

    @Override
    public String toString() {
        return id + " on " + device.name();
    }
}
