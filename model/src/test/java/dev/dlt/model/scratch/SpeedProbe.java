package dev.dlt.model.scratch;

import ai.djl.ndarray.NDManager;
import dev.dlt.model.GptConfig;
import dev.dlt.model.nn.Gpt;
import dev.dlt.model.nn.TinyModels;
import dev.dlt.model.optim.AdamW;
import dev.dlt.model.tie.GradientMode;
import dev.dlt.model.tie.TieMap;
import dev.dlt.model.train.TokenBatch;
import dev.dlt.model.train.TrainingStep;

public class SpeedProbe {
    public static void main(String[] a) {
        int layers = Integer.parseInt(a[0]);
        GptConfig c = new GptConfig(layers, 256, 4, 8192, 256, 0.1);
        try (NDManager root = NDManager.newBaseManager()) {
            Gpt m = Gpt.create(c, a.length > 1 ? TieMap.allTiedToFirst(layers) : TieMap.independent(layers), GradientMode.SHARED, root.newSubManager(), 1);
            AdamW opt = new AdamW(AdamW.Settings.defaults(), m.manager().newSubManager());
            TokenBatch b = TinyModels.batch(16, 128, 8192, 1);
            for (int s = 0; s < 3; s++) TrainingStep.run(m, opt, b, 1e-4, 1, s);
            long t0 = System.nanoTime(); int n = 8; long act = 0;
            for (int s = 0; s < n; s++) act = TrainingStep.run(m, opt, b, 1e-4, 1, s).activationBytes();
            double sec = (System.nanoTime() - t0) / 1e9;
            System.out.printf("layers=%d tok/s=%.0f step=%.3fs act=%dMB%n", layers, n * b.tokens() / sec, sec / n, act >> 20);
        }
    }
}
