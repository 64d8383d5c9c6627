package io.metroscope.format;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * Fuzzes {@link SafeUnpickler} under each {@link PickleAllowlist}: any input gives a value or a
 * {@link FormatException}, and nothing outside the allowlist is ever constructed. Seeds are in
 * {@code SafeUnpicklerFuzzTestInputs/<method>/} (made by {@code checks/make_fuzz_seeds.py}).
 */
class SafeUnpicklerFuzzTest {

    @FuzzTest(maxDuration = "20s")
    void torchCheckpoint(byte[] data) {
        load(data, PickleAllowlist.TORCH_CHECKPOINT);
    }

    @FuzzTest(maxDuration = "20s")
    void numpyObjectArray(byte[] data) {
        load(data, PickleAllowlist.NUMPY_OBJECT_ARRAY);
    }

    @FuzzTest(maxDuration = "20s")
    void smplModel(byte[] data) {
        load(data, PickleAllowlist.SMPL_MODEL);
    }

    private static void load(byte[] data, PickleAllowlist allowlist) {
        try {
            FuzzSupport.touch(SafeUnpickler.load(data, null, allowlist));
        } catch (FormatException expected) {
            // The documented way to refuse a pickle.
        }
    }
}
