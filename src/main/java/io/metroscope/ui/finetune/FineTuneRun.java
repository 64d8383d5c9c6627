package io.metroscope.ui.finetune;

import io.metroscope.app.ConfiguredBodyModels;

import io.metroscope.app.AppServices;
import io.metroscope.jobs.Job;
import io.metroscope.platform.ComputeDevice;
import io.metroscope.model.MeshKind;
import io.metroscope.platform.DeviceSpec;
import io.metroscope.recon.InitCheckpoint;
import io.metroscope.settings.Settings;
import io.metroscope.train.Recipe;
import io.metroscope.train.Trainer;
import io.metroscope.train.TrainerState;
import io.metroscope.train.TrainingControl;
import io.metroscope.train.TrainingPreview;
import io.metroscope.train.TrainingRun;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Consumer;
import javafx.animation.KeyFrame;
import javafx.animation.Animation;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.util.Duration;

/**
 * One training run seen from the FX thread: starts {@link TrainingRun} on a job worker, forwards pause, resume and
 * stop through a {@link TrainingControl}, and delivers the worker's reports to a {@link Display} in batches from a
 * timer at {@value #TICKS_PER_SECOND} Hz, so however fast the steps come the FX thread does bounded work.
 */
final class FineTuneRun {

    /** Display updates per second at most. */
    static final int TICKS_PER_SECOND = 10;

    /** Where a run stands. */
    enum Phase {
        IDLE, RUNNING, PAUSED, STOPPING, FINISHED, STOPPED, FAILED;

        boolean active() {
            return this == RUNNING || this == PAUSED || this == STOPPING;
        }
    }

    /** Receives the run's reports on the FX thread. */
    interface Display {
        void started(TrainerState state, int items, int batchesPerEpoch, ComputeDevice device);

        /** Every report in order (charts want them all); {@code state} is the trainer's after it. */
        void progress(Trainer.Progress p, TrainerState state);

        void preview(List<TrainingPreview.Panel> panels, boolean initial, String label);

        /** Something the samples lack and why (e.g. TSV labels without an SMPL model: joints only). */
        void note(String text);

        /** Once per timer tick after the reports of that tick. */
        void tick();

        /** The run ended: finished, stopped, or failed with {@code error}. */
        void ended(Phase phase, TrainerState state, Throwable error);
    }

    private sealed interface Event permits Started, Reported, Previewed, Noted, Ended {
    }

    private record Noted(String text) implements Event {
    }

    private record Started(TrainerState state, int items, int batches, ComputeDevice device) implements Event {
    }

    private record Reported(Trainer.Progress progress, TrainerState state) implements Event {
    }

    private record Previewed(List<TrainingPreview.Panel> panels, boolean initial, String label) implements Event {
    }

    private record Ended(TrainerState state, Throwable error) implements Event {
    }

    private final AppServices services;
    private final Consumer<Job<?>> jobTracker;
    private final Display display;
    private final Queue<Event> events = new ConcurrentLinkedQueue<>();
    private final Timeline timer;
    private final ReadOnlyObjectWrapper<Phase> phase = new ReadOnlyObjectWrapper<>(Phase.IDLE);
    private TrainingControl control;
    private Job<TrainerState> job;

    FineTuneRun(AppServices services, Consumer<Job<?>> jobTracker, Display display) {
        this.services = services;
        this.jobTracker = jobTracker;
        this.display = display;
        this.timer = new Timeline(new KeyFrame(Duration.millis(1000.0 / TICKS_PER_SECOND), e -> drain()));
        timer.setCycleCount(Animation.INDEFINITE);
    }

    ReadOnlyObjectProperty<Phase> phaseProperty() {
        return phase.getReadOnlyProperty();
    }

    /**
     * Starts (or, when the output folder holds {@code last/}, resumes) training {@code recipe} on a job worker; when
     * its data is a METRO TSV dataset, the SMPL/MANO model that {@code settings} names is read there by
     * {@code models}.
     */
    void start(Recipe recipe, DeviceSpec deviceSpec, Settings settings, ConfiguredBodyModels models) {
        if (phase.get().active()) {
            throw new IllegalStateException("a run is going");
        }
        TrainingControl c = new TrainingControl();
        control = c;
        events.clear();
        phase.set(Phase.RUNNING);
        job = services.jobs().submit("Fine-tuning (" + recipe.name() + ")", ctx -> {
            ctx.message("Opening data and network");
            ComputeDevice device = services.devices().resolve(deviceSpec);
            ConfiguredBodyModels.Loaded bodyModels = ConfiguredBodyModels.Loaded.NONE;
            if (TrainingRun.needsBodyModels(recipe)) {
                ctx.message("Reading the " + (recipe.kind() == MeshKind.HAND ? "MANO" : "SMPL") + " model");
                bodyModels = models.forKind(settings, recipe.kind().templateKind());
                bodyModels.notes().forEach(n -> events.add(new Noted(n)));
            }
            // the trainer reads checkpoints: a model bundle named as the start is checked and resolved here
            Recipe resolved = recipe.withInit(InitCheckpoint.resolve(recipe.init(), recipe.kind(),
                    recipe.networkArchitecture()));
            InitCheckpoint.startNote(recipe.init(), resolved.init()).map(Noted::new).ifPresent(events::add);
            return TrainingRun.run(resolved, device.device(), bodyModels.smpl(), bodyModels.mano(), c,
                    new TrainingRun.Listener() {
                        @Override
                        public void started(TrainerState state, int items, int batches) {
                            events.add(new Started(state, items, batches, device));
                            ctx.message("Training on " + device.name());
                        }

                        @Override
                        public void progress(Trainer.Progress p, TrainerState state) {
                            if (ctx.isCancelled()) {
                                // Cancelled from the status bar: end as Stop does, with last/ saved.
                                c.stop();
                            }
                            events.add(new Reported(p, state));
                            if (p.batch() >= 0) {
                                ctx.progress((p.epoch() + p.batch() / (double) p.batches()) / p.epochs());
                            }
                        }

                        @Override
                        public void note(String text) {
                            events.add(new Noted(text));
                        }

                        @Override
                        public void preview(List<TrainingPreview.Panel> panels, boolean initial, String label) {
                            events.add(new Previewed(panels, initial, label));
                        }
                    });
        });
        jobTracker.accept(job);
        job.result().whenComplete((state, error) -> events.add(new Ended(state, unwrap(error))));
        timer.play();
    }

    void pause() {
        if (phase.get() == Phase.RUNNING) {
            control.pause();
            phase.set(Phase.PAUSED);
        }
    }

    /** Continues a paused run. */
    void resume() {
        if (phase.get() == Phase.PAUSED) {
            control.resume();
            phase.set(Phase.RUNNING);
        }
    }

    /** Asks the run to save {@code last/} and end; it ends at the next optimizer step. */
    void stop() {
        if (phase.get() == Phase.RUNNING || phase.get() == Phase.PAUSED) {
            control.stop();
            phase.set(Phase.STOPPING);
        }
    }

    private void drain() {
        for (Event e = events.poll(); e != null; e = events.poll()) {
            if (e instanceof Started s) {
                display.started(s.state(), s.items(), s.batches(), s.device());
            } else if (e instanceof Reported r) {
                display.progress(r.progress(), r.state());
            } else if (e instanceof Previewed p) {
                display.preview(p.panels(), p.initial(), p.label());
            } else if (e instanceof Noted n) {
                display.note(n.text());
            } else if (e instanceof Ended end) {
                display.tick();
                timer.stop();
                Phase last = end.error() != null && !(end.error() instanceof CancellationException) ? Phase.FAILED
                        : control.isStopRequested() ? Phase.STOPPED : Phase.FINISHED;
                // The display first, so whoever sees the new phase also sees its message.
                display.ended(last, end.state(), end.error());
                phase.set(last);
                return;
            }
        }
        display.tick();
    }

    private static Throwable unwrap(Throwable error) {
        return error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
    }
}
