package dev.dlt.model.nn;

import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.types.Shape;
import dev.dlt.model.GptConfig;

/**
 * One pre-LayerNorm GPT-2 block as a pure function of its input and a set of weights. Whether the
 * weights are the layer's own or its root's is decided by the caller — that is all tying is.
 */
public final class Block {

    private Block() {}

    /**
     * @param x       (B, T, C) activations
     * @param w       the weights to compute with
     * @param mask    (T, T) additive causal mask: 0 on and below the diagonal, -inf above
     * @param key     the dropout key of these rows of the step
     * @param layer   index of the layer (a dropout key, not a weight choice)
     * @return (B, T, C)
     */
    public static NDArray forward(NDArray x, LayerWeights w, NDArray mask, GptConfig c,
                                  boolean training, Dropout.Key key, int layer) {
        NDArray a = attention(Ops.layerNorm(x, w.ln1Gamma(), w.ln1Beta()), w, mask, c, training, key, layer);
        a = Ops.linear(a, w.attnProjW(), w.attnProjB());
        x = x.add(Dropout.apply(a, c.dropout(), training, key, layer, Dropout.Site.ATTENTION_OUT));
        NDArray h = Ops.layerNorm(x, w.ln2Gamma(), w.ln2Beta());
        h = Ops.linear(Ops.geluTanh(Ops.linear(h, w.fcW(), w.fcB())), w.mlpProjW(), w.mlpProjB());
        return x.add(Dropout.apply(h, c.dropout(), training, key, layer, Dropout.Site.MLP_OUT));
    }

    /** Causal multi-head self-attention before the output projection: (B, T, C) → (B, T, C). */
    static NDArray attention(NDArray h, LayerWeights w, NDArray mask, GptConfig c,
                             boolean training, Dropout.Key key, int layer) {
        Shape s = h.getShape();
        long b = s.get(0);
        long t = s.get(1);
        NDList qkv = Ops.linear(h, w.attnW(), w.attnB()).split(3, 2); // 3 × (B, T, C)
        NDArray q = heads(qkv.get(0), b, t, c);                      // (B, H, T, D)
        NDArray k = heads(qkv.get(1), b, t, c);
        NDArray v = heads(qkv.get(2), b, t, c);
        NDArray att = q.matMul(k.transpose(0, 1, 3, 2)).mul(Ops.scalar(q, (float) (1.0 / Math.sqrt(c.headDim()))));
        att = att.add(mask).softmax(-1);                              // (B, H, T, T)
        att = Dropout.apply(att, c.dropout(), training, key, layer, Dropout.Site.ATTENTION_WEIGHTS);
        return att.matMul(v).transpose(0, 2, 1, 3).reshape(b, t, c.width());
    }

    private static NDArray heads(NDArray x, long b, long t, GptConfig c) {
        return x.reshape(b, t, c.heads(), c.headDim()).transpose(0, 2, 1, 3);
    }
}
