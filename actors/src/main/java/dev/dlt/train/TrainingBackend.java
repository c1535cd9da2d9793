package dev.dlt.train;

import dev.dlt.model.data.Batch;
import dev.dlt.model.memory.MemoryLedger;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.tie.TieMap;
import dev.dlt.model.train.TrainingStep;

/**
 * What the training loop drives: one model with its optimizer, behind {@code --runtime local} (one thread,
 * {@link LocalBackend}) or {@code --runtime actors} (the Pekko pipeline, {@link ActorBackend}). The loop,
 * the tie controller and evaluation are the same code for both, which is what makes their losses comparable.
 */
interface TrainingBackend extends AutoCloseable {

    /** One optimizer step on a batch. */
    TrainingStep.Result step(Batch batch, double lr, long stepKey);

    /** Mean loss of a batch without dropout or gradients. */
    double evaluate(Batch batch);

    TieMap ties();

    /** Ties layer i to layer j's root; at a step boundary. */
    void tie(int i, int j);

    /** Gives layer i its own weights (a copy of its root's, with its optimizer moments). */
    void untie(int i);

    long trainableParameters();

    long totalParameters();

    /** Memory by category now; {@code activationPeak} as measured by the loop. */
    MemoryLedger memory(long activationPeak);

    /** Who takes tie decisions on this runtime (the policy itself, unless the runtime has an agent actor). */
    default TieAgent agent(dev.dlt.agent.TiePolicy policy) {
        return new DirectAgent(policy, this);
    }

    /**
     * The model and optimizer now (a step boundary) as a local {@link Gpt} + {@link AdamW}, for a checkpoint
     * or an analysis on the caller's thread. Close the view when done: it frees a copy, never the live model.
     */
    ModelView modelView();

    @Override
    void close();

    /**
     * A model and optimizer to read on the caller's thread. {@code owner} frees them on {@link #close()}
     * (nothing, when they are the local runtime's live model).
     */
    record ModelView(Gpt model, AdamW optimizer, AutoCloseable owner) implements AutoCloseable {
        @Override
        public void close() {
            try {
                owner.close();
            } catch (Exception e) {
                throw new IllegalStateException("cannot free a model view: " + e.getMessage(), e);
            }
        }
    }
}
