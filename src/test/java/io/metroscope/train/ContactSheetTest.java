package io.metroscope.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

import io.metroscope.body.OpenTemplate;
import io.metroscope.body.OpenTemplates;

/** Writes target/contact-sheets/synth-body.png and synth-hand.png (64 items each) to look at. */
class ContactSheetTest {

    @Test
    void writesContactSheets() throws Exception {
        for (String kind : List.of("body", "hand")) {
            OpenTemplate t = OpenTemplates.read(Path.of("templates", kind + ".npz"));
            SynthConfig config = new SynthConfig(t, 224, 0.3, Backgrounds.procedural(), List.of(), 7);
            Synthesizer s = new Synthesizer(config);
            List<Synthesized> items = new ArrayList<>();
            long t0 = System.nanoTime();
            for (int i = 0; i < 64; i++) {
                items.add(s.generate(i));
            }
            System.out.printf("%s: %.1f ms/item single-threaded%n", kind, (System.nanoTime() - t0) / 1e6 / 64);
            Path out = Path.of("target", "contact-sheets", "synth-" + kind + ".png");
            ContactSheet.write(out, items, 8, false);
            ContactSheet.write(Path.of("target", "contact-sheets", "synth-" + kind + "-joints.png"), items, 8, true);
            assertThat(Files.size(out)).isGreaterThan(10_000);
        }
    }
}
