package io.metroscope.ui;

/** The four workspaces (tabs) of the main window, with what each will hold until it lands. */
public enum Workspace {
    RECONSTRUCT("Reconstruct", "Put images, folders, videos or a webcam under a METRO model and see the mesh over the "
            + "image and in 3D. Open an input (File ▸ Open Image…) or drop files here; reconstruction arrives with the "
            + "METRO network."),
    ATTENTION("Attention", "Explore the attention of the last transformer layer joint by joint, painted on the mesh "
            + "and over the image, and export figures and numbers. Needs a reconstruction first."),
    ANNOTATE("Annotate", "Correct pseudo ground-truth meshes: a review queue, joint dragging in 2D and 3D, refit, "
            + "undo/redo and export to a training set."),
    FINE_TUNE("Fine-tune", "Train on your data with masked vertex modeling on the GPU, with live loss and metric "
            + "charts and checkpoints the official PyTorch code can load.");

    private final String title;
    private final String emptyState;

    Workspace(String title, String emptyState) {
        this.title = title;
        this.emptyState = emptyState;
    }

    /** The tab's title. */
    public String title() {
        return title;
    }

    /** The text shown while the workspace has nothing to show. */
    public String emptyState() {
        return emptyState;
    }
}
