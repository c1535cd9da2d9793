package dev.dlt.train;

import dev.dlt.model.data.Batch;
import dev.dlt.model.memory.MemoryLedger;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.tie.TieMap;
import dev.dlt.model.train.TrainingStep;

/** {@code --runtime local}: the model and optimizer on the calling thread. Owns neither; the caller closes them. */
record LocalBackend(Gpt model, AdamW optimizer, double clipNorm) implements TrainingBackend {

    @Override
    public TrainingStep.Result step(Batch batch, double lr, long stepKey) {
        return TrainingStep.run(model, optimizer, batch, lr, clipNorm, stepKey);
    }

    @Override
    public double evaluate(Batch batch) {
        return TrainingStep.evaluate(model, batch);
    }

    @Override
    public TieMap ties() {
        return model.ties();
    }

    @Override
    public void tie(int i, int j) {
        model.tie(i, j, optimizer);
    }

    @Override
    public void untie(int i) {
        model.untie(i, optimizer);
    }

    @Override
    public long trainableParameters() {
        return model.trainableParameters();
    }

    @Override
    public long totalParameters() {
        return model.totalParameters();
    }

    @Override
    public MemoryLedger memory(long activationPeak) {
        return MemoryLedger.of(model, optimizer, activationPeak);
    }

    @Override
    public ModelView modelView() {
        return new ModelView(model, optimizer, () -> { });
    }

    @Override
    public void close() {
        // the run's NDManager owns the model and optimizer
    }
}
