package dev.dlt.report.plot;

import dev.dlt.model.UserInputException;

/** Parses the tie vectors stored in the logs ({@code [0, 0, 2, 2]}, as {@code TieMap.toString()} writes). */
final class TieStates {

    private TieStates() {
    }

    static int[] parse(String text) {
        String body = text.strip();
        if (body.startsWith("[") && body.endsWith("]")) {
            body = body.substring(1, body.length() - 1);
        }
        if (body.isBlank()) {
            throw new UserInputException("empty tie state '" + text + "' in the logs");
        }
        String[] parts = body.split("[,\\s]+");
        int[] s = new int[parts.length];
        try {
            for (int i = 0; i < parts.length; i++) {
                s[i] = Integer.parseInt(parts[i].strip());
            }
        } catch (NumberFormatException e) {
            throw new UserInputException("malformed tie state '" + text + "' in the logs");
        }
        return s;
    }
}
