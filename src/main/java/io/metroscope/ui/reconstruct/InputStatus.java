package io.metroscope.ui.reconstruct;

/** Where one input is in the Reconstruct workspace. */
public enum InputStatus {
    WAITING("waiting"), RUNNING("running"), DONE("done"), FAILED("failed");

    private final String label;

    InputStatus(String label) {
        this.label = label;
    }

    @Override
    public String toString() {
        return label;
    }
}
