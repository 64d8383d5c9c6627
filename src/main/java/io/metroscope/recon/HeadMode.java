package io.metroscope.recon;

/** How the attention heads of a layer are combined: their mean (as the official demo), their maximum, or one head. */
public enum HeadMode {
    MEAN, MAX, SINGLE
}
