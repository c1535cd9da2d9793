package dev.dlt.agent;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;

/** {@link AgentState} as bytes for checkpoints: exact (raw IEEE doubles), versioned, self-checking lengths. */
public final class AgentStateCodec {

    private static final int MAGIC = 0x444C5441; // "DLTA"
    private static final int VERSION = 1;

    private AgentStateCodec() {}

    public static byte[] encode(AgentState s) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (DataOutputStream out = new DataOutputStream(bytes)) {
            out.writeInt(MAGIC);
            out.writeInt(VERSION);
            out.writeInt(s.layers());
            out.writeInt(s.episodesDone());
            out.writeDouble(s.epsilon());
            out.writeLong(s.rngState());
            out.writeLong(s.adamStep());
            out.writeDouble(s.lastTdLoss());
            for (double[] a : new double[][] {s.parameters(), s.adamFirstMoment(), s.adamSecondMoment()}) {
                out.writeInt(a.length);
                for (double v : a) {
                    out.writeDouble(v);
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return bytes.toByteArray();
    }

    /** @throws IllegalArgumentException if the bytes are not an agent state of this version */
    public static AgentState decode(byte[] bytes) {
        try (DataInputStream in = new DataInputStream(new ByteArrayInputStream(bytes))) {
            if (in.readInt() != MAGIC || in.readInt() != VERSION) {
                throw new IllegalArgumentException("not a dlt agent state (bad magic or version)");
            }
            int layers = in.readInt();
            int episodes = in.readInt();
            double epsilon = in.readDouble();
            long rng = in.readLong();
            long adamStep = in.readLong();
            double td = in.readDouble();
            double[][] arrays = new double[3][];
            for (int k = 0; k < 3; k++) {
                int n = in.readInt();
                if (n < 0 || n > bytes.length / 8) {
                    throw new IllegalArgumentException("agent state array length " + n + " is impossible");
                }
                arrays[k] = new double[n];
                for (int i = 0; i < n; i++) {
                    arrays[k][i] = in.readDouble();
                }
            }
            if (in.available() != 0) {
                throw new IllegalArgumentException("agent state has " + in.available() + " trailing bytes");
            }
            return new AgentState(layers, episodes, epsilon, rng, adamStep, arrays[0], arrays[1], arrays[2], td);
        } catch (IOException e) {
            throw new IllegalArgumentException("agent state is truncated", e);
        }
    }
}
