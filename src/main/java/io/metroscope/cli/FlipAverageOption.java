package io.metroscope.cli;

import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** The {@code --flip-average} option of the commands that run a model ({@code eval}, {@code infer}, {@code live}). */
public final class FlipAverageOption {

    @Option(names = "--flip-average", description = {"Also run each crop mirrored left-right and average the two "
            + "predictions", "(body models; twice the network work; METRO itself predicts each crop once)."})
    boolean on;

    /** Whether flip averaging was asked for. */
    public boolean on() {
        return on;
    }

    /** Refuses the option for {@code model} unless it is a body model, with the reason. */
    void requireBody(CommandSpec spec, boolean body, Object model) {
        if (on && !body) {
            throw new ParameterException(spec.commandLine(), model + " is a hand model: --flip-average applies to "
                    + "body models only (a mirrored right hand is a left hand)");
        }
    }
}
