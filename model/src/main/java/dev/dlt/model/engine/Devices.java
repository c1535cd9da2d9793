package dev.dlt.model.engine;

import ai.djl.Device;
import ai.djl.engine.Engine;
import dev.dlt.model.UserInputException;

/**
 * Device placement in one place: every tensor of a model lives on the device chosen here, and no model
 * code assumes the CPU. {@code auto} picks the first GPU when the CUDA build finds one.
 */
public final class Devices {

    private Devices() {}

    /** Parses {@code cpu}, {@code gpu}, {@code gpu:N} or {@code auto}. */
    public static Device parse(String spec) {
        String s = spec == null ? "auto" : spec.trim().toLowerCase();
        if (s.equals("auto")) {
            return Engine.getInstance().getGpuCount() > 0 ? Device.gpu() : Device.cpu();
        }
        if (s.equals("cpu")) {
            return Device.cpu();
        }
        if (s.equals("gpu") || s.startsWith("gpu:") || s.startsWith("cuda")) {
            int id = s.contains(":") ? parseId(s) : 0;
            int count = Engine.getInstance().getGpuCount();
            if (id >= count) {
                throw new UserInputException("device " + spec + " is not available: this build sees " + count
                        + " GPU(s); use --device cpu or build with -Pcuda on a CUDA machine");
            }
            return Device.gpu(id);
        }
        throw new UserInputException("unknown device '" + spec + "': expected auto, cpu, gpu or gpu:N");
    }

    private static int parseId(String s) {
        try {
            return Integer.parseInt(s.substring(s.indexOf(':') + 1));
        } catch (NumberFormatException e) {
            throw new UserInputException("invalid device '" + s + "': expected gpu:N with N a number");
        }
    }
}
