package io.metroscope.cli;

import picocli.CommandLine.Command;

/** Groups the template subcommands. */
@Command(name = "template", mixinStandardHelpOptions = true,
        description = "Build METRO templates from your licensed SMPL/MANO files, or generate our open ones.",
        subcommands = {TemplateBuildCommand.class, TemplateGenerateCommand.class})
public final class TemplateCommand {
}
