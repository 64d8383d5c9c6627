package io.metroscope.platform;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiPredicate;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CpuKernelGuardTest {

    private static final String AVX512 = "model name\t: AMD EPYC\nflags\t\t: fpu sse2 avx2 avx512f avx512bw\n";
    private static final String AVX2_ONLY = "model name\t: Some CPU\nflags\t\t: fpu sse2 avx2 avx512_fake\n";
    private static final String WRONG_OUTPUT = "24->24 channels, 56x56, 3x3 stride 1: max error 1.42 (wrong)\n"
            + "3->24 channels, 224x224, 7x7 stride 2: max error 2.94e-06\n";

    @TempDir
    Path dir;

    private final AtomicInteger probes = new AtomicInteger();
    private final List<String> set = new ArrayList<>();
    private final BiPredicate<String, String> setenv = (k, v) -> set.add(k + "=" + v);

    private Supplier<CpuKernelGuard.ProbeRun> probe(int status, String output) {
        return () -> {
            probes.incrementAndGet();
            return new CpuKernelGuard.ProbeRun(status, output);
        };
    }

    private CpuKernelGuard.Outcome decide(Map<String, String> env, String cpu, Supplier<CpuKernelGuard.ProbeRun> p) {
        return CpuKernelGuard.decide(env, cpu, "libtorch 2.7.1", dir.resolve("cpu-kernels.properties"), p, setenv);
    }

    @Test
    void aValueTheUserSetWinsWithoutAnyCheck() {
        for (String name : List.of("ONEDNN_MAX_CPU_ISA", "DNNL_MAX_CPU_ISA")) {
            CpuKernelGuard.Outcome o = decide(Map.of(name, "AVX512_CORE"), AVX512, probe(0, ""));
            assertThat(o.verdict()).isEqualTo(CpuKernelGuard.Verdict.USER_SET);
            assertThat(o.describe()).contains(name + "=AVX512_CORE", "set by you");
        }
        assertThat(probes).hasValue(0);
        assertThat(set).isEmpty();
    }

    @Test
    void aCpuWithoutAvx512NeedsNoCheck() {
        CpuKernelGuard.Outcome o = decide(Map.of(), AVX2_ONLY, probe(0, ""));
        assertThat(o.verdict()).isEqualTo(CpuKernelGuard.Verdict.NOT_NEEDED);
        assertThat(decide(Map.of(), "", probe(0, "")).detail()).contains("no /proc/cpuinfo");
        assertThat(probes).hasValue(0);
        assertThat(set).isEmpty();
    }

    @Test
    void rightConvolutionsKeepAvx512AndAreRemembered() {
        assertThat(decide(Map.of(), AVX512, probe(0, "all right")).verdict())
                .isEqualTo(CpuKernelGuard.Verdict.VERIFIED);
        CpuKernelGuard.Outcome again = decide(Map.of(), AVX512, probe(0, ""));
        assertThat(again.verdict()).isEqualTo(CpuKernelGuard.Verdict.VERIFIED);
        assertThat(again.detail()).contains("checked before");
        assertThat(probes).hasValue(1);
        assertThat(set).isEmpty();
    }

    @Test
    void wrongConvolutionsLimitOneDnnToAvx2NameTheCasesAndAreRemembered() {
        CpuKernelGuard.Outcome o = decide(Map.of(), AVX512, probe(ConvolutionProbe.WRONG, WRONG_OUTPUT));
        assertThat(o.verdict()).isEqualTo(CpuKernelGuard.Verdict.LIMITED);
        assertThat(o.remembered()).isFalse();
        assertThat(o.describe())
                .contains("ONEDNN_MAX_CPU_ISA=AVX2", "24->24 channels, 56x56, 3x3 stride 1: max error 1.42",
                        "yourself to override")
                .doesNotContain("7x7", "(wrong)");
        assertThat(set).containsExactly("ONEDNN_MAX_CPU_ISA=AVX2");

        CpuKernelGuard.Outcome again = decide(Map.of(), AVX512, probe(0, ""));
        assertThat(again.verdict()).isEqualTo(CpuKernelGuard.Verdict.LIMITED);
        assertThat(again.detail()).contains("max error 1.42", "checked before");
        assertThat(again.remembered()).isTrue();
        assertThat(probes).hasValue(1);
        assertThat(set).hasSize(2);
    }

    @Test
    void aCheckThatCannotRunLimitsThisStartOnlyAndACrashIsRemembered() {
        CpuKernelGuard.Outcome o = decide(Map.of(), AVX512, probe(-1, "no Java launcher at /x/bin/java"));
        assertThat(o.verdict()).isEqualTo(CpuKernelGuard.Verdict.LIMITED);
        assertThat(o.detail()).contains("could not run", "no Java launcher at /x/bin/java");
        assertThat(Files.exists(dir.resolve("cpu-kernels.properties"))).isFalse();

        CpuKernelGuard.Outcome crashed = decide(Map.of(), AVX512, probe(136, "exit status 136"));
        assertThat(crashed.detail()).contains("crashed", "exit status 136");
        assertThat(decide(Map.of(), AVX512, probe(0, "")).verdict()).isEqualTo(CpuKernelGuard.Verdict.LIMITED);
        assertThat(probes).hasValue(2);
    }

    @Test
    void theVerdictBelongsToOneCpuAndOneLibtorch() {
        assertThat(CpuKernelGuard.hasAvx512(AVX512)).isTrue();
        assertThat(CpuKernelGuard.hasAvx512(AVX2_ONLY)).isFalse();
        String key = CpuKernelGuard.key(AVX512, "libtorch 2.7.1");
        assertThat(key).isEqualTo(CpuKernelGuard.key(AVX512 + "bogomips\t: 4000\n", "libtorch 2.7.1"))
                .isNotEqualTo(CpuKernelGuard.key(AVX512, "libtorch 2.8.0"))
                .isNotEqualTo(CpuKernelGuard.key(AVX512.replace("AMD EPYC", "Intel Xeon"), "libtorch 2.7.1"));
    }

    @Test
    void aDamagedCacheOnlyCostsAnotherCheck() throws Exception {
        Files.writeString(dir.resolve("cpu-kernels.properties"), "\\u12");
        assertThat(decide(Map.of(), AVX512, probe(0, "")).verdict()).isEqualTo(CpuKernelGuard.Verdict.VERIFIED);
        assertThat(probes).hasValue(1);
    }
}
