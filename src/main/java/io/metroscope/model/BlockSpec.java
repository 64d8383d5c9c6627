package io.metroscope.model;

/** Dimensions of one METRO transformer block (input → hidden → output, layers, heads, FFN width). */
public record BlockSpec(int inputDim, int hiddenDim, int outputDim, int layers, int heads, int intermediateDim,
        int positionRows) {

    public BlockSpec {
        if (inputDim <= 0 || hiddenDim <= 0 || outputDim <= 0 || layers <= 0 || heads <= 0 || intermediateDim <= 0) {
            throw new IllegalArgumentException("non-positive block dimension: " + dimsText(inputDim, hiddenDim,
                    outputDim, layers, heads, intermediateDim));
        }
        if (hiddenDim % heads != 0) {
            throw new IllegalArgumentException("hidden size " + hiddenDim + " is not divisible by " + heads + " heads");
        }
    }

    public int headDim() {
        return hiddenDim / heads;
    }

    private static String dimsText(int in, int hidden, int out, int layers, int heads, int ffn) {
        return in + "→" + hidden + "→" + out + ", " + layers + " layers, " + heads + " heads, FFN " + ffn;
    }

    @Override
    public String toString() {
        return dimsText(inputDim, hiddenDim, outputDim, layers, heads, intermediateDim);
    }
}
