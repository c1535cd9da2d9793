package dev.dlt.train;

import ai.djl.ndarray.NDManager;
import dev.dlt.model.GptConfig;
import dev.dlt.model.data.Batch;
import dev.dlt.model.memory.MemoryLedger;
import dev.dlt.model.tie.TieMap;
import dev.dlt.model.train.TrainingStep;
import dev.dlt.runtime.ActorRuntime;
import dev.dlt.runtime.ModelState;

/**
 * {@code --runtime actors}: the Pekko pipeline of layer-group actors. Tensors live in the stage actors; the
 * ledger here is derived from the tie state (each root: one block of parameters, one of gradients, two of
 * AdamW moments), which is what those actors hold. A checkpoint copies the stages' state out as bytes
 * ({@link ActorRuntime#snapshot()}) and rebuilds it as a local model, so both runtimes share one format.
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

    /** Copies the stages' state out as bytes and rebuilds it as a local model in a manager of its own. */
    @Override
    public ModelView modelView() {
        ModelState state = runtime.snapshot();
        NDManager manager = NDManager.newBaseManager(runtime.settings().device());
        try {
            ModelState.Local local = state.toLocal(config, runtime.settings().gradientMode(), runtime.settings().adam(),
                    manager);
            return new ModelView(local.model(), local.optimizer(), manager::close);
        } catch (RuntimeException e) {
            manager.close();
            throw e;
        }
    }

    @Override
    public void close() {
        runtime.close();
    }
}
