package io.metroscope.train;

/** What covers a region of the template's surface; each gets its own colour per synthetic item. */
public enum Part {
    SKIN, HAIR, SHIRT, SLEEVE, TROUSERS, SHIN, SHOES
}
