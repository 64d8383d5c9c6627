/**
 * Body and hand models: SMPL/MANO import and linear blend skinning, joint sets, and METRO's official templates
 * (built at run time from the user's licensed files; nothing derived from them is shipped).
 */
package io.metroscope.body;
