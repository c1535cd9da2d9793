package dev.dlt.model.nn;

import ai.djl.ndarray.NDArray;

/**
 * One trainable tensor as the optimizer sees it.
 *
 * @param name  GPT-2 style name, e.g. {@code h.3.attn.c_attn.weight} (for a root layer)
 * @param array the tensor; owned by the model, never closed by the holder of a {@code Param}
 * @param decay whether AdamW applies weight decay (matrices yes; biases, LayerNorm and position table no)
 */
public record Param(String name, NDArray array, boolean decay) {}
