package dev.dlt.train;

import dev.dlt.model.UserInputException;

/** {@code --runtime}: who drives the model. */
public enum RuntimeKind {
    /** One thread drives the model: the reference. */
    LOCAL,
    /** The Pekko pipeline of layer-group actors. */
    ACTORS;

    public static RuntimeKind parse(String name) {
        return switch (name == null ? "" : name.trim().toLowerCase(java.util.Locale.ROOT)) {
            case "local" -> LOCAL;
            case "actors" -> ACTORS;
            default -> throw new UserInputException("unknown --runtime '" + name + "': expected local or actors");
        };
    }
}
