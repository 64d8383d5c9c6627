/**
 * A pure-Java software rasteriser for meshes: weak-perspective (METRO's [s, tx, ty]) and pinhole cameras, z-buffer
 * with an exact top-left fill rule, Lambert/Blinn-Phong lighting, supersampling, wireframe overlay, compositing
 * over a background, PNG output, and a preset reproducing METRO's official demo render.
 */
package io.metroscope.vision.render;
