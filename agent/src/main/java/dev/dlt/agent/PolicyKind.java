package dev.dlt.agent;

import dev.dlt.model.UserInputException;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** The values of {@code --policy}, and the factory the trainer calls. */
public enum PolicyKind {
    DLT("dlt"),
    RANDOM("random"),
    CONVENTIONAL("conventional"),
    ALL_SHARED("all-shared"),
    SEQUENCE("sequence"),
    CYCLE("cycle"),
    CYCLE_REV("cycle-rev");

    private final String cliName;

    PolicyKind(String cliName) {
        this.cliName = cliName;
    }

    public String cliName() {
        return cliName;
    }

    /** @throws UserInputException naming the allowed values */
    public static PolicyKind parse(String name) {
        String key = name == null ? "" : name.trim().toLowerCase(Locale.ROOT);
        for (PolicyKind k : values()) {
            if (k.cliName.equals(key)) {
                return k;
            }
        }
        throw new UserInputException("unknown --policy '" + name + "': expected "
                + Arrays.stream(values()).map(PolicyKind::cliName).collect(Collectors.joining(", ")));
    }

    /**
     * A fresh policy for L layers. {@code distinct} is M for sequence/cycle/cycle-rev; 0 means
     * {@link SharingPattern#defaultDistinct}. The random agent uses {@code config.seed()}.
     */
    public TiePolicy create(int layers, AgentConfig config, int distinct) {
        int m = distinct == 0 ? SharingPattern.defaultDistinct(layers) : distinct;
        return switch (this) {
            case DLT -> new DltPolicy(config, layers);
            case RANDOM -> new RandomPolicy(layers, config.seed());
            case CONVENTIONAL -> StaticPolicy.of(SharingPattern.CONVENTIONAL, layers, m);
            case ALL_SHARED -> StaticPolicy.of(SharingPattern.ALL_SHARED, layers, m);
            case SEQUENCE -> StaticPolicy.of(SharingPattern.SEQUENCE, layers, m);
            case CYCLE -> StaticPolicy.of(SharingPattern.CYCLE, layers, m);
            case CYCLE_REV -> StaticPolicy.of(SharingPattern.CYCLE_REV, layers, m);
        };
    }
}
