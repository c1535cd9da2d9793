package dev.dlt.train;

import dev.dlt.model.GptConfig;
import dev.dlt.model.data.Batch;
import dev.dlt.model.memory.MemoryLedger;
import dev.dlt.model.tie.TieMap;
import dev.dlt.model.train.TrainingStep;
import dev.dlt.runtime.ActorRuntime;

/**
 * {@code --runtime actors}: the Pekko pipeline of layer-group actors. Tensors live in the stage actors; the
 * ledger here is derived from the tie state (each root: one block of parameters, one of gradients, two of
 * AdamW moments), which is what those actors hold.
 */
record ActorBackend(ActorRuntime runtime, GptConfig config) implements TrainingBackend {

    @Override
    public TrainingStep.Result step(Batch batch, double lr, long stepKey) {
        return runtime.step(batch, lr, stepKey);
    }

    @Override
    public double evaluate(Batch batch) {
        return runtime.evaluate(batch);
    }

    @Override
    public TieMap ties() {
        return runtime.ties();
    }

    @Override
    public void tie(int i, int j) {
        runtime.tie(i, j);
    }

    @Override
    public void untie(int i) {
        runtime.untie(i);
    }

    @Override
    public long trainableParameters() {
        return runtime.trainableParameters();
    }

    @Override
    public long totalParameters() {
        return config.sharedParameters() + config.layers() * config.blockParameters();
    }

    @Override
    public MemoryLedger memory(long activationPeak) {
        long params = 4L * trainableParameters();
        return new MemoryLedger(params, params, 2 * params, Math.max(0, activationPeak));
    }

    /** The runtime's {@code AgentActor} takes the decisions and sends TieTo/Untie to the coordinator. */
    @Override
    public TieAgent agent(dev.dlt.agent.TiePolicy policy) {
        return new ActorAgent(runtime, policy);
    }

    @Override
    public void close() {
        runtime.close();
    }
}
